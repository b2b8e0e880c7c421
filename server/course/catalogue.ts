/** The catalogue (`course.list`) and one course (`course.detail`). */
import type { CourseDoc, CourseRatingDoc, LearningRecordDoc } from '../../typings/domain';
import { courseContracts, type CourseContentView, type CourseDetail, type TakeawayFileUrl } from '../../typings/functions/course';
import { AppError, COLLECTIONS, defineAction, findById, findPage, pageOf, type SortKey, takeawayFileUrl, tempUrls, type UrlMap, urlOf } from '../core';
import { escapeRegExp } from '../core/scope';
import { audiencesOf, loadVisibleCourse, visibleCondition } from '../core/visibility';
import { assertUnlocked, describeRule, lockState, progressView, recordId } from '../learning';
import { ratingId } from './ratings';
import { courseSummary, hasQuiz, quizInfo } from './views';

export const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'publishedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/** Lists show summaries: a course's content (blocks, media ids) stays in the database. */
export const SUMMARY_FIELDS = { content: false, files: false } as const;

export const list = defineAction({
  ...courseContracts.list,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const _ = db.command;
    const conditions: Record<string, unknown>[] = [visibleCondition(db, audiencesOf(caller.member, now()))];
    if (input.category) conditions.push({ category: input.category });
    if (input.format) conditions.push({ format: input.format });
    if (input.seriesId) conditions.push({ seriesIds: input.seriesId });
    if (input.keyword) {
      const pattern = db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' });
      // A regular expression on an array field matches any element: titles and tags.
      conditions.push(_.or([{ title: pattern }, { tags: pattern }]) as unknown as Record<string, unknown>);
    }
    const filter = conditions.length === 1 ? (conditions[0] as Record<string, unknown>) : (_.and(conditions) as unknown as Record<string, unknown>);
    const found = await findPage<CourseDoc>(db, COLLECTIONS.courses, filter, NEWEST_FIRST, input, { fields: SUMMARY_FIELDS });
    const urls = await tempUrls(
      cloud,
      found.docs.map((doc) => doc.cover),
    );
    return pageOf(found, input, (doc) => courseSummary(doc, urls));
  },
});

export function contentView(course: Pick<CourseDoc, 'content'>, urls: UrlMap): CourseContentView {
  return {
    blocks: course.content.blocks.map((block) =>
      block.type === 'image' ? { type: 'image' as const, url: urlOf(urls, block.fileID) ?? '', ...(block.caption ? { caption: block.caption } : {}) } : block,
    ),
    mediaUrl: urlOf(urls, course.content.mediaFileID),
    narrationUrl: urlOf(urls, course.content.narrationFileID),
    h5Url: course.content.h5Url ?? null,
    mediaSeconds: course.content.mediaSeconds ?? null,
  };
}

export const detail = defineAction({
  ...courseContracts.detail,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }): Promise<CourseDetail> => {
    const member = caller.member;
    const course = await loadVisibleCourse(db, member, input.courseId, now());
    const [lock, record, rating] = await Promise.all([
      lockState(db, member._id, course),
      findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, recordId(member._id, course._id)),
      findById<CourseRatingDoc>(db, COLLECTIONS.courseRatings, ratingId(course._id, member._id)),
    ]);
    const files = lock.locked
      ? [course.cover]
      : [
          course.cover,
          course.content.mediaFileID,
          course.content.narrationFileID,
          ...course.content.blocks.map((block) => (block.type === 'image' ? block.fileID : null)),
        ];
    const urls = await tempUrls(cloud, files);
    return {
      ...courseSummary(course, urls),
      revision: course.revision,
      content: lock.locked ? null : contentView(course, urls),
      locked: lock.locked,
      lockedReason: lock.reason,
      series: lock.positions,
      quiz: hasQuiz(course.quiz) ? quizInfo(course.quiz, record) : null,
      progress: record ? progressView(record) : null,
      myRating: rating ? { rating: rating.rating, comment: rating.comment } : null,
      completionRule: describeRule(course),
      files: lock.locked ? [] : (course.files ?? []).map(({ name, fileType, size }) => ({ name, fileType, size })),
    };
  },
});

/**
 * One take-away file's download URL, for a member who may see the course (NOT_FOUND otherwise, as `detail`)
 * and has unlocked it: the course's read, the series' read when it is in a step-by-step series, then the
 * media gate's read and one getTempFileURL call.
 */
export const fileUrl = defineAction({
  ...courseContracts.fileUrl,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }): Promise<TakeawayFileUrl> => {
    const course = await loadVisibleCourse(db, caller.member, input.courseId, now());
    const file = course.files?.[input.index];
    if (!file) throw new AppError('NOT_FOUND', '资料不存在，请刷新课程后再试');
    await assertUnlocked(db, caller.member._id, course);
    return takeawayFileUrl(cloud, file);
  },
});
