/**
 * Annual author awards (年度作者评选). One document per year (`authorAwardYears/y<year>`) holds the list.
 *
 * Selection: a company-wide admin runs it for a year; the candidates come from the year's figures, read in a
 * fixed number of queries however many learners there are:
 * - 最受欢迎作者: most learners who started one of the author's courses that year, from the report rollup's
 *   course totals (`reportCourseDepts` `<courseId>|*`, weekly figures keyed by ISO week `YYYY-Www`: a year's
 *   learners are the weeks `<year>-W..`, so the few days an ISO week-year differs from the calendar year
 *   count in the neighbouring year);
 * - 最佳口碑作者: best average of the ratings given (or last changed) that year, over at least `minRatings`
 *   of them (one aggregation of `courseRatings` by course);
 * - 最大进步作者: most learners gained over the year before, among authors who had learners then;
 * plus 特别奖 an admin names by hand. Ties go to the lower member id. The draft may be selected again (the
 * computed awards are replaced, named ones kept) and edited until it is published.
 *
 * Publishing happens once: a transaction moves the year from `draft` to `published` (parallel publishes
 * conflict on the document; the losers find it published and are refused, writing nothing). Then each
 * award is settled, every step keyed by the award so that repeating it writes nothing: the points through
 * the ledger (entry key `author_award:<year>:<awardId>:<memberId>`, points/credit.ts), the certificate
 * (`author_award:<year>:<awardId>:<memberId>`, server/core/certificates.ts), the notification
 * (`author_award:<year>:<awardId>:<memberId>`, server/core/notify.ts); last, `settledAt` and the codes are
 * written. A publish that died before `settledAt` is resumed by publishing again after RESUME_AFTER_MS.
 */
import sumBy from 'lodash/sumBy';
import type { CertificateDoc, MemberDoc } from '../../typings/domain';
import type {
  AuthorAwardBadge,
  AuthorAwardKind,
  AuthorAwardView,
  AuthorAwardYearView,
  ComputedAwardKind,
  PublishAuthorAwardsResult,
} from '../../typings/functions/author-awards';
import { AppError, byIds, COLLECTIONS, docsOf, findById, forEachDoc, recordAudit, transactWithBackoff, txGet, txPut } from '../core';
import type { AuditActor, Database } from '../core';
import { certificateNumber, certificatePage, issueCertificate } from '../core/certificates';
import { notify } from '../core/notify';
import { beijingDate, beijingYear, startOfBeijingYear } from '../core/time';
import { creditOnce } from '../points';
import type { AuthorAwardDoc, AuthorAwardYearDoc } from '../../typings/docs/authoring';

/** A publish whose settling has not finished this long after it began is taken for dead and resumed. */
export const RESUME_AFTER_MS = 60_000;

export const AWARD_TITLES: Record<ComputedAwardKind, string> = {
  most_learners: '年度最受欢迎作者',
  best_rated: '年度最佳口碑作者',
  most_improved: '年度最大进步作者',
};

export const awardYearId = (year: number): string => `y${year}`;
export const awardLedgerKey = (year: number, award: Pick<AuthorAwardDoc, 'awardId' | 'memberId'>): string =>
  `author_award:${year}:${award.awardId}:${award.memberId}`;
const awardSource = (year: number, awardId: string): string => `${year}:${awardId}`;

/** One author's figures for the selection. */
export interface AuthorYearFigures {
  learners: number;
  previousLearners: number;
  ratingCount: number;
  ratingSum: number;
}

export type ComputedCandidate = { kind: ComputedAwardKind; memberId: string; basis: string };

/** The year's winners by the figures (pure: a test feeds it a constructed data set). */
export function pickCandidates(figures: ReadonlyMap<string, AuthorYearFigures>, minRatings: number): ComputedCandidate[] {
  const authors = [...figures.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const best = (score: (f: AuthorYearFigures) => number | null): [string, AuthorYearFigures] | null => {
    let top: [string, AuthorYearFigures] | null = null;
    let topScore = -Infinity;
    for (const entry of authors) {
      const value = score(entry[1]);
      if (value !== null && value > topScore) {
        top = entry;
        topScore = value;
      }
    }
    return top;
  };
  const picks: ComputedCandidate[] = [];
  const popular = best((f) => (f.learners > 0 ? f.learners : null));
  if (popular) picks.push({ kind: 'most_learners', memberId: popular[0], basis: `全年学员 ${popular[1].learners} 人` });
  const average = (f: AuthorYearFigures) => Math.round((f.ratingSum / f.ratingCount) * 100) / 100;
  const rated = best((f) => (f.ratingCount >= minRatings ? average(f) : null));
  if (rated) picks.push({ kind: 'best_rated', memberId: rated[0], basis: `全年平均评分 ${average(rated[1])}（${rated[1].ratingCount} 条评分）` });
  const gain = (f: AuthorYearFigures) => f.learners - f.previousLearners;
  const improved = best((f) => (f.previousLearners > 0 && gain(f) > 0 ? gain(f) : null));
  if (improved)
    picks.push({
      kind: 'most_improved',
      memberId: improved[0],
      basis: `学员 ${improved[1].previousLearners} → ${improved[1].learners} 人（增加 ${gain(improved[1])} 人）`,
    });
  return picks;
}

const BATCH = 1000;

/** Learners per course for the year and the year before, from the rollup's course totals. */
async function learnersByCourse(db: Database, year: number): Promise<Map<string, { learners: number; previous: number }>> {
  const byCourse = new Map<string, { learners: number; previous: number }>();
  const now = `${year}-W`;
  const before = `${year - 1}-W`;
  await forEachDoc<{ _id: string; courseId: string; weeks: Record<string, { learners: number }> }>(
    db,
    COLLECTIONS.reportCourseDepts,
    { departmentId: '*' },
    (doc) => {
      let learners = 0;
      let previous = 0;
      for (const [week, sums] of Object.entries(doc.weeks ?? {})) {
        if (week.startsWith(now)) learners += sums.learners;
        else if (week.startsWith(before)) previous += sums.learners;
      }
      if (learners > 0 || previous > 0) byCourse.set(doc.courseId, { learners, previous });
    },
    { courseId: true, weeks: true },
  );
  return byCourse;
}

/** Ratings given or last changed in the Beijing year, per course (one aggregation). */
async function ratingsByCourse(db: Database, year: number): Promise<Map<string, { count: number; sum: number }>> {
  const _ = db.command;
  const $ = _.aggregate;
  const grouped = (await db
    .collection(COLLECTIONS.courseRatings)
    .aggregate()
    .match({ updatedAt: _.gte(startOfBeijingYear(year)).and(_.lt(startOfBeijingYear(year + 1))) })
    .group({ _id: '$courseId', count: $.sum(1), sum: $.sum('$rating') })
    .limit(BATCH)
    .end()) as unknown as { list: { _id: string; count: number; sum: number }[] };
  return new Map(grouped.list.map((row) => [row._id, { count: row.count, sum: row.sum }]));
}

/** Every author's figures for `year`: the rollup's totals, one aggregation, and the courses' authors. */
export async function yearFigures(db: Database, year: number): Promise<Map<string, AuthorYearFigures>> {
  const [learners, ratings] = await Promise.all([learnersByCourse(db, year), ratingsByCourse(db, year)]);
  const courseIds = [...new Set([...learners.keys(), ...ratings.keys()])];
  const authors = new Map<string, string>();
  for (let start = 0; start < courseIds.length; start += BATCH) {
    const courses = await byIds<{ _id: string; authorId: string }>(db, COLLECTIONS.courses, courseIds.slice(start, start + BATCH));
    for (const [id, course] of courses) authors.set(id, course.authorId);
  }
  const figures = new Map<string, AuthorYearFigures>();
  for (const courseId of courseIds) {
    const authorId = authors.get(courseId);
    if (!authorId) continue;
    const f = figures.get(authorId) ?? { learners: 0, previousLearners: 0, ratingCount: 0, ratingSum: 0 };
    f.learners += learners.get(courseId)?.learners ?? 0;
    f.previousLearners += learners.get(courseId)?.previous ?? 0;
    f.ratingCount += ratings.get(courseId)?.count ?? 0;
    f.ratingSum += ratings.get(courseId)?.sum ?? 0;
    figures.set(authorId, f);
  }
  return figures;
}

function assertYear(year: number, now: Date): void {
  if (year > beijingYear(now)) throw new AppError('INVALID_INPUT', `${year} 年尚未开始，不能评选`);
}

const summary = (doc: Pick<AuthorAwardYearDoc, 'awards' | 'status'> | null) =>
  doc ? { status: doc.status, awards: doc.awards.map((award) => `${award.title}：${award.memberName}（${award.points} 积分）`) } : null;

const auditTarget = (year: number) => ({ kind: 'award_year' as const, id: awardYearId(year), name: `${year} 年度作者评选` });

function awardView(award: AuthorAwardDoc, codes: Record<string, string>): AuthorAwardView {
  return {
    awardId: award.awardId,
    kind: award.kind,
    title: award.title,
    memberId: award.memberId,
    memberName: award.memberName,
    departmentPath: award.departmentPath,
    basis: award.basis,
    points: award.points,
    certificateCode: codes[award.awardId] ?? null,
  };
}

/** Published years, newest first (one read). */
async function publishedYears(db: Database): Promise<number[]> {
  const docs = await docsOf<{ year: number }>(
    db.collection(COLLECTIONS.authorAwardYears).where({ status: 'published' }).orderBy('year', 'desc').limit(50).field({ year: true }),
  );
  return docs.map((doc) => doc.year);
}

export function yearView(year: number, doc: AuthorAwardYearDoc | null, years: number[]): AuthorAwardYearView {
  return {
    year,
    status: doc?.status ?? 'none',
    minRatings: doc?.minRatings ?? 10,
    awards: (doc?.awards ?? []).map((award) => awardView(award, doc?.codes ?? {})),
    updatedAt: doc?.updatedAt.toISOString() ?? null,
    publishedAt: doc?.publishedAt?.toISOString() ?? null,
    publishedYears: years,
  };
}

/** A year's list as the caller may see it: a draft only for company-wide admins. */
export async function readAwardYear(db: Database, year: number, seesDraft: boolean): Promise<AuthorAwardYearView> {
  const [doc, years] = await Promise.all([findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(year)), publishedYears(db)]);
  if (doc && doc.status !== 'published' && !seesDraft) return yearView(year, null, years);
  return yearView(year, doc, years);
}

/** The winners of a published year for members (the newest when `year` is absent). */
export async function readWinners(db: Database, year: number | undefined, now: Date): Promise<AuthorAwardYearView> {
  const years = await publishedYears(db);
  const shown = year ?? years[0];
  if (shown === undefined) return yearView(beijingYear(now), null, years);
  if (!years.includes(shown)) return yearView(shown, null, years);
  return yearView(shown, await findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(shown)), years);
}

/** An author's awards of published years, newest first (one indexed read). */
export async function awardsOf(db: Database, memberId: string): Promise<AuthorAwardBadge[]> {
  const docs = await docsOf<AuthorAwardYearDoc>(
    db.collection(COLLECTIONS.authorAwardYears).where({ winnerIds: memberId, status: 'published' }).orderBy('year', 'desc').limit(20),
  );
  return docs.flatMap((doc) =>
    doc.awards
      .filter((award) => award.memberId === memberId)
      .map((award) => ({
        year: doc.year,
        awardId: award.awardId,
        kind: award.kind,
        title: award.title,
        basis: award.basis,
        points: award.points,
        certificateCode: doc.codes[award.awardId] ?? null,
      })),
  );
}

function assertDraft(doc: AuthorAwardYearDoc | null): void {
  if (doc?.status === 'published') throw new AppError('CONFLICT', `${doc.year} 年度评选已发布，不能再修改`);
}

function winnerFields(member: MemberDoc): Pick<AuthorAwardDoc, 'memberName' | 'departmentId' | 'departmentPath'> {
  return { memberName: member.name, departmentId: member.departmentId, departmentPath: member.departmentPath };
}

/** Writes the draft (created or replaced) with its audit record in one transaction. */
async function writeDraft(
  db: Database,
  year: number,
  actor: AuditActor & { id: string },
  at: Date,
  build: (current: AuthorAwardYearDoc | null) => Pick<AuthorAwardYearDoc, 'awards' | 'minRatings' | 'nextNumber'>,
): Promise<AuthorAwardYearDoc> {
  // Checked before the transaction too, so a refused edit costs no transaction.
  assertDraft(await findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(year)));
  const outcome = await transactWithBackoff(db, async (tx) => {
    const current = await txGet<AuthorAwardYearDoc>(tx, COLLECTIONS.authorAwardYears, awardYearId(year));
    if (current?.status === 'published') return { refused: current };
    const built = build(current);
    const doc: AuthorAwardYearDoc = {
      _id: awardYearId(year),
      year,
      status: 'draft',
      ...built,
      winnerIds: [...new Set(built.awards.map((award) => award.memberId))],
      codes: {},
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      updatedBy: actor.id,
      publishedAt: null,
      publishedBy: null,
      settledAt: null,
    };
    await txPut(tx, COLLECTIONS.authorAwardYears, doc);
    await recordAudit(tx, { actor, action: 'author_awards', target: auditTarget(year), before: summary(current), after: summary(doc), at });
    return { doc };
  });
  if ('refused' in outcome) {
    assertDraft(outcome.refused ?? null);
    throw new AppError('CONFLICT');
  }
  return outcome.doc;
}

export interface SelectionInput {
  year: number;
  minRatings: number;
  points: Record<ComputedAwardKind, number>;
}

/** Runs the selection into the draft: computed awards replaced, named awards kept. */
export async function selectAwards(db: Database, input: SelectionInput, actor: AuditActor & { id: string }, now: Date): Promise<AuthorAwardYearView> {
  assertYear(input.year, now);
  assertDraft(await findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(input.year)));
  const picks = pickCandidates(await yearFigures(db, input.year), input.minRatings);
  const members = await byIds<MemberDoc>(
    db,
    COLLECTIONS.members,
    picks.map((pick) => pick.memberId),
  );
  const doc = await writeDraft(db, input.year, actor, now, (current) => {
    let next = current?.nextNumber ?? 1;
    const computed: AuthorAwardDoc[] = picks.flatMap((pick) => {
      const member = members.get(pick.memberId);
      if (!member) return [];
      const award: AuthorAwardDoc = {
        awardId: `a${next}`,
        kind: pick.kind,
        title: AWARD_TITLES[pick.kind],
        memberId: pick.memberId,
        ...winnerFields(member),
        basis: pick.basis,
        points: input.points[pick.kind],
      };
      next += 1;
      return [award];
    });
    const named = (current?.awards ?? []).filter((award) => award.kind === 'named');
    return { awards: [...computed, ...named], minRatings: input.minRatings, nextNumber: next };
  });
  return yearView(input.year, doc, await publishedYears(db));
}

export interface AwardEdit {
  awardId?: string;
  kind: AuthorAwardKind;
  title: string;
  memberId: string;
  basis: string;
  points: number;
}

/** Replaces the draft's list: awards named by id are kept with their ids, the others get new ones. */
export async function saveAwards(
  db: Database,
  year: number,
  edits: readonly AwardEdit[],
  actor: AuditActor & { id: string },
  now: Date,
): Promise<AuthorAwardYearView> {
  assertYear(year, now);
  const stored = await findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(year));
  if (!stored) throw new AppError('NOT_FOUND', `${year} 年度尚未评选，请先生成候选名单`);
  assertDraft(stored);
  const ids = edits.flatMap((edit) => (edit.awardId ? [edit.awardId] : []));
  if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', '奖项重复');
  const members = await byIds<MemberDoc>(
    db,
    COLLECTIONS.members,
    edits.map((edit) => edit.memberId),
  );
  const missing = edits.find((edit) => !members.get(edit.memberId));
  if (missing) throw new AppError('NOT_FOUND', '获奖成员不存在');
  const doc = await writeDraft(db, year, actor, now, (current) => {
    const known = new Set((current?.awards ?? []).map((award) => award.awardId));
    let next = current?.nextNumber ?? 1;
    const awards = edits.map((edit): AuthorAwardDoc => {
      const member = members.get(edit.memberId) as MemberDoc;
      const awardId = edit.awardId && known.has(edit.awardId) ? edit.awardId : `a${next++}`;
      return { awardId, kind: edit.kind, title: edit.title, memberId: edit.memberId, ...winnerFields(member), basis: edit.basis, points: edit.points };
    });
    return { awards, minRatings: current?.minRatings ?? stored.minRatings, nextNumber: next };
  });
  return yearView(year, doc, await publishedYears(db));
}

/** Pays, certifies and notifies one award; every step is keyed by the award, so repeating it writes nothing. */
async function settleAward(db: Database, year: number, award: AuthorAwardDoc, at: Date): Promise<{ paid: boolean; code: string }> {
  const source = awardSource(year, award.awardId);
  const owner = { _id: award.memberId, name: award.memberName, departmentId: award.departmentId, departmentPath: award.departmentPath };
  const paid =
    award.points > 0
      ? (
          await creditOnce(db, owner, {
            idempotencyKey: awardLedgerKey(year, award),
            amount: award.points,
            reason: 'author_award',
            source,
            note: `${year} ${award.title}`,
            at,
          })
        ).posted
      : false;
  const certificate = await issueCertificate<CertificateDoc>(
    db,
    {
      kind: 'author_award',
      source,
      memberId: award.memberId,
      memberName: award.memberName,
      departmentPath: award.departmentPath,
      achievement: `${year} ${award.title}`,
      detail: award.basis,
      number: certificateNumber('ND', beijingDate(at), `${source}:${award.memberId}`),
    },
    at,
    { notifyIssued: false },
  );
  await notify(
    db,
    [
      {
        memberId: award.memberId,
        kind: 'author_award',
        source,
        title: `荣获${year}${award.title}`,
        body: award.points > 0 ? `获得 ${award.points} 积分和荣誉证书` : '获得荣誉证书',
        page: certificatePage(certificate.code),
      },
    ],
    at,
  );
  return { paid, code: certificate.code };
}

/** Publishes the year's draft once, then settles every award (see the module header). */
export async function publishAwards(db: Database, year: number, actor: AuditActor & { id: string }, now: Date): Promise<PublishAuthorAwardsResult> {
  assertYear(year, now);
  const before = await findById<AuthorAwardYearDoc>(db, COLLECTIONS.authorAwardYears, awardYearId(year));
  const refusal = (doc: AuthorAwardYearDoc | null): AppError | null => {
    if (!doc) return new AppError('NOT_FOUND', `${year} 年度尚未评选，请先生成候选名单`);
    if (doc.status === 'published') {
      const resumable = doc.settledAt === null && doc.publishedAt !== null && now.getTime() - doc.publishedAt.getTime() >= RESUME_AFTER_MS;
      return resumable ? null : new AppError('CONFLICT', `${year} 年度评选已发布`);
    }
    if (doc.awards.length === 0) return new AppError('CONFLICT', '评选名单为空，不能发布');
    return null;
  };
  const early = refusal(before);
  if (early) throw early;
  // The transaction's answer says what happened; a refusal is thrown outside it (a CONFLICT thrown inside
  // would be retried as a write conflict).
  const outcome = await transactWithBackoff(db, async (tx) => {
    const current = await txGet<AuthorAwardYearDoc>(tx, COLLECTIONS.authorAwardYears, awardYearId(year));
    const refused = refusal(current ?? null);
    if (refused || !current) return { refused };
    if (current.status === 'published') return { doc: current };
    const doc: AuthorAwardYearDoc = { ...current, status: 'published', publishedAt: now, publishedBy: actor.id, updatedAt: now };
    await txPut(tx, COLLECTIONS.authorAwardYears, doc);
    await recordAudit(tx, { actor, action: 'author_awards', target: auditTarget(year), before: summary(current), after: summary(doc), at: now });
    return { doc };
  });
  if (!outcome.doc) throw outcome.refused ?? new AppError('CONFLICT');
  const doc = outcome.doc;
  const codes: Record<string, string> = {};
  let paid = 0;
  // One after another: an author holding two awards would otherwise race themself on their points account.
  for (const award of doc.awards) {
    const settled = await settleAward(db, year, award, now);
    codes[award.awardId] = settled.code;
    if (settled.paid) paid += 1;
  }
  await db
    .collection(COLLECTIONS.authorAwardYears)
    .doc(doc._id)
    .update({ data: { settledAt: now, codes: db.command.set(codes) } });
  return { year, awards: doc.awards.length, paid, points: sumBy(doc.awards, (award) => award.points) };
}
