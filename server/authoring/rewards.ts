/**
 * Authoring rewards (创作积分): what a course earns its author, paid through the points ledger on the admin's
 * earning rules (积分规则), each source once:
 * - `course_published`, source = course id: the course's first revision passes review (paid right after the
 *   reviewer's decision, see `payPublication`);
 * - `course_learner`, source = `<courseId>:<learnerId>`: a learner completes the course (not the author);
 * - `course_rated`, source = course id: the course's average reaches the standard with enough ratings;
 * - `course_award`, source = `<awardDocId>:<courseId>`: a contest award won by an entry holding the course.
 *
 * The last three are derived after the fact by `runAuthorRewards` (the authoring function's timer, hourly),
 * never in the learner's request: a completion costs the learner nothing more, and 500 learners completing
 * one author's course at once do not queue on the author's points account. The run reads what changed since
 * its watermarks (completions by `completedAt`, ratings by `updatedAt`, awards by `decidedAt`, each with the
 * `_id` as tie-break), up to `SETTLE_MS` ago so a write still committing is not stepped over, and pays each
 * one through `awardPointsForEvent`, whose ledger id comes from the source: a page read twice (a run that
 * stopped before saving its watermark, two runs at once) pays nothing twice, and the daily caps of the
 * Beijing day of the completion hold as for every earning.
 */
import groupBy from 'lodash/groupBy';
import sum from 'lodash/sum';
import type { ContestAwardDoc, ContestEntryCourseDoc, CourseDoc, LearningRecordDoc, CourseRatingDoc } from '../../typings/domain';
import type { AuthorRewardsRunResult } from '../../typings/functions/authors';
import { byIds, COLLECTIONS, docsOf, findById } from '../core';
import type { CollectionName, Database } from '../core';
import { awardPointsForEvent } from '../points';
import type { PointsEventType } from '../points';
import { readAuthorSettings, refreshAuthorLevel } from './levels';
import type { RewardsStateDoc, Watermark } from '../../typings/docs/authoring';

export const REWARDS_STATE_ID = 'rewards';

/** Longer than any function's timeout: a completion committed later than this after its `completedAt` cannot exist. */
export const SETTLE_MS = 2 * 60_000;
/** A run stops starting pages after this, well inside the function's timeout. */
const RUN_BUDGET_MS = 12_000;
const PAGE = 100;

type Source = 'completions' | 'ratings' | 'awards';

/** One page after the watermark, oldest first, up to `until`. */
async function pageAfter<T>(db: Database, collection: CollectionName, field: string, mark: Watermark | null, until: Date): Promise<T[]> {
  const _ = db.command;
  const from = mark ?? { at: new Date(0), id: '' };
  const filter = _.or([_.and([{ [field]: _.gt(from.at) }, { [field]: _.lte(until) }]), { [field]: from.at, _id: _.gt(from.id) }]);
  return docsOf<T>(
    db
      .collection(collection)
      .where(filter as unknown as Record<string, unknown>)
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(PAGE),
  );
}

async function saveMark(db: Database, source: Source, mark: Watermark, at: Date): Promise<void> {
  await db
    .collection(COLLECTIONS.authoringSettings)
    .doc(REWARDS_STATE_ID)
    .update({ data: { [source]: db.command.set(mark), updatedAt: at } });
}

interface Payment {
  type: PointsEventType;
  authorId: string;
  sourceId: string;
  occurredAt: Date;
}

/** Pays in parallel across authors, one after another for each author (their points account is one document). */
async function pay(db: Database, payments: readonly Payment[]): Promise<number> {
  const paid = await Promise.all(
    Object.values(groupBy(payments, (payment) => payment.authorId)).map(async (list) => {
      let count = 0;
      for (const payment of list) {
        const { awarded } = await awardPointsForEvent(db, {
          type: payment.type,
          memberId: payment.authorId,
          sourceId: payment.sourceId,
          occurredAt: payment.occurredAt,
        });
        if (awarded > 0) count += 1;
      }
      return count;
    }),
  );
  return sum(paid);
}

function completionPayments(records: readonly LearningRecordDoc[], courses: Map<string, CourseDoc>): Payment[] {
  return records.flatMap((record) => {
    const authorId = courses.get(record.courseId)?.authorId;
    if (!authorId || authorId === record.memberId || !record.completedAt) return [];
    return [{ type: 'course_learner' as const, authorId, sourceId: `${record.courseId}:${record.memberId}`, occurredAt: record.completedAt }];
  });
}

function ratingPayments(ratings: readonly CourseRatingDoc[], courses: Map<string, CourseDoc>, standard: { minAverage: number; minRatings: number }): Payment[] {
  const latest = new Map<string, Date>();
  for (const rating of ratings) latest.set(rating.courseId, rating.updatedAt);
  return [...latest].flatMap(([courseId, at]) => {
    const course = courses.get(courseId);
    if (!course || course.stats.ratingCount < standard.minRatings) return [];
    if (course.stats.ratingSum / course.stats.ratingCount < standard.minAverage) return [];
    return [{ type: 'course_rated' as const, authorId: course.authorId, sourceId: courseId, occurredAt: at }];
  });
}

async function awardPayments(db: Database, awards: readonly ContestAwardDoc[]): Promise<Payment[]> {
  const entryIds = [...new Set(awards.flatMap((award) => award.entryIds))];
  if (entryIds.length === 0) return [];
  const held = await docsOf<ContestEntryCourseDoc>(
    db
      .collection(COLLECTIONS.contestEntryCourses)
      .where({ entryId: db.command.in(entryIds) })
      .limit(1000),
  );
  const courses = await byIds<CourseDoc>(
    db,
    COLLECTIONS.courses,
    held.map((doc) => doc.courseId),
  );
  return awards.flatMap((award) =>
    held
      .filter((doc) => award.entryIds.includes(doc.entryId))
      .flatMap((doc) => {
        const course = courses.get(doc.courseId);
        return course
          ? [{ type: 'course_award' as const, authorId: course.authorId, sourceId: `${award._id}:${course._id}`, occurredAt: award.decidedAt }]
          : [];
      }),
  );
}

const markOf = (doc: { _id: string }, at: Date): Watermark => ({ at, id: doc._id });

/** Pays what authoring earned since the last run, then looks again at the levels of the authors it paid. */
export async function runAuthorRewards(db: Database, now: Date): Promise<AuthorRewardsRunResult> {
  const started = Date.now();
  const until = new Date(now.getTime() - SETTLE_MS);
  const settings = await readAuthorSettings(db);
  let state = await findById<RewardsStateDoc>(db, COLLECTIONS.authoringSettings, REWARDS_STATE_ID);
  if (!state) {
    state = { _id: REWARDS_STATE_ID, completions: null, ratings: null, awards: null, updatedAt: now };
    await db
      .collection(COLLECTIONS.authoringSettings)
      .doc(REWARDS_STATE_ID)
      .set({ data: { completions: null, ratings: null, awards: null, updatedAt: now } });
  }
  const result: AuthorRewardsRunResult = { learners: 0, rated: 0, awards: 0, authors: 0, more: false };
  const touched = new Set<string>();
  const outOfTime = () => Date.now() - started > RUN_BUDGET_MS;

  /** Reads pages of one source until it is drained or the time is up; answers the payments made. */
  async function drain<T extends { _id: string }>(
    source: Source,
    collection: CollectionName,
    field: keyof T & string,
    payments: (docs: T[]) => Promise<Payment[]>,
  ): Promise<number> {
    let mark = (state as RewardsStateDoc)[source];
    let paid = 0;
    for (;;) {
      if (outOfTime()) {
        result.more = true;
        return paid;
      }
      const docs = await pageAfter<T>(db, collection, field, mark, until);
      const last = docs[docs.length - 1];
      if (!last) return paid;
      const due = await payments(docs);
      paid += await pay(db, due);
      for (const payment of due) touched.add(payment.authorId);
      mark = markOf(last, last[field] as unknown as Date);
      await saveMark(db, source, mark, now);
      if (docs.length < PAGE) return paid;
    }
  }

  const coursesOf = (ids: string[]) => byIds<CourseDoc>(db, COLLECTIONS.courses, ids);
  result.learners = await drain<LearningRecordDoc>('completions', COLLECTIONS.learningRecords, 'completedAt', async (records) =>
    completionPayments(records, await coursesOf(records.map((record) => record.courseId))),
  );
  result.rated = await drain<CourseRatingDoc>('ratings', COLLECTIONS.courseRatings, 'updatedAt', async (ratings) =>
    ratingPayments(ratings, await coursesOf(ratings.map((rating) => rating.courseId)), settings.ratedCourse),
  );
  result.awards = await drain<ContestAwardDoc>('awards', COLLECTIONS.contestAwards, 'decidedAt', (awards) => awardPayments(db, awards));

  for (const authorId of touched) await refreshAuthorLevel(db, authorId, settings.levels, now);
  result.authors = touched.size;
  return result;
}

/** Pays the author of a course whose first revision just passed review, and looks at their level again. */
export async function payPublication(db: Database, courseId: string, authorId: string, decidedAt: Date, now: Date): Promise<void> {
  await awardPointsForEvent(db, { type: 'course_published', memberId: authorId, sourceId: courseId, occurredAt: decidedAt });
  await refreshAuthorLevel(db, authorId, (await readAuthorSettings(db)).levels, now);
}
