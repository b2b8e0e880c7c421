/** Series (系列课): the list, and one series with each course's lock state and the caller's progress. */
import type { CourseDoc, SeriesDoc } from '../../typings/domain';
import { courseContracts, type SeriesCourse, type SeriesDetail } from '../../typings/functions/course';
import { AppError, COLLECTIONS, type Database, defineAction, findById, findPage, pageOf, tempUrls } from '../core';
import { audiencesOf, isVisible, visibleCondition } from '../core/visibility';
import { completedSet, recordsOf } from '../learning';
import { NEWEST_FIRST } from './catalogue';
import { byIds, docsOf } from '../core/db';
import { courseSummary, seriesSummary } from './views';

/** A series of at most this many courses (authoring enforces it); lists of ids stay within one query. */
const MAX_SERIES_COURSES = 100;

/** Published series for `audiences`, newest first, one page (the list and the home share it). */
export async function visibleSeriesPage(db: Database, audiences: Parameters<typeof visibleCondition>[1], page: { page: number; pageSize: number }) {
  return findPage<SeriesDoc>(db, COLLECTIONS.series, visibleCondition(db, audiences), NEWEST_FIRST, page);
}

/** The first `limit` of those, without the count a page needs (the home page's shelf). */
export async function visibleSeriesFirst(db: Database, audiences: Parameters<typeof visibleCondition>[1], limit: number): Promise<SeriesDoc[]> {
  let query = db.collection(COLLECTIONS.series).where(visibleCondition(db, audiences));
  for (const key of NEWEST_FIRST) query = query.orderBy(key.field, key.direction);
  return docsOf<SeriesDoc>(query.limit(limit));
}

export const seriesList = defineAction({
  ...courseContracts.seriesList,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const found = await visibleSeriesPage(db, audiencesOf(caller.member, now()), input);
    const [urls, completed] = await Promise.all([
      tempUrls(
        cloud,
        found.docs.map((series) => series.cover),
      ),
      completedSet(
        db,
        caller.member._id,
        found.docs.flatMap((series) => series.courseIds),
      ),
    ]);
    return pageOf(found, input, (series) => seriesSummary(series, urls, completed));
  },
});

export const seriesDetail = defineAction({
  ...courseContracts.seriesDetail,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }): Promise<SeriesDetail> => {
    const audiences = audiencesOf(caller.member, now());
    const series = await findById<SeriesDoc>(db, COLLECTIONS.series, input.seriesId);
    if (!series || !isVisible(series, audiences)) throw new AppError('NOT_FOUND', '系列不存在或未对你开放');
    const courseIds = series.courseIds.slice(0, MAX_SERIES_COURSES);
    const [byId, records] = await Promise.all([byIds<CourseDoc>(db, COLLECTIONS.courses, courseIds), recordsOf(db, caller.member._id, courseIds)]);
    const urls = await tempUrls(cloud, [series.cover, ...[...byId.values()].map((course) => course.cover)]);
    const completed = new Set([...records.values()].filter((record) => record.completed).map((record) => record.courseId));
    const courses: SeriesCourse[] = [];
    courseIds.forEach((courseId, index) => {
      const course = byId.get(courseId);
      if (!course || !isVisible(course, audiences)) return;
      const previous = index > 0 ? (courseIds[index - 1] as string) : null;
      courses.push({
        ...courseSummary(course, urls),
        index,
        locked: series.stepUnlock && previous !== null && !completed.has(previous),
        completed: completed.has(courseId),
        percent: records.get(courseId)?.percent ?? 0,
      });
    });
    return { ...seriesSummary(series, urls, completed), courses };
  },
});
