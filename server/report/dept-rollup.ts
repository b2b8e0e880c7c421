/**
 * Department totals over every course (reportDepts), summed from the course rows of the department, plus
 * the company total '*'; and the heatmap buckets (reportActivity) of one department and ISO week, grouped
 * from the learning activity documents of that bucket (one per member, course and slot; a member active on
 * two courses in a slot is active once). Both are recomputed whole (idempotent).
 */
import type { DepartmentDoc } from '../../typings/domain';
import type { ReportActivityDoc, ReportCourseDeptDoc, ReportDeptDoc, WeekSums } from '../../typings/docs/report';
import { COLLECTIONS, type Database, findById } from '../core';
import { ALL_DEPARTMENTS } from './course-fold';
import { forEachDoc } from '../core/db';
import { addSums, addWeeks, sumsOf, zeroSums } from './sums';

async function writeDepartment(
  db: Database,
  departmentId: string,
  path: string[],
  rows: readonly (ReportCourseDeptDoc | ReportDeptDoc)[],
  now: Date,
  lastFold: string | undefined,
): Promise<void> {
  if (rows.length === 0) {
    await db.collection(COLLECTIONS.reportDepts).doc(departmentId).remove();
    return;
  }
  const sums = zeroSums();
  const weeks: Record<string, WeekSums> = {};
  for (const row of rows) {
    addSums(sums, sumsOf(row));
    addWeeks(weeks, row.weeks);
  }
  const data: Omit<ReportDeptDoc, '_id'> = { ...sums, departmentId, path, weeks, updatedAt: now, ...(lastFold ? { lastFold } : {}) };
  await db.collection(COLLECTIONS.reportDepts).doc(departmentId).set({ data });
}

/**
 * `lastFold`: the department changes (server/report/fold-ledger.ts) these rows already hold, when the ledger
 * reads a total whole while applying them.
 */
export async function recomputeDepartment(db: Database, departmentId: string, now: Date, lastFold?: string): Promise<void> {
  const rows: ReportCourseDeptDoc[] = [];
  await forEachDoc<ReportCourseDeptDoc>(db, COLLECTIONS.reportCourseDepts, { departmentId }, (row) => rows.push(row));
  const department = await findById<DepartmentDoc>(db, COLLECTIONS.departments, departmentId);
  await writeDepartment(db, departmentId, department?.path ?? [], rows, now, lastFold);
}

/** The company total, from the department totals (a few hundred documents at most). */
export async function recomputeCompany(db: Database, now: Date, lastFold?: string): Promise<void> {
  const rows: ReportDeptDoc[] = [];
  await forEachDoc<ReportDeptDoc>(db, COLLECTIONS.reportDepts, { _id: db.command.neq(ALL_DEPARTMENTS) }, (row) => rows.push(row));
  await writeDepartment(db, ALL_DEPARTMENTS, [], rows, now, lastFold);
}

export function activityBucketId(departmentId: string, week: string): string {
  return `${departmentId}|${week}`;
}

export async function recomputeActivity(db: Database, departmentId: string, week: string, now: Date): Promise<void> {
  const $ = db.command.aggregate;
  const { list } = (await db
    .collection(COLLECTIONS.learningActivity)
    .aggregate()
    .match({ departmentId, week })
    // A member's courses in one slot first (documents are per course), so `active` counts each member once;
    // a pipeline may group again on the first group's output:
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.group.html
    .group({ _id: { weekday: '$weekday', slot: '$slot', memberId: '$memberId' }, studyMs: $.sum('$studyMs'), sessions: $.sum('$sessions') })
    .group({ _id: { weekday: '$_id.weekday', slot: '$_id.slot' }, studyMs: $.sum('$studyMs'), sessions: $.sum('$sessions'), active: $.sum(1) })
    .limit(100)
    .end()) as unknown as { list: { _id: { weekday: number; slot: string }; studyMs: number; sessions: number; active: number }[] };
  const id = activityBucketId(departmentId, week);
  if (list.length === 0) {
    await db.collection(COLLECTIONS.reportActivity).doc(id).remove();
    return;
  }
  const cells: ReportActivityDoc['cells'] = {};
  for (const row of list) cells[`${row._id.weekday}:${row._id.slot}`] = { studyMs: row.studyMs, sessions: row.sessions, active: row.active };
  const data: Omit<ReportActivityDoc, '_id'> = { departmentId, week, cells, updatedAt: now };
  await db.collection(COLLECTIONS.reportActivity).doc(id).set({ data });
}
