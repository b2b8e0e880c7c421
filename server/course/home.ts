/**
 * The 学习 home (`course.home`) and 我的学习 (`course.myLearning`). Every home section is a bounded list
 * (HOME_LIMITS), read by index with a limit; the sections are read in parallel. The catalogue's part (the
 * newest visible courses, the series shelf, assigned series) is the same for every learner of the same
 * audiences and is kept per function instance for CATALOGUE_TTL_MS; what is the learner's own (assignments,
 * records) and the courses named by them are read on every load. Database operations per home load are
 * counted in test/server/course/operations.test.ts.
 */
import type { AssignmentDoc, Audience, CourseDoc, LearningRecordDoc, SeriesDoc } from '../../typings/domain';
import {
  type ContinueItem,
  courseContracts,
  HOME_LIMITS,
  type HomeView,
  type LearningHistoryItem,
  type MyLearningView,
  type RequiredItem,
} from '../../typings/functions/course';
import { InstanceCache } from '../core/instance-cache';
import { COLLECTIONS, type Database, defineAction, findPage, pageOf, type SortKey, tempUrls, type UrlMap, urlOf } from '../core';
import { isoDate } from '../core/published';
import { studyTotals } from '../core/study-totals';
import { activeAssignmentsFor, requiredItemsOf } from '../assignment';
import { audiencesOf, visibleCondition } from '../core/visibility';
import { recordsOf } from '../learning';
import { NEWEST_FIRST, SUMMARY_FIELDS } from './catalogue';
import { byIds, docsOf } from '../core/db';
import { visibleSeriesFirst } from './series';
import { courseSummary, seriesSummary } from './views';

/** Newest courses looked at to find the recommended ones the learner has not started. */
const RECOMMENDATION_POOL = 20;

const RECENT_FIRST: readonly SortKey[] = [
  { field: 'lastStudiedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

async function recentRecords(db: Database, memberId: string): Promise<LearningRecordDoc[]> {
  return docsOf<LearningRecordDoc>(
    db.collection(COLLECTIONS.learningRecords).where({ memberId, completed: false }).orderBy('lastStudiedAt', 'desc').limit(HOME_LIMITS.continueLearning),
  );
}

async function newestVisible(db: Database, audiences: readonly Audience[]): Promise<CourseDoc[]> {
  let query = db.collection(COLLECTIONS.courses).where(visibleCondition(db, audiences)).field(SUMMARY_FIELDS);
  for (const key of NEWEST_FIRST) query = query.orderBy(key.field, key.direction);
  return docsOf<CourseDoc>(query.limit(RECOMMENDATION_POOL));
}

/**
 * How long an instance shows the same catalogue on the home page: after an announcement a crowd opens it at
 * once, and every load would otherwise read the same newest courses and series shelf (two reads of 20 and
 * HOME_LIMITS.series documents) and the same assigned series. A course or series published, edited or
 * withdrawn shows there within this delay; its own page always reads it fresh (a withdrawn course still
 * recommended answers NOT_FOUND when opened). Entries are per audience set, so a learner only ever sees
 * what their audiences may see. Chosen: 10 s.
 */
export const CATALOGUE_TTL_MS = 10_000;

interface CatalogueShelves {
  pool: CourseDoc[];
  shelf: SeriesDoc[];
}

const shelvesByAudience = new InstanceCache<CatalogueShelves>(CATALOGUE_TTL_MS, 200);
const seriesByIds = new InstanceCache<Map<string, SeriesDoc>>(CATALOGUE_TTL_MS, 200);

/** Forgets the kept catalogue (tests that publish between two loads of the home page). */
export function forgetHomeCatalogue(): void {
  shelvesByAudience.clear();
  seriesByIds.clear();
}

function catalogueShelves(db: Database, audiences: readonly Audience[]): Promise<CatalogueShelves> {
  const key = [...audiences].sort().join('|');
  return shelvesByAudience.get(key, async () => {
    const [pool, shelf] = await Promise.all([newestVisible(db, audiences), visibleSeriesFirst(db, audiences, HOME_LIMITS.series)]);
    return { pool, shelf };
  });
}

/** The series the learner's assignments name, by id, kept per instance like the shelves. */
function assignedSeriesOf(db: Database, ids: readonly string[]): Promise<Map<string, SeriesDoc>> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return Promise.resolve(new Map());
  return seriesByIds.get(unique.join('|'), () => byIds<SeriesDoc>(db, COLLECTIONS.series, unique));
}

/** Overdue first, then those still to do, each by the nearest due day. */
function byUrgency(a: Pick<RequiredItem, 'overdue' | 'completed' | 'dueDay' | 'assignmentId'>, b: typeof a): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.completed !== b.completed) return a.completed ? 1 : -1;
  return a.dueDay.localeCompare(b.dueDay) || a.assignmentId.localeCompare(b.assignmentId);
}

function requiredItems(assignments: readonly AssignmentDoc[], completed: ReadonlySet<string>, now: Date) {
  return requiredItemsOf(assignments, completed, now)
    .map((item) => ({
      assignmentId: item.assignmentId,
      kind: item.courseId ? ('course' as const) : ('series' as const),
      targetId: (item.courseId ?? item.seriesId) as string,
      dueDay: item.dueDay,
      overdue: item.overdue,
      completed: item.completed,
    }))
    .filter((item) => item.targetId)
    .sort(byUrgency)
    .slice(0, HOME_LIMITS.required);
}

/** A required item's progress, 0–100; a completed one is 100 whatever the records say. */
function requiredPercent(
  item: { kind: 'course' | 'series'; targetId: string; completed: boolean },
  records: ReadonlyMap<string, LearningRecordDoc>,
  series: SeriesDoc | undefined,
  seriesDone: ReadonlySet<string>,
): number {
  if (item.completed) return 100;
  if (item.kind === 'course') return Math.min(100, Math.round(records.get(item.targetId)?.percent ?? 0));
  if (!series || series.courseIds.length === 0) return 0;
  return Math.round((series.courseIds.filter((id) => seriesDone.has(id)).length / series.courseIds.length) * 100);
}

function continueItem(course: CourseDoc, record: LearningRecordDoc, urls: UrlMap): ContinueItem {
  return { ...courseSummary(course, urls), percent: record.percent, lastStudiedAt: isoDate(record.lastStudiedAt) };
}

/**
 * Two rounds of reads in parallel: the member's active assignments, recent records, the newest visible courses
 * and the first series (kept per instance); then the courses and series those name (series kept per
 * instance) and, in one query, the member's records of every course the page shows a state for
 * (recommendations, required courses and series, the series shelf).
 */
export const home = defineAction({
  ...courseContracts.home,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, now }): Promise<HomeView> => {
    const at = now();
    const member = caller.member;
    const audiences = audiencesOf(member, at);
    const [assignments, recent, { pool, shelf }] = await Promise.all([
      activeAssignmentsFor(db, member, at),
      recentRecords(db, member._id),
      catalogueShelves(db, audiences),
    ]);
    const assignedCourseIds = assignments.flatMap((assignment) => (assignment.courseId ? [assignment.courseId] : []));
    const assignedSeriesIds = assignments.flatMap((assignment) => (assignment.courseId ? [] : assignment.seriesId ? [assignment.seriesId] : []));
    const [courses, assignedSeries, records] = await Promise.all([
      byIds<CourseDoc>(db, COLLECTIONS.courses, [...assignedCourseIds, ...recent.map((record) => record.courseId)]),
      assignedSeriesOf(db, assignedSeriesIds),
      recordsOf(db, member._id, [
        ...pool.map((course) => course._id),
        ...assignments.flatMap((assignment) => assignment.courseIds),
        ...shelf.flatMap((series) => series.courseIds),
      ]),
    ]);
    // A required series counts the courses it holds now; one added after the assignment was made is read
    // with the records above only when the shelf shows the series too, and counts as not completed otherwise.
    const completed = new Set([...records.values()].filter((record) => record.completed).map((record) => record.courseId));
    const required = requiredItems(assignments, completed, at);
    const requiredSeries = new Map(
      required.flatMap((item) =>
        item.kind === 'series' && assignedSeries.has(item.targetId) ? [[item.targetId, assignedSeries.get(item.targetId) as SeriesDoc]] : [],
      ),
    );
    const recommended = pool.filter((course) => !records.has(course._id)).slice(0, HOME_LIMITS.recommended);
    const requiredCourses = required.flatMap((item) => (item.kind === 'course' && courses.has(item.targetId) ? [courses.get(item.targetId) as CourseDoc] : []));
    const urls = await tempUrls(cloud, [
      ...requiredCourses.map((course) => course.cover),
      ...recent.flatMap((record) => (courses.has(record.courseId) ? [(courses.get(record.courseId) as CourseDoc).cover] : [])),
      ...[...requiredSeries.values()].map((series) => series.cover),
      ...recommended.map((course) => course.cover),
      ...shelf.map((series) => series.cover),
    ]);
    return {
      required: required.flatMap((item): RequiredItem[] => {
        const target = item.kind === 'course' ? courses.get(item.targetId) : requiredSeries.get(item.targetId);
        if (!target) return [];
        return [
          {
            ...item,
            title: target.title,
            coverUrl: urlOf(urls, target.cover),
            percent: requiredPercent(item, records, requiredSeries.get(item.targetId), completed),
          },
        ];
      }),
      continueLearning: recent.flatMap((record) => {
        const course = courses.get(record.courseId);
        return course && course.status === 'published' ? [continueItem(course, record, urls)] : [];
      }),
      recommended: recommended.map((course) => courseSummary(course, urls)),
      series: shelf.map((series) => seriesSummary(series, urls, completed)),
    };
  },
});

export const myLearning = defineAction({
  ...courseContracts.myLearning,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input }): Promise<MyLearningView> => {
    const memberId = caller.member._id;
    const filter: Record<string, unknown> = input.completedOnly ? { memberId, completed: true } : { memberId };
    const [found, totals] = await Promise.all([
      findPage<LearningRecordDoc>(db, COLLECTIONS.learningRecords, filter, RECENT_FIRST, input),
      studyTotals(db, memberId),
    ]);
    const courses = await byIds<CourseDoc>(
      db,
      COLLECTIONS.courses,
      found.docs.map((record) => record.courseId),
    );
    const urls = await tempUrls(
      cloud,
      [...courses.values()].map((course) => course.cover),
    );
    const page = pageOf(found, input, (record): LearningHistoryItem | null => {
      const course = courses.get(record.courseId);
      if (!course) return null;
      return {
        ...continueItem(course, record, urls),
        completed: record.completed,
        completedAt: isoDate(record.completedAt),
        studySeconds: Math.floor(record.studyMs / 1000),
      };
    });
    return {
      ...page,
      items: page.items.filter((item): item is LearningHistoryItem => item !== null),
      totals: {
        studySeconds: Math.floor(totals.studyMs / 1000),
        coursesStarted: totals.coursesStarted,
        coursesCompleted: totals.coursesCompleted,
      },
    };
  },
});
