/**
 * The export of review outcomes (审核结果) through the shared export (server/core/workbook.ts): decided
 * revisions (published or returned), newest decision first, one line per revision and reviewer with the
 * reviewer's score per rubric dimension, their average and notes, the final score and the dates.
 *
 * What the caller sees: the revisions they reviewed, and as a trainer or admin those whose author's
 * department their scope covers (as for editing the course, server/authoring/access.ts). An unscoped trainer
 * or admin reads every decided revision; a reviewer alone reads theirs by an indexed `reviewerIds` query; a
 * scoped trainer or admin reads the decided revisions a page at a time and keeps those in scope (their
 * authors' departments are one read per page).
 *
 * The rubric is copied into each revision when it is submitted, so revisions can differ: the columns are the
 * dimensions of the current review settings (else of a decided revision's rubric), and any other dimension
 * a revision was scored on is written out in 其他维度.
 */
import type { CourseAuthoringDoc, CourseRevisionDoc, MemberDoc, ReviewSettingsDoc, RevisionReview, RubricDoc } from '../../typings/domain';
import { reviewExportContracts } from '../../typings/functions/review-exports';
import { AppError, byIds, COLLECTIONS, defineAction, findById, findOne, inScope, orderedPages, ownValue, scopeFor } from '../core';
import type { Database, Scope } from '../core';
import { beijingDate, beijingDateTime, startOfBeijingDay } from '../core/time';
import { exportRows, exportTable } from '../core/workbook';
import type { ExportCell, ExportColumn } from '../core/workbook';

/** One line: a decided revision and one of its reviews (null when it was decided without one). */
interface OutcomeLine {
  revision: CourseRevisionDoc;
  authorName: string;
  review: RevisionReview | null;
}

const DECISION_LABELS: Record<'published' | 'returned', string> = { published: '通过并发布', returned: '退回修改' };

/** The settings' rubric id (server/authoring/review.ts keeps the review gate's settings under it). */
const REVIEW_SETTINGS_ID = 'review';

/** The most lines one export holds (a company's reviews of several years). */
const MAX_LINES = 50_000;

const dateTime = (value: Date | null | undefined): ExportCell => (value ? beijingDateTime(new Date(value)) : null);

export function outcomesExport(dimensions: RubricDoc['dimensions']) {
  const known = new Set(dimensions.map((dimension) => dimension.id));
  const column = (header: string, width: number, cell: (line: OutcomeLine) => ExportCell): ExportColumn<OutcomeLine> => ({ header, width, cell });
  const scoreOf = (line: OutcomeLine, dimensionId: string): ExportCell => {
    const scores = line.review?.scores;
    return scores ? ((ownValue(scores, dimensionId) as number | undefined) ?? null) : null;
  };
  return exportTable<OutcomeLine>('审核结果', [
    column('课程', 30, (line) => line.revision.fields.title),
    column('版本', 6, (line) => line.revision.revision),
    column('作者', 12, (line) => line.authorName),
    column('审核员', 12, (line) => line.review?.reviewerName ?? null),
    column('结果', 10, (line) => DECISION_LABELS[line.revision.status as 'published' | 'returned'] ?? line.revision.status),
    ...dimensions.map((dimension) => column(`${dimension.name}（${dimension.weight}%）`, 14, (line) => scoreOf(line, dimension.id))),
    column('其他维度', 24, (line) => {
      const others = (line.revision.rubric?.dimensions ?? []).filter((dimension) => !known.has(dimension.id) && scoreOf(line, dimension.id) !== null);
      return others.length > 0 ? others.map((dimension) => `${dimension.name} ${scoreOf(line, dimension.id)}`).join('；') : null;
    }),
    column('审核员均分', 10, (line) => line.review?.average ?? null),
    column('最终得分', 10, (line) => line.revision.finalScore),
    column('通过分', 8, (line) => line.revision.rubric?.threshold ?? null),
    column('评语', 40, (line) => line.review?.notes ?? null),
    column('提交时间', 17, (line) => dateTime(line.revision.submittedAt)),
    column('评分时间', 17, (line) => dateTime(line.review?.scoredAt)),
    column('决定时间', 17, (line) => dateTime(line.revision.decidedAt)),
  ]);
}

/** The union of the caller's trainer and admin scopes, or null when they hold neither. */
function deskScope(member: MemberDoc): Scope | null {
  const scopes = [scopeFor(member, 'trainer'), scopeFor(member, 'admin')].filter((scope): scope is Scope => scope !== null);
  if (scopes.length === 0) return null;
  if (scopes.includes('all')) return 'all';
  return [...new Set(scopes.flat())].sort();
}

async function* outcomeLines(db: Database, member: MemberDoc, filter: Record<string, unknown>, scope: Scope | null): AsyncGenerator<OutcomeLine[]> {
  for await (const page of orderedPages<CourseRevisionDoc>(db, COLLECTIONS.courseRevisions, filter, 'decidedAt', 'desc', 500)) {
    const authoring = await byIds<CourseAuthoringDoc>(
      db,
      COLLECTIONS.courseAuthoring,
      page.map((revision) => revision.courseId),
    );
    const visible = page.filter((revision) => {
      if (scope === 'all' || revision.reviewerIds.includes(member._id)) return true;
      const author = authoring.get(revision.courseId);
      return author !== undefined && inScope(author.authorDepartmentId, scope);
    });
    yield visible.flatMap((revision): OutcomeLine[] => {
      const authorName = authoring.get(revision.courseId)?.authorName ?? '';
      const reviews = revision.reviews.filter((review) => review.scoredAt !== null);
      return reviews.length > 0 ? reviews.map((review) => ({ revision, authorName, review })) : [{ revision, authorName, review: null }];
    });
  }
}

export const exportReviewOutcomes = defineAction({
  ...reviewExportContracts.exportReviewOutcomes,
  roles: ['reviewer', 'trainer', 'admin'],
  async handler({ db, cloud, caller, input, now }) {
    const at = now();
    const _ = db.command;
    const member = caller.member;
    const scope = deskScope(member);
    const from = input.decidedFrom ? startOfBeijingDay(input.decidedFrom) : null;
    if (input.decidedFrom && !from) throw new AppError('INVALID_INPUT', '日期不存在');
    const decided: Record<string, unknown> = { status: _.in(['published', 'returned']), decidedAt: from ? _.gte(from) : _.neq(null) };
    // Only reviews of one's own when no trainer or admin grant widens it: an indexed query, nothing dropped.
    const filter = scope === null ? { ...decided, reviewerIds: member._id } : decided;
    const settings = await findById<ReviewSettingsDoc>(db, COLLECTIONS.authoringSettings, REVIEW_SETTINGS_ID);
    const newest = settings ? null : await findOne<CourseRevisionDoc>(db, COLLECTIONS.courseRevisions, filter);
    const dimensions = settings?.dimensions ?? newest?.rubric?.dimensions ?? [];
    return exportRows(cloud, outcomesExport(dimensions), outcomeLines(db, member, filter, scope), {
      label: `reviews/outcomes-${beijingDate(at)}`,
      ownerId: member._id,
      now: at,
      maxRows: MAX_LINES,
    });
  },
});
