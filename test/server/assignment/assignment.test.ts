/**
 * Required assignments (必修) through the real `main` and the local cloud: targeting by department subtree,
 * role and audience; completion counted from learners' records and the completion hook; per-department
 * stats; the pending list; overdue by Beijing day; requiredForMember for the home page. Rules are this
 * project's (issue 4); CloudBase documents no such feature.
 */
import type { Envelope } from '../../../typings/envelope';
import { requiredForMember } from '../../../server/assignment/for-member';
import { onCourseCompleted } from '../../../server/assignment/progress';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, memberDoc, seedMember, testDb } from '../../helpers/db';

useTestCloud();
const TRAINER = { openid: 'o-trainer' };

function ok<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.data;
}

const SALES = { departmentId: 'dept:总部/销售部', departmentPath: ['总部', '销售部'] };
const EAST = { departmentId: 'dept:总部/销售部/华东', departmentPath: ['总部', '销售部', '华东'] };
const IT = { departmentId: 'dept:总部/信息技术部', departmentPath: ['总部', '信息技术部'] };

beforeAll(async () => {
  await seedMember(TRAINER.openid, 'm:trainer', { roles: [grant('trainer')], ...IT });
  await insertAll('departments', [
    { _id: SALES.departmentId, name: '销售部', path: SALES.departmentPath, parentId: 'dept:总部' },
    { _id: EAST.departmentId, name: '华东', path: EAST.departmentPath, parentId: SALES.departmentId },
  ]);
  await insertAll('members', [
    memberDoc('m:s1', { name: '销售一', ...SALES }),
    memberDoc('m:s2', { name: '销售二', ...EAST }),
    memberDoc('m:s3', { name: '离职销售', ...EAST, active: false }),
    memberDoc('m:mgr', { name: '经理', jobLevel: 'first_line_manager', ...IT }),
    memberDoc('m:it', { name: '程序员', ...IT }),
  ]);
  await insertAll('courses', [{ _id: 'c:one', title: '合规第一课', status: 'published', seriesIds: [] }]);
  // m:s1 had completed the course before it was assigned.
  await insertAll('learningRecords', [{ _id: 'm:s1:c:one', memberId: 'm:s1', courseId: 'c:one', completed: true }]);
});

it('targets a department subtree and an audience, counts completions per department, lists who is not done', async () => {
  const created = ok(
    await callAction(
      'assignment',
      'create',
      { courseId: 'c:one', departmentIds: [SALES.departmentId], audiences: ['first_line_manager'], dueDay: '2099-12-31', idempotencyKey: 'assign-one' },
      TRAINER,
    ),
  );
  expect(created).toMatchObject({ title: '合规第一课', assignedCount: 3, completedCount: 1, overdue: false });
  // A retry with the same key answers the same assignment and adds nothing.
  expect(
    ok(
      await callAction(
        'assignment',
        'create',
        { courseId: 'c:one', departmentIds: [SALES.departmentId], audiences: ['first_line_manager'], dueDay: '2099-12-31', idempotencyKey: 'assign-one' },
        TRAINER,
      ),
    ),
  ).toMatchObject({ assignmentId: created.assignmentId, assignedCount: 3 });

  const pending = ok(await callAction('assignment', 'pending', { assignmentId: created.assignmentId }, TRAINER));
  expect(pending.items.map((item) => item.memberId).sort()).toEqual(['m:mgr', 'm:s2']);

  // The learning record completes first; its completion event then marks the target (server/learning/events.ts).
  await insertAll('learningRecords', [{ _id: 'm:s2:c:one', memberId: 'm:s2', courseId: 'c:one', completed: true }]);
  expect(await onCourseCompleted(testDb(), 'm:s2', 'c:one', new Date())).toBe(1);
  expect(await onCourseCompleted(testDb(), 'm:s2', 'c:one', new Date())).toBe(0);
  const stats = ok(await callAction('assignment', 'stats', { assignmentId: created.assignmentId }, TRAINER));
  expect(stats.assignment).toMatchObject({ assignedCount: 3, completedCount: 2 });
  expect(stats.departments).toEqual([
    { departmentId: IT.departmentId, departmentPath: IT.departmentPath, assigned: 1, completed: 0 },
    { departmentId: SALES.departmentId, departmentPath: SALES.departmentPath, assigned: 1, completed: 1 },
    { departmentId: EAST.departmentId, departmentPath: EAST.departmentPath, assigned: 1, completed: 1 },
  ]);
  const inSales = ok(await callAction('assignment', 'pending', { assignmentId: created.assignmentId, departmentId: SALES.departmentId }, TRAINER));
  expect(inSales.total).toBe(0);
  const exported = ok(await callAction('assignment', 'exportPending', { assignmentId: created.assignmentId }, TRAINER));
  expect(exported.rows).toBe(1);
  expect((await fetch(exported.url)).status).toBe(200);
});

it('shows learners their required courses, overdue after the Beijing due day only', async () => {
  const member = memberDoc('m:mgr', { name: '经理', jobLevel: 'first_line_manager', ...IT });
  // Due 2026-03-01; 2026-03-01T15:59Z is still that day in Beijing, 16:00Z is the next day.
  await insertAll('assignments', [
    {
      _id: 'a:past',
      kind: 'course',
      courseId: 'c:one',
      seriesId: null,
      title: '合规第一课',
      courseIds: ['c:one'],
      departmentIds: [IT.departmentId],
      departmentNames: [],
      roles: [],
      audiences: [],
      scopeDepartmentIds: null,
      dueDay: '2026-03-01',
      status: 'active',
      assignedCount: 0,
      completedCount: 0,
      createdById: 'm:trainer',
      createdByName: '',
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  ]);
  const onDay = await requiredForMember(testDb(), member, new Date('2026-03-01T15:59:00Z'));
  expect(onDay.find((item) => item.assignmentId === 'a:past')).toMatchObject({ overdue: false, completed: false });
  const after = await requiredForMember(testDb(), member, new Date('2026-03-01T16:00:00Z'));
  expect(after.find((item) => item.assignmentId === 'a:past')).toMatchObject({ overdue: true, completed: false });
  expect(after).toHaveLength(2);
  const programmer = await requiredForMember(testDb(), memberDoc('m:it', { ...IT }), new Date('2026-03-01T16:00:00Z'));
  expect(programmer.map((item) => item.assignmentId)).toEqual(['a:past']);
  const salesperson = await requiredForMember(testDb(), memberDoc('m:s2', { ...EAST }), new Date('2026-03-01T16:00:00Z'));
  expect(salesperson).toEqual([expect.objectContaining({ title: '合规第一课', completed: true, overdue: false })]);
});

it('the 学习 home gives each required item its progress: the course record, or the share of a series done', async () => {
  const HR = { departmentId: 'dept:总部/人力资源部', departmentPath: ['总部', '人力资源部'] };
  await seedMember('o-home', 'm:home', { name: '人事', ...HR });
  await insertAll('courses', [
    { _id: 'c:two', title: '面试技巧', status: 'draft', seriesIds: [], cover: null },
    { _id: 'c:three', title: '入职第一课', status: 'draft', seriesIds: ['s:hr'], cover: null },
    { _id: 'c:four', title: '入职第二课', status: 'draft', seriesIds: ['s:hr'], cover: null },
  ]);
  await insertAll('series', [
    { _id: 's:hr', title: '人事入门', summary: '', cover: null, courseIds: ['c:three', 'c:four'], stepUnlock: false, audiences: [], status: 'draft' },
  ]);
  await insertAll('learningRecords', [
    { _id: 'm:home:c:two', memberId: 'm:home', courseId: 'c:two', percent: 40.4, completed: false },
    { _id: 'm:home:c:three', memberId: 'm:home', courseId: 'c:three', percent: 100, completed: true },
  ]);
  const base = {
    departmentIds: [HR.departmentId],
    departmentNames: [],
    roles: [],
    audiences: [],
    scopeDepartmentIds: null,
    dueDay: '2099-12-31',
    status: 'active',
    assignedCount: 1,
    completedCount: 0,
    createdById: 'm:trainer',
    createdByName: '',
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  await insertAll('assignments', [
    { ...base, _id: 'a:hr-course', kind: 'course', courseId: 'c:two', seriesId: null, title: '面试技巧', courseIds: ['c:two'] },
    { ...base, _id: 'a:hr-series', kind: 'series', courseId: null, seriesId: 's:hr', title: '人事入门', courseIds: ['c:three', 'c:four'] },
  ]);
  const home = ok(await callAction('course', 'home', {}, { openid: 'o-home' }));
  expect(home.required.map((item) => [item.targetId, item.completed, item.percent])).toEqual([
    ['c:two', false, 40],
    ['s:hr', false, 50],
  ]);
});
