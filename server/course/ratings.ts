/**
 * Ratings (1–5) and comments: one per member and course (`_id` = `<courseId>:<memberId>`), updatable; the
 * course's ratingCount/ratingSum move in the same transaction. A comment passes WeChat's content check first
 * (server/core/wechat.ts).
 */
import type { CourseRatingDoc } from '../../typings/domain';
import { courseContracts, RateResult, RatingView } from '../../typings/functions/course';
import { AppError, checkText, COLLECTIONS, defineAction, findPage, pageOf, runTransaction, SortKey, txGet } from '../core';
import { isoDate } from '../core/published';
import { loadVisibleCourse } from './access';

export function ratingId(courseId: string, memberId: string): string {
  return `${courseId}:${memberId}`;
}

export const rate = defineAction({
  ...courseContracts.rate,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }): Promise<RateResult> => {
    const at = now();
    const member = caller.member;
    await loadVisibleCourse(db, member, input.courseId, at);
    if (input.comment) await checkText(cloud, caller.openid, input.comment);
    const id = ratingId(input.courseId, member._id);
    return runTransaction(db, async (tx) => {
      const before = await txGet<CourseRatingDoc>(tx, COLLECTIONS.courseRatings, id);
      const course = await txGet<{ stats?: { ratingCount: number; ratingSum: number } }>(tx, COLLECTIONS.courses, input.courseId);
      if (!course) throw new AppError('NOT_FOUND');
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
      const ratingCount = (course.stats?.ratingCount ?? 0) + (before ? 0 : 1);
      const ratingSum = (course.stats?.ratingSum ?? 0) + input.rating - (before?.rating ?? 0);
      await tx.collection(COLLECTIONS.courses).doc(input.courseId).update({ data: { stats: { ratingCount, ratingSum } } });
      return { rating: input.rating, comment: input.comment, ratingCount, average: Math.round((ratingSum / ratingCount) * 10) / 10 };
    });
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
    return pageOf(found, input, (doc): RatingView => ({
      courseId: doc.courseId,
      rating: doc.rating,
      comment: doc.comment,
      memberName: doc.memberName,
      updatedAt: isoDate(doc.updatedAt) ?? '',
    }));
  },
});
