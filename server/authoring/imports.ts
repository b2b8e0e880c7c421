/**
 * Bulk import keys (the console's Markdown folder import, web/src/views/courses/import.vue): a course or
 * series made with an import key gets an id derived from its importer and the key, so re-running an import
 * finds what the first run made (importStatus) and a second create with the same key is refused inside the
 * create's transaction, however two runs interleave. Derived ids look like random ones (`c:`/`s:` + 16 hex),
 * so nothing else needs to know how an id was made.
 */
import { createHash } from 'node:crypto';
import type { CourseAuthoringDoc, SeriesDoc } from '../../typings/domain';
import type { ImportedCourseView, ImportedSeriesView } from '../../typings/functions/authoring';
import { byIds, COLLECTIONS } from '../core';
import type { Database } from '../core';

function derived(prefix: 'c' | 's', memberId: string, importKey: string): string {
  return `${prefix}:${createHash('sha256').update(`${prefix}\n${memberId}\n${importKey}`).digest('hex').slice(0, 16)}`;
}

export function importedCourseId(memberId: string, importKey: string): string {
  return derived('c', memberId, importKey);
}

export function importedSeriesId(memberId: string, importKey: string): string {
  return derived('s', memberId, importKey);
}

/** What `memberId`'s earlier imports made of these keys: two reads by id, whatever the number of keys. */
export async function importStatus(
  db: Database,
  memberId: string,
  courseKeys: readonly string[],
  seriesKeys: readonly string[],
): Promise<{ courses: ImportedCourseView[]; series: ImportedSeriesView[] }> {
  const courseIds = new Map(courseKeys.map((key) => [importedCourseId(memberId, key), key]));
  const seriesIds = new Map(seriesKeys.map((key) => [importedSeriesId(memberId, key), key]));
  const [courses, series] = await Promise.all([
    byIds<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, [...courseIds.keys()]),
    byIds<SeriesDoc>(db, COLLECTIONS.series, [...seriesIds.keys()]),
  ]);
  return {
    courses: [...courses.values()].map((course) => ({
      importKey: courseIds.get(course._id) as string,
      courseId: course._id,
      title: course.title,
      courseStatus: course.courseStatus,
      openStatus: course.openStatus,
    })),
    series: [...series.values()].map((entry) => ({ importKey: seriesIds.get(entry._id) as string, seriesId: entry._id, status: entry.status })),
  };
}
