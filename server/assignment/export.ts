/** The members not done with an assignment as an Excel file (exceljs) in cloud storage, with a temporary link. */
import type { AssignmentDoc, AssignmentTargetDoc } from '../../typings/domain';
import { COLLECTIONS } from '../core';
import type { Database, WxCloud } from '../core';
import { newSheet, pathSegment, publishWorkbook } from '../core/workbook';
import { beijingDate } from '../core/time';
import { allOf } from '../core';

const MAX_QUERY = 1000;

export async function exportPendingWorkbook(
  db: Database,
  cloud: WxCloud,
  assignment: AssignmentDoc,
  filter: Record<string, unknown>,
  now: Date,
  ownerId: string,
): Promise<{ fileID: string; url: string; rows: number }> {
  const { workbook, sheet } = newSheet('未完成名单', [
    { header: '工号', key: 'employeeNo', width: 14 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '部门', key: 'department', width: 36 },
    { header: '已完成课程', key: 'completed', width: 12 },
    { header: '课程总数', key: 'total', width: 10 },
    { header: '截止日期', key: 'dueDay', width: 12 },
  ]);
  let last = '';
  let rows = 0;
  // Read by `_id` cursor, a page at a time: the list can be as long as the company.
  for (;;) {
    const page = (await db
      .collection(COLLECTIONS.assignmentTargets)
      .where(allOf(db, [filter, { _id: db.command.gt(last) }]))
      .orderBy('_id', 'asc')
      .limit(MAX_QUERY)
      .get()) as unknown as { data: AssignmentTargetDoc[] };
    for (const target of page.data) {
      sheet.addRow({
        employeeNo: target.employeeNo ?? '',
        name: target.name,
        department: target.departmentPath.join('/'),
        completed: target.completedCourseIds.length,
        total: target.courseIds.length,
        dueDay: assignment.dueDay,
      });
    }
    rows += page.data.length;
    if (page.data.length < MAX_QUERY) break;
    last = (page.data[page.data.length - 1] as AssignmentTargetDoc)._id;
  }
  const published = await publishWorkbook(cloud, workbook, `assignments/${pathSegment(assignment._id)}-${beijingDate(now)}`, ownerId, now);
  return { ...published, rows };
}
