/**
 * The review gate (审核): settings, choosing reviewers, and deciding from the scores. A revision is published
 * only when every assigned reviewer scored it and the average of their weighted averages reaches the
 * threshold; otherwise it returns to the author with the notes.
 */
import meanBy from 'lodash/meanBy';
import type { CourseAuthoringDoc, CourseRevisionDoc, MemberDoc, ReviewSettingsDoc, RubricDoc } from '../../typings/domain';
import type { ReviewSettings } from '../../typings/functions/authoring';
import { AppError, COLLECTIONS, findById, inScope, ownValue, scopeFor } from '../core';
import type { Database, Tx } from '../core';
import { txPut } from '../core/transaction';
import { publishInTx } from './revisions';

export const REVIEW_SETTINGS_ID = 'review';

/** Used until an admin saves settings (chosen: three common dimensions, 1–5, pass at 3.5, two reviewers). */
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  dimensions: [
    { id: 'accuracy', name: '内容准确', weight: 40 },
    { id: 'structure', name: '结构清晰', weight: 30 },
    { id: 'engagement', name: '形式生动', weight: 30 },
  ],
  scale: '1-5',
  threshold: 3.5,
  reviewersPerRevision: 2,
};

export function scaleBounds(scale: RubricDoc['scale']): { min: number; max: number } {
  return scale === '1-5' ? { min: 1, max: 5 } : { min: 0, max: 100 };
}

export async function readReviewSettings(db: Database): Promise<ReviewSettings> {
  const doc = await findById<ReviewSettingsDoc>(db, COLLECTIONS.authoringSettings, REVIEW_SETTINGS_ID);
  if (!doc) return DEFAULT_REVIEW_SETTINGS;
  return { dimensions: doc.dimensions, scale: doc.scale, threshold: doc.threshold, reviewersPerRevision: doc.reviewersPerRevision };
}

export function assertSettings(settings: ReviewSettings): void {
  const ids = new Set(settings.dimensions.map((dimension) => dimension.id));
  if (ids.size !== settings.dimensions.length) throw new AppError('INVALID_INPUT', '评分维度的编号不能重复');
  const { min, max } = scaleBounds(settings.scale);
  if (settings.threshold < min || settings.threshold > max) throw new AppError('INVALID_INPUT', `通过分数应在 ${min} 到 ${max} 之间`);
}

/** Stable small hash, so the choice among equally suited reviewers spreads over revisions deterministically. */
function hash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ (char.codePointAt(0) as number), 16777619) >>> 0;
  return value;
}

/** Reviewers read per submission; a company has a handful (chosen bound, documented). */
const REVIEWER_POOL_LIMIT = 200;

/**
 * Picks up to `count` active reviewers other than the author and the revision's `editors`, preferring those
 * whose reviewer scope covers the author's department; the rotation depends on the revision so work spreads.
 */
export async function chooseReviewers(
  db: Database,
  author: Pick<CourseAuthoringDoc, 'authorId' | 'authorDepartmentId'>,
  editors: readonly string[],
  seed: string,
  count: number,
): Promise<MemberDoc[]> {
  const result = (await db.collection(COLLECTIONS.members).where({ 'roles.role': 'reviewer', active: true }).limit(REVIEWER_POOL_LIMIT).get()) as unknown as {
    data: MemberDoc[];
  };
  const eligible = result.data.filter((member) => member._id !== author.authorId && !editors.includes(member._id));
  const rank = (member: MemberDoc) => (inScope(author.authorDepartmentId, scopeFor(member, 'reviewer')) ? 0 : 1);
  eligible.sort((a, b) => rank(a) - rank(b) || hash(`${seed}|${a._id}`) - hash(`${seed}|${b._id}`) || a._id.localeCompare(b._id));
  const covering = eligible.filter((member) => rank(member) === 0);
  return (covering.length > 0 ? covering : eligible).slice(0, count);
}

export function weightedAverage(rubric: RubricDoc, scores: Record<string, number>): number {
  let total = 0;
  let weights = 0;
  for (const dimension of rubric.dimensions) {
    total += (ownValue(scores, dimension.id) as number) * dimension.weight;
    weights += dimension.weight;
  }
  return round2(total / weights);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function assertScores(rubric: RubricDoc, scores: Record<string, number>): void {
  const { min, max } = scaleBounds(rubric.scale);
  for (const dimension of rubric.dimensions) {
    const value = ownValue(scores, dimension.id);
    if (value === undefined) throw new AppError('INVALID_INPUT', `请为「${dimension.name}」打分`);
    if (!Number.isInteger(value) || value < min || value > max) throw new AppError('INVALID_INPUT', `「${dimension.name}」的分数应为 ${min} 到 ${max} 的整数`);
  }
  const known = new Set(rubric.dimensions.map((dimension) => dimension.id));
  const unknown = Object.keys(scores).find((key) => !known.has(key));
  if (unknown !== undefined) throw new AppError('INVALID_INPUT', `不存在的评分维度：${unknown}`);
}

/**
 * Records one reviewer's scores inside a transaction and, when they were the last, decides: publish, or
 * return to the author. Scoring twice is refused (a retry of the same scores answers the stored state).
 */
export async function scoreInTx(
  tx: Tx,
  revision: CourseRevisionDoc,
  authoring: CourseAuthoringDoc,
  reviewerId: string,
  scores: Record<string, number>,
  notes: string,
  now: Date,
): Promise<{ revision: CourseRevisionDoc; authoring: CourseAuthoringDoc }> {
  const rubric = revision.rubric;
  if (revision.status !== 'in_review' || !rubric) throw new AppError('CONFLICT', '该课程当前不在审核中');
  const mine = revision.reviews.find((review) => review.reviewerId === reviewerId);
  if (!mine) throw new AppError('FORBIDDEN', '你不是这门课程的审核员');
  if (mine.scores) {
    if (JSON.stringify(mine.scores) === JSON.stringify(scores) && mine.notes === notes) return { revision, authoring };
    throw new AppError('CONFLICT', '你已经提交过评分');
  }
  assertScores(rubric, scores);
  const reviews = revision.reviews.map((review) =>
    review.reviewerId === reviewerId ? { ...review, scores, average: weightedAverage(rubric, scores), notes, scoredAt: now } : review,
  );
  const pending = revision.pendingReviewerIds.filter((id) => id !== reviewerId);
  let next: CourseRevisionDoc = { ...revision, reviews, pendingReviewerIds: pending, updatedAt: now };
  if (pending.length === 0) {
    const finalScore = round2(meanBy(reviews, (review) => review.average as number));
    const passed = finalScore >= rubric.threshold;
    next = { ...next, finalScore, status: passed ? 'published' : 'returned', decidedAt: now };
    await txPut(tx, COLLECTIONS.courseRevisions, next);
    if (passed) return { revision: next, authoring: await publishInTx(tx, authoring, next, now) };
    const returned: CourseAuthoringDoc = {
      ...authoring,
      openStatus: 'returned',
      courseStatus: authoring.publishedRevision > 0 ? authoring.courseStatus : 'draft',
      updatedAt: now,
    };
    await txPut(tx, COLLECTIONS.courseAuthoring, returned);
    return { revision: next, authoring: returned };
  }
  await txPut(tx, COLLECTIONS.courseRevisions, next);
  return { revision: next, authoring };
}
