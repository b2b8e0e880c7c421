/**
 * Required-assignment exports through the shared export (server/core/workbook.ts): the members not done yet
 * (未完成名单) and the full completion list (完成情况) of every targeted member. Both read the targets a page at
 * a time by `_id`: the list can be as long as the company.
 */
import type { AssignmentDoc, AssignmentTargetDoc } from '../../typings/domain';
import { COLLECTIONS, idPages } from '../core';
import type { Database, WxCloud } from '../core';
import { exportRows, exportTable } from '../core/workbook';
import type { ExportColumn, ExportResult } from '../core/workbook';
import { pathSegment } from '../core/workbook';
import { beijingDate, beijingDateTime } from '../core/time';

function memberColumns(dueDay: string): ExportColumn<AssignmentTargetDoc>[] {
  return [
    { header: '工号', width: 14, cell: (target) => target.employeeNo ?? '' },
    { header: '姓名', width: 12, cell: (target) => target.name },
    { header: '部门', width: 36, cell: (target) => target.departmentPath.join('/') },
    { header: '已完成课程', width: 12, cell: (target) => target.completedCourseIds.length },
    { header: '课程总数', width: 10, cell: (target) => target.courseIds.length },
    { header: '截止日期', width: 12, cell: () => dueDay },
  ];
}

/** The members not done with `assignment` (the trainer's chase list). */
export const pendingExport = (assignment: AssignmentDoc) => exportTable<AssignmentTargetDoc>('未完成名单', memberColumns(assignment.dueDay));

/** Every targeted member with whether, and when, they finished (on time or late). */
export const completionExport = (assignment: AssignmentDoc) =>
  exportTable<AssignmentTargetDoc>('完成情况', [
    ...memberColumns(assignment.dueDay),
    { header: '状态', width: 10, cell: (target) => completionState(target, assignment.dueDay) },
    { header: '完成时间', width: 18, cell: (target) => (target.doneAt ? beijingDateTime(new Date(target.doneAt)) : '') },
  ]);

function completionState(target: AssignmentTargetDoc, dueDay: string): string {
  if (!target.done) return '未完成';
  return target.doneAt && beijingDate(new Date(target.doneAt)) > dueDay ? '逾期完成' : '已完成';
}

export async function exportTargets(
  db: Database,
  cloud: WxCloud,
  table: ReturnType<typeof pendingExport>,
  assignment: AssignmentDoc,
  filter: Record<string, unknown>,
  now: Date,
  ownerId: string,
): Promise<ExportResult> {
  const pages = idPages<AssignmentTargetDoc>(db, COLLECTIONS.assignmentTargets, filter);
  return exportRows(cloud, table, pages, { label: `assignments/${pathSegment(assignment._id)}-${beijingDate(now)}`, ownerId, now });
}
