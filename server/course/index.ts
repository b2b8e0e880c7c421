/** Area `course`: the micro-course catalogue. */
import type { CourseDoc } from '../../typings/domain';
import { courseContracts, CourseSummary } from '../../typings/functions/course';
import { COLLECTIONS, defineAction, defineFunction } from '../core';
import { isoDate, listPublished } from '../core/published';

function courseSummary(doc: CourseDoc): CourseSummary {
  return {
    id: doc._id,
    title: doc.title,
    summary: doc.summary,
    category: doc.category,
    format: doc.format,
    durationMinutes: doc.durationMinutes,
    tags: doc.tags,
    publishedAt: isoDate(doc.publishedAt),
  };
}

export const list = defineAction({
  ...courseContracts.list,
  roles: ['learner'],
  handler: ({ db, input }) => listPublished(db, COLLECTIONS.courses, input, courseSummary),
});

export const courseFunction = defineFunction({ name: 'course', actions: { list } });
