/** 必修任务: the list, the create form (targets, due day, idempotency key) and the progress page with export. */
import { failure } from '../wx-stub';
import { pick, settle, switchTab, tabItems, tap, wxStub } from '../harness';
import { beijingDay } from '../../../miniprogram/utils/time';
import { authoredCourse, backend, callsOf, input, ok, openPage, page, text, texts } from './studio-fixtures';
import type { AssignmentView } from '../../../typings/functions/assignment';
import type { DepartmentView } from '../../../typings/functions/admin';
import type { SeriesView } from '../../../typings/functions/authoring';

const DEPARTMENTS: DepartmentView[] = [
  { id: 'd-hq', name: '总部', path: ['总部'], parentId: null },
  { id: 'd-hr', name: '人力资源部', path: ['总部', '人力资源部'], parentId: 'd-hq' },
];

function assignment(overrides: Partial<AssignmentView> = {}): AssignmentView {
  return {
    assignmentId: 'a1',
    kind: 'course',
    courseId: 'c1',
    seriesId: null,
    title: '安全生产第一课',
    target: { departmentIds: ['d-hr'], departmentNames: ['总部 / 人力资源部'], roles: [], audiences: ['new_hire'] },
    dueDay: '2026-03-31',
    overdue: false,
    status: 'active',
    assignedCount: 40,
    completedCount: 10,
    createdByName: '李培训',
    createdAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

test('the list shows targets, due day, overdue and completion; opens one or a new one', async () => {
  backend({ 'assignment.list': () => ok(page([assignment(), assignment({ assignmentId: 'a2', overdue: true, kind: 'series' })], 1, 2)) });
  const { page: rendered, simulate } = await openPage('packageStudio/assignments/index');
  expect(callsOf('assignment', 'list')).toEqual([{ page: 1, pageSize: 10, status: 'all' }]);
  expect(texts(rendered.querySelectorAll('.assignment-target'))).toEqual(['课程 · 总部 / 人力资源部、新员工', '系列课 · 总部 / 人力资源部、新员工']);
  expect(text(rendered.querySelector('.assignment-progress'))).toBe('10/40 人完成（25%）');
  expect(text(rendered.querySelectorAll('.assignment')[1])).toContain('已逾期');
  expect(text(rendered.querySelectorAll('.assignment')[0])).not.toContain('已逾期');
  await tap(simulate, rendered.querySelectorAll('.assignment')[1]!);
  await tap(simulate, rendered.querySelector('.new-assignment')!);
  expect(wxStub().navigations).toEqual(['/packageStudio/assignment/index?assignmentId=a2', '/packageStudio/assignment-new/index']);
});

test('creating: choose a published course, targets and due day; one idempotency key across retries', async () => {
  let attempts = 0;
  backend({
    'admin.listDepartments': () => ok(DEPARTMENTS),
    'authoring.listMyCourses': () => ok(page([authoredCourse('c1', '草稿课', 'draft'), authoredCourse('c2', '已发布课', 'published')], 1, 2, 50)),
    'assignment.create': () => {
      attempts += 1;
      return attempts === 1 ? { networkError: 'timeout' } : ok(assignment({ assignmentId: 'a9' }));
    },
  });
  const { page: rendered, simulate } = await openPage('packageStudio/assignment-new/index');
  expect(callsOf('authoring', 'listMyCourses')).toEqual([{ page: 1, pageSize: 50 }]);
  expect(texts(rendered.querySelectorAll('.choice'))).toEqual(['已发布课']);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  expect(text(rendered.querySelector('.error'))).toBe('请选择要指派的课程或系列课');

  await tap(simulate, rendered.querySelector('.choice')!);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  expect(text(rendered.querySelector('.error'))).toBe('请至少选择一个部门、角色或人群');

  await tap(simulate, rendered.querySelector('.departments')!.querySelectorAll('.department-row')[1]!);
  await tap(simulate, rendered.querySelector('.audiences')!.querySelectorAll('.chip')[0]!);
  const due = beijingDay(Date.now(), 60);
  await pick(simulate, rendered.querySelector('.due-picker'), due);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(text(rendered.querySelector('.error'))).toBe('网络连接失败，请检查网络后重试');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);

  const creates = callsOf('assignment', 'create');
  expect(creates).toHaveLength(2);
  expect(creates[0]).toMatchObject({ courseId: 'c2', departmentIds: ['d-hr'], roles: [], audiences: ['new_hire'], dueDay: due });
  expect(creates[0]?.idempotencyKey).toEqual(creates[1]?.idempotencyKey);
  expect(String(creates[0]?.idempotencyKey).length).toBeGreaterThanOrEqual(8);
  expect(wxStub().navigations).toEqual(['/packageStudio/assignment/index?assignmentId=a9']);
});

test('switching 指派内容 to 系列课 offers the published series instead of the courses', async () => {
  const series = (seriesId: string, title: string, status: SeriesView['status']): SeriesView => ({
    seriesId,
    title,
    summary: '',
    cover: null,
    courses: [],
    stepUnlock: false,
    audiences: [],
    status,
    createdAt: '2026-03-01T02:00:00.000Z',
  });
  backend({
    'admin.listDepartments': () => ok(DEPARTMENTS),
    'authoring.listMyCourses': () => ok(page([authoredCourse('c2', '已发布课', 'published')], 1, 1, 50)),
    'authoring.listSeries': () => ok(page([series('s1', '新人训练营', 'published'), series('s2', '草稿系列', 'draft')], 1, 2, 50)),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/assignment-new/index');
  const kinds = () => rendered.querySelector('.kinds')!.querySelectorAll('.chip');
  expect(texts(kinds())).toEqual(['课程', '系列课']);
  expect(texts(rendered.querySelector('.kinds')!.querySelectorAll('.chip-on'))).toEqual(['课程']);
  await tap(simulate, rendered.querySelector('.choice')!);
  expect(text(rendered.querySelector('.chosen-title'))).toBe('已发布课');

  await tap(simulate, kinds()[1]!);
  await settle(simulate);
  expect(callsOf('authoring', 'listSeries')).toEqual([{ page: 1, pageSize: 50 }]);
  expect(rendered.querySelector('.chosen-title')).toBeFalsy();
  expect(texts(rendered.querySelectorAll('.choice'))).toEqual(['新人训练营']);
  expect(texts(rendered.querySelector('.kinds')!.querySelectorAll('.chip-on'))).toEqual(['系列课']);
  // The kind already chosen changes nothing.
  await tap(simulate, kinds()[1]!);
  expect(callsOf('authoring', 'listSeries')).toHaveLength(1);
});

test('opened from a series it is preset; without department access roles and audiences still work; a past day is refused', async () => {
  backend({
    'admin.listDepartments': () => failure('FORBIDDEN', '你没有权限进行此操作'),
    'assignment.create': (call) => ok(assignment({ assignmentId: 'a3', kind: 'series', seriesId: call.event.seriesId })),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/assignment-new/index', { kind: 'series', id: 's1', title: '新人训练营' });
  expect(text(rendered.querySelector('.chosen-title'))).toBe('新人训练营');
  expect(text(rendered.querySelector('.departments-note'))).toContain('你没有权限进行此操作');
  await tap(simulate, rendered.querySelector('.roles')!.querySelectorAll('.chip')[0]!);
  // The picker starts at today, so a past day is not offered; one can still arrive from a page left open past
  // midnight, as the field's change event.
  await expect(pick(simulate, rendered.querySelector('.due-picker'), beijingDay(Date.now(), -1))).rejects.toThrow('not on the picker');
  await input(simulate, rendered.querySelector('.due-picker'), '2000-01-01', 'change');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  expect(text(rendered.querySelector('.error'))).toBe('截止日期不能早于今天');
  await pick(simulate, rendered.querySelector('.due-picker'), beijingDay(Date.now(), 30));
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(callsOf('assignment', 'create')[0]).toMatchObject({ seriesId: 's1', roles: ['trainer'], departmentIds: [], audiences: [] });
});

function member(n: number) {
  return { memberId: `m${n}`, employeeNo: `E${n}`, name: `员工${n}`, departmentPath: ['总部', '人力资源部'], completedCourses: 1, totalCourses: 3 };
}

async function openProgress() {
  backend({
    'assignment.stats': () =>
      ok({
        assignment: assignment(),
        departments: [
          { departmentId: 'd-hr', departmentPath: ['总部', '人力资源部'], assigned: 30, completed: 6 },
          { departmentId: 'd-it', departmentPath: ['总部', '信息部'], assigned: 10, completed: 4 },
        ],
      }),
    'assignment.pending': (call) => ok(page([member(Number(call.event.page))], Number(call.event.page), 12)),
    'assignment.exportPending': (call) =>
      ok({ fileID: 'cloud://x/pending.xlsx', url: `http://127.0.0.1/tmp/${String(call.event.departmentId ?? 'all')}.xlsx`, rows: 24 }),
    'assignment.refreshTargets': () => ok(assignment({ assignedCount: 42 })),
    'assignment.cancel': () => ok(assignment({ status: 'cancelled' })),
  });
  return openPage('packageStudio/assignment/index', { assignmentId: 'a1' });
}

test('progress: per department, people not done paged and narrowed to a department', async () => {
  const { page: rendered, simulate } = await openProgress();
  expect(text(rendered.querySelector('.assignment-progress'))).toBe('10/40 人完成（25%）');
  expect(texts(rendered.querySelectorAll('.department-progress'))).toEqual(['6/30（20%）', '4/10（40%）']);
  expect(callsOf('assignment', 'pending')).toEqual([{ assignmentId: 'a1', page: 1, pageSize: 10 }]);
  expect(text(rendered.querySelector('.pending-detail'))).toBe('E1 · 总部 / 人力资源部 · 已完成 1/3 门');

  await tap(simulate, rendered.querySelector('#status')!.querySelector('.load-more')!);
  expect(callsOf('assignment', 'pending')[1]).toEqual({ assignmentId: 'a1', page: 2, pageSize: 10 });
  expect(texts(rendered.querySelectorAll('.pending-name'))).toEqual(['员工1', '员工2']);

  expect(texts(tabItems(rendered))).toEqual(['全部', '总部 / 人力资源部', '总部 / 信息部']);
  await switchTab(simulate, rendered, 2);
  expect(callsOf('assignment', 'pending').at(-1)).toEqual({ assignmentId: 'a1', departmentId: 'd-it', page: 1, pageSize: 10 });
  expect(text(rendered.querySelector('.pending-title'))).toBe('未完成人员（总部 / 信息部）');
  expect(texts(rendered.querySelectorAll('.pending-name'))).toEqual(['员工1']);
});

test('export downloads the Excel file and opens it; refresh and cancel (after confirmation) update the header', async () => {
  const { page: rendered, simulate } = await openProgress();
  await tap(simulate, rendered.querySelector('.export-button')!);
  await settle(simulate, 6);
  expect(callsOf('assignment', 'exportPending')).toEqual([{ assignmentId: 'a1' }]);
  expect(wxStub().downloads).toEqual(['http://127.0.0.1/tmp/all.xlsx']);
  expect(wxStub().openedDocuments).toEqual([{ filePath: 'wxfile://tmp/download.xlsx', fileType: 'xlsx', showMenu: true }]);

  wxStub().downloadStatus = 404;
  await tap(simulate, rendered.querySelector('.export-button')!);
  await settle(simulate, 6);
  expect(wxStub().toasts).toEqual(['导出失败，请稍后重试']);
  expect(wxStub().openedDocuments).toHaveLength(1);

  await tap(simulate, rendered.querySelector('.refresh-targets')!);
  await settle(simulate);
  expect(callsOf('assignment', 'refreshTargets')).toEqual([{ assignmentId: 'a1' }]);

  wxStub().modalAnswers.push(false);
  await tap(simulate, rendered.querySelector('.cancel-assignment')!);
  expect(callsOf('assignment', 'cancel')).toEqual([]);
  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.cancel-assignment')!);
  await settle(simulate);
  expect(callsOf('assignment', 'cancel')).toEqual([{ assignmentId: 'a1' }]);
});
