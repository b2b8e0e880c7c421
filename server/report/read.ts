/**
 * Report reads (学习分析): only rollup documents and maintained counters, bounded per page view. A caller's
 * scope is the union of their trainer and admin grants; `departmentId` narrows it to a subtree inside it.
 */
import type { DepartmentDoc, MemberDoc } from '../../typings/domain';
import type { ReportActivityDoc, ReportCourseDeptDoc, ReportDeptDoc, ReportSums, WeekSums } from '../../typings/docs/report';
import { TIME_SLOTS } from '../../typings/docs/report';
import type { PageInput, Page } from '../../typings/functions/paging';
import type { CourseReportDetail, CourseReportRow, DepartmentReportRow, HeatmapView, TrendWeek } from '../../typings/functions/report';
import type { COURSE_REPORT_SORTS } from '../../typings/functions/report';
import { AppError, COLLECTIONS, type Database, findPage, inScope, pageOf, scopeCondition, scopeFor } from '../core';
import type { Scope } from '../core';
import { byIds, docsOf } from '../core/db';
import { beijingDate } from '../core/time';
import { lastWeeks } from '../core/calendar';
import { ALL_DEPARTMENTS } from './course-fold';
import { forEachDoc } from '../core/db';
import { addSums, addWeeks, figuresOf, SUM_FIELDS, sumsOf, zeroSums } from './sums';

export type CourseSort = (typeof COURSE_REPORT_SORTS)[number];

/** The departments the caller reports on: their trainer and admin scopes together, narrowed to `departmentId`. */
export function reportScope(member: Pick<MemberDoc, 'roles'>, departmentId: string | undefined): Scope {
  const scopes = [scopeFor(member, 'trainer'), scopeFor(member, 'admin')].filter((scope): scope is Scope => scope !== null);
  const scope: Scope = scopes.includes('all') ? 'all' : [...new Set(scopes.flat() as string[])];
  if (departmentId === undefined) return scope;
  if (!inScope(departmentId, scope)) throw new AppError('FORBIDDEN', '该部门不在你的管理范围内');
  return [departmentId];
}

/** Rows of a department-keyed collection within the scope: the '*' total for everyone, else the subtree rows. */
function scopeFilter(db: Database, scope: Scope, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (scope === 'all') return { ...extra, departmentId: ALL_DEPARTMENTS };
  const condition = scopeCondition(db, 'departmentId', scope) as Record<string, unknown>;
  return Object.keys(extra).length === 0 ? condition : (db.command.and([extra, condition]) as unknown as Record<string, unknown>);
}

function courseRow(courseId: string, title: string, sums: ReportSums): CourseReportRow {
  return { courseId, title, ...figuresOf(sums) };
}

export async function coursesPage(db: Database, scope: Scope, sort: CourseSort, input: PageInput): Promise<Page<CourseReportRow>> {
  const order = [
    { field: sort, direction: 'desc' as const },
    { field: 'courseId', direction: 'asc' as const },
  ];
  if (scope === 'all') {
    const found = await findPage<ReportCourseDeptDoc>(db, COLLECTIONS.reportCourseDepts, { departmentId: ALL_DEPARTMENTS }, order, input);
    return pageOf(found, input, (doc) => courseRow(doc.courseId, doc.courseTitle, sumsOf(doc)));
  }
  // A scoped caller: the subtree's rows summed per course on the database, one page of courses.
  const $ = db.command.aggregate;
  const match = scopeFilter(db, scope);
  const groupSpec: Record<string, unknown> = { _id: '$courseId', courseTitle: $.first('$courseTitle') };
  for (const field of SUM_FIELDS) groupSpec[field] = $.sum(`$${field}`);
  const [{ list }, counted] = await Promise.all([
    db
      .collection(COLLECTIONS.reportCourseDepts)
      .aggregate()
      .match(match)
      .group(groupSpec)
      .sort({ [sort]: -1, _id: 1 })
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .end() as unknown as Promise<{
      list: (ReportSums & { _id: string; courseTitle: string })[];
    }>,
    db.collection(COLLECTIONS.reportCourseDepts).aggregate().match(match).group({ _id: '$courseId' }).count('total').end() as unknown as Promise<{
      list: { total: number }[];
    }>,
  ]);
  const total = counted.list[0]?.total ?? 0;
  return pageOf({ docs: list, total }, input, (doc) => courseRow(doc._id, doc.courseTitle, sumsOf(doc)));
}

function departmentRow(doc: ReportDeptDoc | (ReportCourseDeptDoc & { path?: string[] })): DepartmentReportRow {
  return { departmentId: doc.departmentId, path: doc.path ?? [], ...figuresOf(sumsOf(doc)) };
}

export async function departmentsPage(db: Database, scope: Scope, input: PageInput): Promise<Page<DepartmentReportRow>> {
  const filter = scope === 'all' ? { _id: db.command.neq(ALL_DEPARTMENTS) } : scopeFilter(db, scope);
  const found = await findPage<ReportDeptDoc>(db, COLLECTIONS.reportDepts, filter, [{ field: '_id', direction: 'asc' }], input);
  return pageOf(found, input, departmentRow);
}

/** The rows a trend or a course detail sums: the total row for everyone, else the scope's department rows. */
async function scopedRows<T extends { _id: string }>(
  db: Database,
  collection: typeof COLLECTIONS.reportCourseDepts | typeof COLLECTIONS.reportDepts,
  scope: Scope,
  extra: Record<string, unknown>,
): Promise<T[]> {
  const rows: T[] = [];
  const filter = scope === 'all' ? { ...extra, departmentId: ALL_DEPARTMENTS } : scopeFilter(db, scope, extra);
  // Department rows exclude the '*' total, which no subtree condition matches.
  await forEachDoc<T>(db, collection, filter, (row) => rows.push(row));
  return rows;
}

async function activityRows(db: Database, scope: Scope, weeks: readonly string[]): Promise<ReportActivityDoc[]> {
  const rows: ReportActivityDoc[] = [];
  const extra = { week: db.command.in([...weeks]) };
  const filter = scope === 'all' ? extra : scopeFilter(db, scope, extra);
  await forEachDoc<ReportActivityDoc>(db, COLLECTIONS.reportActivity, filter, (row) => rows.push(row));
  return rows;
}

export async function trends(db: Database, scope: Scope, courseId: string | undefined, count: number, now: Date): Promise<TrendWeek[]> {
  const window = lastWeeks(beijingDate(now), count);
  const weeks: Record<string, WeekSums> = {};
  const rows =
    courseId !== undefined
      ? await scopedRows<ReportCourseDeptDoc>(db, COLLECTIONS.reportCourseDepts, scope, { courseId })
      : await scopedRows<ReportDeptDoc>(db, COLLECTIONS.reportDepts, scope, {});
  for (const row of rows) addWeeks(weeks, row.weeks);
  const activity = new Map<string, { studyMs: number; sessions: number }>();
  if (courseId === undefined) {
    for (const row of await activityRows(
      db,
      scope,
      window.map((w) => w.week),
    )) {
      const sum = activity.get(row.week) ?? { studyMs: 0, sessions: 0 };
      for (const cell of Object.values(row.cells)) {
        sum.studyMs += cell.studyMs;
        sum.sessions += cell.sessions;
      }
      activity.set(row.week, sum);
    }
  }
  return window.map(({ week, monday }) => {
    const sums = weeks[week];
    const active = activity.get(week);
    return {
      week,
      monday,
      learners: sums?.learners ?? 0,
      completions: sums?.completions ?? 0,
      studySeconds: courseId === undefined ? Math.round((active?.studyMs ?? 0) / 1000) : null,
      views: courseId === undefined ? (active?.sessions ?? 0) : null,
      shares: sums?.shares ?? 0,
      conversions: sums?.conversions ?? 0,
    };
  });
}

export async function heatmap(db: Database, scope: Scope, count: number, now: Date): Promise<Omit<HeatmapView, 'updatedAt'>> {
  const window = lastWeeks(beijingDate(now), count);
  const cells = new Map<string, { studyMs: number; sessions: number; active: number }>();
  for (const row of await activityRows(
    db,
    scope,
    window.map((w) => w.week),
  )) {
    for (const [key, cell] of Object.entries(row.cells)) {
      const sum = cells.get(key) ?? { studyMs: 0, sessions: 0, active: 0 };
      sum.studyMs += cell.studyMs;
      sum.sessions += cell.sessions;
      sum.active += cell.active;
      cells.set(key, sum);
    }
  }
  const grid: HeatmapView['cells'] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (const slot of TIME_SLOTS) {
      const cell = cells.get(`${weekday}:${slot}`);
      grid.push({ weekday, slot, studySeconds: Math.round((cell?.studyMs ?? 0) / 1000), sessions: cell?.sessions ?? 0, active: cell?.active ?? 0 });
    }
  }
  return { fromWeek: (window[0] as { week: string }).week, toWeek: (window[window.length - 1] as { week: string }).week, cells: grid };
}

export async function courseDetail(db: Database, scope: Scope, courseId: string, count: number, now: Date): Promise<Omit<CourseReportDetail, 'updatedAt'>> {
  const [course] = await docsOf<{ _id: string; title: string }>(db.collection(COLLECTIONS.courses).where({ _id: courseId }).field({ title: true }).limit(1));
  if (!course) throw new AppError('NOT_FOUND', '课程不存在');
  const rows: ReportCourseDeptDoc[] = [];
  // Department rows (never the '*' total), within the scope.
  const filter = scope === 'all' ? { courseId, departmentId: db.command.neq(ALL_DEPARTMENTS) } : scopeFilter(db, scope, { courseId });
  await forEachDoc<ReportCourseDeptDoc>(db, COLLECTIONS.reportCourseDepts, filter, (row) => rows.push(row));
  const total = zeroSums();
  for (const row of rows) addSums(total, sumsOf(row));
  const paths = await byIds<DepartmentDoc>(
    db,
    COLLECTIONS.departments,
    rows.map((row) => row.departmentId),
  );
  const departments = rows
    .map((row) => departmentRow({ ...row, path: paths.get(row.departmentId)?.path ?? [] }))
    .sort((a, b) => b.learners - a.learners || a.departmentId.localeCompare(b.departmentId));
  return { course: courseRow(courseId, course.title, total), departments, trends: await trends(db, scope, courseId, count, now) };
}
