/**
 * Required-assignment exports read back: the members not done (exportPending) and the full completion list
 * (exportCompletion) with each member's state and completion time; a branch trainer's file holds only their
 * branch, and a department outside their scope is refused with nothing written.
 */
import { onCourseCompleted } from '../../../server/assignment/progress';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, memberDoc, seedMember, testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { fetchWorkbook } from '../../helpers/workbook';

useTestCloud();
/** A trainer of both branches: the assignment's scope is the two branches, so each branch's trainer may export it. */
const TRAINER = { openid: 'o-ax-trainer' };
const BRANCH_TRAINER = { openid: 'o-ax-branch' };
const EAST = { departmentId: 'dept:华东分公司', departmentPath: ['华东分公司'] };
const SOUTH = { departmentId: 'dept:华南分公司', departmentPath: ['华南分公司'] };
let assignmentId = '';

beforeAll(async () => {
  await seedMember(TRAINER.openid, 'm:ax-trainer', { roles: [grant('trainer', EAST.departmentId), grant('trainer', SOUTH.departmentId)] });
  await seedMember(BRANCH_TRAINER.openid, 'm:ax-branch', { roles: [grant('trainer', EAST.departmentId)] });
  await insertAll('departments', [
    { _id: EAST.departmentId, name: '华东分公司', path: EAST.departmentPath, parentId: null },
    { _id: SOUTH.departmentId, name: '华南分公司', path: SOUTH.departmentPath, parentId: null },
  ]);
  await insertAll('members', [
    memberDoc('m:ax-e1', { name: '东一', employeeNo: 'E101', ...EAST }),
    memberDoc('m:ax-e2', { name: '东二', employeeNo: 'E102', ...EAST }),
    memberDoc('m:ax-s1', { name: '南一', employeeNo: 'S201', ...SOUTH }),
  ]);
  await insertAll('courses', [{ _id: 'c:ax', title: '合规第一课', status: 'published', seriesIds: [] }]);
  const created = dataOf(
    await callAction(
      'assignment',
      'create',
      { courseId: 'c:ax', departmentIds: [EAST.departmentId, SOUTH.departmentId], dueDay: '2099-12-31', idempotencyKey: 'ax-assign' },
      TRAINER,
    ),
  );
  assignmentId = created.assignmentId;
  await insertAll('learningRecords', [{ _id: 'm:ax-e1:c:ax', memberId: 'm:ax-e1', courseId: 'c:ax', completed: true }]);
  expect(await onCourseCompleted(testDb(), 'm:ax-e1', 'c:ax', new Date('2026-03-04T02:30:00Z'))).toBe(1);
});

test('the full completion list holds every targeted member with their state and completion time', async () => {
  const exported = dataOf(await callAction('assignment', 'exportCompletion', { assignmentId }, TRAINER));
  expect(exported.rows).toBe(3);
  const sheet = await fetchWorkbook(exported.url);
  expect(sheet.name).toBe('完成情况');
  expect(sheet.rows[0]).toEqual(['工号', '姓名', '部门', '已完成课程', '课程总数', '截止日期', '状态', '完成时间']);
  expect(sheet.rows.slice(1).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
    ['E101', '东一', '华东分公司', 1, 1, '2099-12-31', '已完成', '2026-03-04 10:30'],
    ['E102', '东二', '华东分公司', 0, 1, '2099-12-31', '未完成', ''],
    ['S201', '南一', '华南分公司', 0, 1, '2099-12-31', '未完成', ''],
  ]);
});

test('the pending list holds only the members not done', async () => {
  const exported = dataOf(await callAction('assignment', 'exportPending', { assignmentId }, TRAINER));
  const sheet = await fetchWorkbook(exported.url);
  expect(sheet.name).toBe('未完成名单');
  expect(
    sheet.rows
      .slice(1)
      .map((row) => row[1])
      .sort(),
  ).toEqual(['东二', '南一']);
});

test("a branch trainer's export holds only their branch; another branch is refused and nothing is written", async () => {
  const exported = dataOf(await callAction('assignment', 'exportCompletion', { assignmentId }, BRANCH_TRAINER));
  expect(
    (await fetchWorkbook(exported.url)).rows
      .slice(1)
      .map((row) => row[1])
      .sort(),
  ).toEqual(['东一', '东二']);
  const files = await countAll('exportFiles');
  expect(await callAction('assignment', 'exportCompletion', { assignmentId, departmentId: SOUTH.departmentId }, BRANCH_TRAINER)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(await countAll('exportFiles')).toBe(files);
});
