/**
 * 我的创作: an author's published (and archived) courses with their figures, their level and the progress to
 * the next, and the points authoring has paid them. Counters come from the course documents (maintained as
 * learners study), valid time and quiz takers from the report rollup's course totals, comments and points
 * from one aggregation each: a fixed number of reads however many learners the courses have.
 */
import type { CourseDoc, ReportCourseDeptDoc } from '../../typings/domain';
import { AUTHORING_EVENT_TYPES } from '../../typings/functions/points';
import type { CreationCourseView, MyCreationsView } from '../../typings/functions/authors';
import { byIds, COLLECTIONS } from '../core';
import type { Database } from '../core';
import { figuresOf, levelView, publishedCoursesOf, readAuthorSettings, reviewAuthorLevel } from './levels';
import { awardsOf } from './awards';

/** The report rollup's id of a course's all-departments total (server/report/course-rollup.ts, `courseDeptId(courseId, '*')`). */
const courseTotalId = (courseId: string): string => `${courseId}|*`;

const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

async function commentCounts(db: Database, courseIds: string[]): Promise<Map<string, number>> {
  if (courseIds.length === 0) return new Map();
  const $ = db.command.aggregate;
  const grouped = (await db
    .collection(COLLECTIONS.courseRatings)
    .aggregate()
    .match({ courseId: db.command.in(courseIds), hasComment: true })
    .group({ _id: '$courseId', comments: $.sum(1) })
    .limit(1000)
    .end()) as unknown as { list: { _id: string; comments: number }[] };
  return new Map(grouped.list.map((row) => [row._id, row.comments]));
}

async function authoringPoints(db: Database, memberId: string): Promise<number> {
  const $ = db.command.aggregate;
  const grouped = (await db
    .collection(COLLECTIONS.pointsLedger)
    .aggregate()
    .match({ memberId, reason: db.command.in([...AUTHORING_EVENT_TYPES, 'author_award']) })
    .group({ _id: null, points: $.sum('$amount') })
    .end()) as unknown as { list: { points: number }[] };
  return grouped.list[0]?.points ?? 0;
}

function courseView(course: CourseDoc, total: ReportCourseDeptDoc | undefined, comments: number): CreationCourseView {
  const { learners, completions, ratingCount, ratingSum } = course.stats;
  return {
    courseId: course._id,
    title: course.title,
    status: course.status,
    learners,
    completions,
    completionRate: percent(completions, learners),
    studyMinutes: Math.round((total?.studyMs ?? 0) / 60_000),
    ratingAverage: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 10) / 10 : null,
    ratingCount,
    comments,
    quizPassRate: course.quiz && total ? percent(total.quizPassers, total.quizTakers) : null,
  };
}

export async function myCreations(db: Database, memberId: string, now: Date): Promise<MyCreationsView> {
  const [{ courses }, settings] = await Promise.all([publishedCoursesOf(db, memberId), readAuthorSettings(db)]);
  const shown = [...courses.values()].sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)).slice(0, 100);
  const ids = shown.map((course) => course._id);
  const figures = figuresOf([...courses.values()].filter((course) => course.status === 'published'));
  const [totals, comments, pointsEarned, level, awards] = await Promise.all([
    byIds<ReportCourseDeptDoc>(db, COLLECTIONS.reportCourseDepts, ids.map(courseTotalId)),
    commentCounts(db, ids),
    authoringPoints(db, memberId),
    // Looked at on read too, so a level is never waiting for the timer.
    reviewAuthorLevel(db, memberId, figures, settings.levels, now),
    awardsOf(db, memberId),
  ]);
  return {
    level: levelView(level, figures, settings.levels),
    figures,
    pointsEarned,
    courses: shown.map((course) => courseView(course, totals.get(courseTotalId(course._id)), comments.get(course._id) ?? 0)),
    awards,
  };
}
