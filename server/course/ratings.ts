/**
 * Ratings (1–5) and comments: one per member and course (`_id` = `<courseId>:<memberId>`), updatable. A
 * comment passes WeChat's content check first (server/core/wechat.ts).
 *
 * A trainer's announcement sends a crowd to rate one course at once, so the course's count and sum are not
 * written in the rating's transaction: the rating and the shard of the member (`courseRatingShards`,
 * `<courseId>:<shard>` by member hash) commit together, and colleagues on other shards never meet. Two on
 * one shard wait out each other (transactWithBackoff). Then the shards are summed into the course's
 * `stats` with one conditional update that only moves forward: every shard write adds 1 to its `version`,
 * so a sum read later carries a larger total version, and an older sum never overwrites a newer one.
 */
import type { CourseDoc, CourseRatingDoc } from '../../typings/domain';
import { courseContracts, type RateResult, type RatingView } from '../../typings/functions/course';
import { AppError, checkText, COLLECTIONS, defineAction, findPage, pageOf, type SortKey, transactWithBackoff, txGet } from '../core';
import type { Database } from '../core';
import { insertOnce } from '../core/once';
import { hashShard } from '../core/shards';
import { isoDate } from '../core/published';
import { loadVisibleCourse } from '../core/visibility';
import type { CourseRatingShardDoc } from '../../typings/docs/course';

export function ratingId(courseId: string, memberId: string): string {
  return `${courseId}:${memberId}`;
}

/** Enough that 20 colleagues at once rarely share one (chosen); the sum reads them in one query. */
export const RATING_SHARDS = 16;

const shardId = (courseId: string, shard: number): string => `${courseId}:${shard}`;

/**
 * Sums the shards into the course's stats, unless a newer sum is there already; answers the sum. A plain
 * `stats` object in an update sets only the fields it names, so learners and completions stay
 * (https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/command/Command.set.md).
 */
async function rollUpRatings(db: Database, courseId: string): Promise<{ ratingCount: number; ratingSum: number }> {
  const _ = db.command;
  const { data } = (await db
    .collection(COLLECTIONS.courseRatingShards)
    .where({ courseId })
    .limit(RATING_SHARDS + 1)
    .get()) as unknown as { data: CourseRatingShardDoc[] };
  const sum = { ratingCount: 0, ratingSum: 0, version: 0 };
  for (const shard of data) {
    sum.ratingCount += shard.ratingCount;
    sum.ratingSum += shard.ratingSum;
    sum.version += shard.version;
  }
  await db
    .collection(COLLECTIONS.courses)
    .where(_.and([{ _id: courseId }, _.or([{ ratingVersion: _.lt(sum.version) }, { ratingVersion: _.exists(false) }])]) as unknown as Record<string, unknown>)
    .update({ data: { stats: { ratingCount: sum.ratingCount, ratingSum: sum.ratingSum }, ratingVersion: sum.version } });
  return sum;
}

/** The shard holding what a course's stats counted before ratings were sharded. */
const LEGACY_SHARD = -1;

/**
 * A course rated before ratings were sharded has its count and sum in `stats` and no shards: the first
 * rating since seeds them as one extra shard, once (a fixed id written once), so the roll-up keeps them.
 * Costs nothing once the course carries `ratingVersion`.
 */
async function seedLegacyShard(db: Database, course: CourseDoc): Promise<void> {
  if (course.ratingVersion !== undefined || !course.stats?.ratingCount) return;
  await insertOnce<CourseRatingShardDoc>(db, COLLECTIONS.courseRatingShards, {
    _id: shardId(course._id, LEGACY_SHARD),
    courseId: course._id,
    shard: LEGACY_SHARD,
    ratingCount: course.stats.ratingCount,
    ratingSum: course.stats.ratingSum,
    version: 0,
  });
}

export const rate = defineAction({
  ...courseContracts.rate,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }): Promise<RateResult> => {
    const at = now();
    const member = caller.member;
    const course = await loadVisibleCourse(db, member, input.courseId, at);
    await seedLegacyShard(db, course);
    if (input.comment) await checkText(cloud, caller.openid, input.comment);
    const id = ratingId(input.courseId, member._id);
    const shard = hashShard(member._id, RATING_SHARDS);
    await transactWithBackoff(db, async (tx) => {
      const before = await txGet<CourseRatingDoc>(tx, COLLECTIONS.courseRatings, id);
      const part = await txGet<CourseRatingShardDoc>(tx, COLLECTIONS.courseRatingShards, shardId(input.courseId, shard));
      const doc: Omit<CourseRatingDoc, '_id'> = {
        courseId: input.courseId,
        memberId: member._id,
        memberName: member.name,
        rating: input.rating,
        comment: input.comment,
        hasComment: input.comment.length > 0,
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      };
      await tx.collection(COLLECTIONS.courseRatings).doc(id).set({ data: doc });
      const next: Omit<CourseRatingShardDoc, '_id'> = {
        courseId: input.courseId,
        shard,
        ratingCount: (part?.ratingCount ?? 0) + (before ? 0 : 1),
        ratingSum: (part?.ratingSum ?? 0) + input.rating - (before?.rating ?? 0),
        version: (part?.version ?? 0) + 1,
      };
      await tx.collection(COLLECTIONS.courseRatingShards).doc(shardId(input.courseId, shard)).set({ data: next });
    });
    const { ratingCount, ratingSum } = await rollUpRatings(db, input.courseId);
    if (ratingCount <= 0) throw new AppError('NOT_FOUND');
    return { rating: input.rating, comment: input.comment, ratingCount, average: Math.round((ratingSum / ratingCount) * 10) / 10 };
  },
});

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'updatedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export const comments = defineAction({
  ...courseContracts.comments,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    await loadVisibleCourse(db, caller.member, input.courseId, now());
    const found = await findPage<CourseRatingDoc>(db, COLLECTIONS.courseRatings, { courseId: input.courseId, hasComment: true }, NEWEST_FIRST, input);
    return pageOf(
      found,
      input,
      (doc): RatingView => ({
        courseId: doc.courseId,
        rating: doc.rating,
        comment: doc.comment,
        memberName: doc.memberName,
        updatedAt: isoDate(doc.updatedAt) ?? '',
      }),
    );
  },
});
