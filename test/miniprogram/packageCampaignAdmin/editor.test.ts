/**
 * 打卡活动管理 (the managed list by status) and 打卡活动编辑: the form's checks, creating a draft once per requestId, days and tasks kept in step, the
 * course picker, eligibility, teams and bonuses, publishing after saving, ending early after a confirmation,
 * and the invitation link.
 */
import { failure, ok } from '../wx-stub';
import { backend as route, type Answer, type Routes } from '../../helpers/backend';
import { summary as courseSummary } from '../../helpers/pages/course';
import type { CampaignAdminView } from '../../../typings/functions/campaign';
import { pick, settle, switchTab, tap, wxStub, type RenderedComponent, openPage, text, texts, page, fieldTarget, input as fieldInput } from '../harness';
import { adminView, backend as campaignBackend, callsOf, managed, task } from '../../helpers/pages/campaign';
import { emptyForm, fieldsOfForm, taskRowsFor } from '../../../miniprogram/packageCampaignAdmin/shared/campaign-form';

const SCOPES = [
  { departmentId: null, label: '全公司' },
  { departmentId: 'd1', label: '销售部' },
];

function backend(routes: Routes): void {
  route(routes, {
    'admin.listDepartments': () =>
      ok([
        { id: 'd1', name: '销售部', parentId: null, path: ['销售部'] },
        { id: 'd2', name: '华东区', parentId: 'd1', path: ['销售部', '华东区'] },
        { id: 'd3', name: '研发部', parentId: null, path: ['研发部'] },
      ]),
    'campaign.scopeChoices': () => ok(SCOPES),
    'course.list': () => ok(page([courseSummary(1, { id: 'k1', title: '高效沟通' }), courseSummary(2, { id: 'k2', title: '时间管理' })])),
  });
}

async function input(page: RenderedComponent, selector: string, value: string, simulate: typeof import('miniprogram-simulate'), index = 0) {
  fieldTarget(page.querySelectorAll(selector)[index]!).dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}

/** Searches the department picker (components/department-picker) by name and taps the first match. */
async function chooseDepartment(page: RenderedComponent, name: string, simulate: typeof import('miniprogram-simulate')) {
  const picker = page.querySelector('.departments')!;
  await fieldInput(simulate, picker.querySelector('.department-search'), name);
  await tap(simulate, picker.querySelector('.department-row')!);
}

/** What a components/picker-field row shows as its value. */
function pickedText(page: RenderedComponent, selector: string): string {
  return text(page.querySelector(selector)?.querySelector('.picker-field-value'));
}

describe('the form', () => {
  test('days follow the dates, keeping what was typed for days still in range', () => {
    const rows = taskRowsFor('2026-03-30', '2026-04-02', [{ day: '2026-04-01', label: '', courseId: 'k1', courseTitle: '高效沟通', prompt: '想一想' }]);
    expect(rows.map((row) => `${row.label} ${row.day} ${row.courseId}`)).toEqual([
      '第 1 天 2026-03-30 ',
      '第 2 天 2026-03-31 ',
      '第 3 天 2026-04-01 k1',
      '第 4 天 2026-04-02 ',
    ]);
  });

  test('says what is missing or wrong, and sends milestones in order', () => {
    const form = { ...emptyForm('2026-03-01'), title: '阅读打卡', startDay: '2026-03-10', endDay: '2026-03-11' };
    form.tasks = taskRowsFor(form.startDay, form.endDay, []);
    expect(fieldsOfForm(form)).toEqual({ ok: false, error: '第 1 天需要关联课程或填写打卡题目' });
    form.tasks = form.tasks.map((row) => ({ ...row, prompt: '今天读了什么？' }));
    expect(fieldsOfForm({ ...form, minPictures: '3', maxPictures: '2' })).toEqual({ ok: false, error: '最少图片数不能大于最多图片数' });
    expect(fieldsOfForm({ ...form, teamModeIndex: 1 })).toEqual({ ok: false, error: '分组活动至少需要一个小组' });
    expect(fieldsOfForm({ ...form, capacity: '0' })).toEqual({ ok: false, error: '名额须为 1 到 100000 之间的整数' });
    expect(fieldsOfForm({ ...form, endDay: '2026-03-09' })).toEqual({ ok: false, error: '结束日期不能早于开始日期' });
    const checked = fieldsOfForm({
      ...form,
      milestones: [
        { days: '14', points: '100' },
        { days: '7', points: '50' },
      ],
      reminderOn: false,
    });
    expect(checked.ok && checked.fields.streakMilestones).toEqual([
      { days: 7, points: 50 },
      { days: 14, points: 100 },
    ]);
    expect(checked.ok && checked.fields.reminderTime).toBeNull();
    expect(checked.ok && checked.fields.capacity).toBeNull();
  });
});

test('a new campaign: checked before sending, created once per requestId, then published after a confirmation', async () => {
  const answers: Answer<CampaignAdminView>[] = [{ networkError: 'timeout' }, ok(adminView({ id: 'c9', status: 'draft', phase: 'draft' }))];
  backend({
    'campaign.create': () => answers.shift()!,
    'campaign.update': () => ok(adminView({ id: 'c9', status: 'draft', phase: 'draft' })),
    'campaign.publish': () => ok(adminView({ id: 'c9', status: 'published', phase: 'upcoming' })),
  });
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index');
  expect(text(editor.querySelector('.state-label'))).toBe('新活动 · 未保存');
  await tap(simulate, editor.querySelector('.save-button')!);
  expect(text(editor.querySelector('.error'))).toBe('请填写活动标题');

  await input(editor, '.title-input', '21 天阅读打卡', simulate);
  await pick(simulate, editor.querySelector('.start-day'), '2026-04-01');
  await pick(simulate, editor.querySelector('.end-day'), '2026-04-02');
  await pick(simulate, editor.querySelector('.sign-up-start'), '2026-03-20');
  await pick(simulate, editor.querySelector('.sign-up-end'), '2026-04-01');
  expect(editor.querySelectorAll('.task')).toHaveLength(2);
  await input(editor, '.task-prompt', '今天读了什么？', simulate, 0);
  await input(editor, '.task-prompt', '有什么收获？', simulate, 1);
  await tap(simulate, editor.querySelector('.audiences')!.querySelectorAll('.chip')[0]!);
  // Departments: found by name, chosen, removed from the chosen tags, chosen again.
  const departments = editor.querySelector('.departments')!;
  await chooseDepartment(editor, '华东', simulate);
  expect(text(departments.querySelector('.picked-list'))).toBe('销售部 / 华东区');
  // TDesign's close handler, as the tag's close icon calls it.
  (departments.querySelector('.picked') as unknown as { instance: { handleClose: (event: object) => void } }).instance.handleClose({});
  await settle(simulate);
  expect(departments.querySelector('.picked')).toBeFalsy();
  await chooseDepartment(editor, '销售', simulate);
  expect(text(departments.querySelector('.picked-list'))).toBe('销售部');

  // Campaign scope: with more than one choice the trainer must pick the managing scope.
  expect(pickedText(editor, '.scope-picker')).toBe('请选择');
  await tap(simulate, editor.querySelector('.save-button')!);
  expect(text(editor.querySelector('.error'))).toBe('请选择活动的管理范围');
  expect(callsOf('create')).toEqual([]);
  await pick(simulate, editor.querySelector('.scope-picker'), '1');
  expect(pickedText(editor, '.scope-picker')).toBe('销售部');

  await tap(simulate, editor.querySelector('.save-button')!);
  await settle(simulate);
  expect(text(editor.querySelector('.error'))).toContain('网络连接失败');
  await tap(simulate, editor.querySelector('.save-button')!);
  await settle(simulate);
  const created = callsOf('create');
  expect(created).toHaveLength(2);
  expect(created[0]?.requestId).toBe(created[1]?.requestId);
  expect(created[1]).toMatchObject({
    title: '21 天阅读打卡',
    startDay: '2026-04-01',
    endDay: '2026-04-02',
    signUpEndDay: '2026-04-01',
    tasks: [
      { courseId: null, prompt: '今天读了什么？' },
      { courseId: null, prompt: '有什么收获？' },
    ],
    audiences: ['new_hire'],
    departmentIds: ['d1'],
    scopeDepartmentId: 'd1',
    teamMode: 'none',
    pointsPerCheckin: 10,
    reminderTime: '20:00',
  });
  expect(wxStub().toasts).toEqual(['已保存']);
  expect(text(editor.querySelector('.state-label'))).toContain('草稿');

  wxStub().modalAnswers.push(true);
  await tap(simulate, editor.querySelector('.publish-button')!);
  await settle(simulate);
  expect(wxStub().modals[0]?.title).toBe('发布活动');
  expect(callsOf('update')[0]).toMatchObject({ action: 'update', campaignId: 'c9' });
  expect(callsOf('publish')).toEqual([{ action: 'publish', campaignId: 'c9' }]);
  expect(text(editor.querySelector('.state-label'))).toContain('已发布');
  expect(editor.querySelector('.publish-button')).toBeFalsy();
});

test('an existing campaign: the day’s course from the catalogue, teams and bonuses saved; ending early asks first; the invitation code shown and its link copied', async () => {
  const view = adminView({
    tasks: [task(1, { courseId: null, courseTitle: null }), task(2, { courseId: 'course-2', courseTitle: '第 2 课' })],
    startDay: '2026-03-01',
    endDay: '2026-03-02',
    totalDays: 2,
  });
  backend({
    'campaign.get': () => ok(view),
    'campaign.update': () => ok(view),
    'campaign.end': () => ok({ ...view, status: 'ended', phase: 'ended' }),
  });
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index', { id: 'c1' });
  expect(callsOf('get')).toEqual([{ action: 'get', campaignId: 'c1' }]);
  expect(texts(editor.querySelectorAll('.course-choice'))).toEqual(['关联课程（选填） ›', '课程：第 2 课 ›']);

  await tap(simulate, editor.querySelectorAll('.course-choice')[0]!);
  await settle(simulate);
  // The course sheet (packageCampaignAdmin/components/course-picker).
  const sheet = editor.querySelector('.course-picker')!;
  expect(texts(sheet.querySelectorAll('.course-option'))).toEqual(['高效沟通', '时间管理']);
  await tap(simulate, sheet.querySelectorAll('.course-option')[1]!);
  expect(sheet.querySelector('.picker-sheet')).toBeFalsy();
  expect(text(editor.querySelectorAll('.course-choice')[0])).toBe('课程：时间管理 ›');

  await pick(simulate, editor.querySelector('.team-mode'), '2');
  await tap(simulate, editor.querySelector('.add-team')!);
  await tap(simulate, editor.querySelector('.add-team')!);
  await input(editor, '.team-name', '红队', simulate, 0);
  await tap(simulate, editor.querySelector('.add-milestone')!);
  await input(editor, '.milestone-days', '2', simulate, 2);
  await input(editor, '.milestone-points', '30', simulate, 2);

  await tap(simulate, editor.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('update')[0]).toMatchObject({
    campaignId: 'c1',
    tasks: [
      { courseId: 'k2', prompt: '今日思考 1' },
      { courseId: 'course-2', prompt: '今日思考 2' },
    ],
    teamMode: 'chosen',
    teams: [{ name: '红队' }, { name: '第2组' }],
    streakMilestones: [
      { days: 2, points: 30 },
      { days: 7, points: 50 },
      { days: 14, points: 100 },
    ],
  });

  wxStub().modalAnswers.push(false);
  await tap(simulate, editor.querySelector('.end-button')!);
  expect(callsOf('end')).toEqual([]);
  wxStub().modalAnswers.push(true);
  await tap(simulate, editor.querySelector('.end-button')!);
  await settle(simulate);
  expect(callsOf('end')).toEqual([{ action: 'end', campaignId: 'c1' }]);
  expect(text(editor.querySelector('.state-label'))).toContain('已结束');
  // Ended: read-only, and it can be archived now.
  expect(editor.querySelector('.save-button')).toBeFalsy();
  expect(editor.querySelector('.archive-button')).toBeTruthy();

  expect(text(editor.querySelector('.invite-code'))).toBe('invite-token-1');
  await tap(simulate, editor.querySelector('.copy-invitation')!);
  expect(wxStub().clipboard).toEqual(['packageCampaign/detail/index?id=c1&inviteToken=invite-token-1']);
  expect(wxStub().toasts.at(-1)).toBe('邀请链接已复制');
});

test("the server's refusal of a change is shown", async () => {
  backend({ 'campaign.get': () => ok(adminView()), 'campaign.update': () => failure('CAMPAIGN_STATE', '活动已开始，不能修改已过去的日期') });
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index', { id: 'c1' });
  await tap(simulate, editor.querySelector('.save-button')!);
  await settle(simulate);
  expect(text(editor.querySelector('.error'))).toBe('活动已开始，不能修改已过去的日期');
});

describe('打卡活动管理', () => {
  test('lists managed campaigns with status, seats and waiting sign-ups; tabs filter by status', async () => {
    campaignBackend({
      managed: (call) =>
        ok(
          call.event.status === 'draft'
            ? page([managed(3, { status: 'draft', phase: 'draft', title: '草稿活动' })])
            : page([managed(1, { pendingCount: 3, waitlistedCount: 2 }), managed(2, { status: 'ended', phase: 'ended' })]),
        ),
    });
    const { page: list, simulate } = await openPage('packageCampaignAdmin/campaigns/index');
    expect(callsOf('managed')).toEqual([{ action: 'managed', page: 1, pageSize: 10 }]);
    expect(texts(list.querySelectorAll('.campaign-state'))).toEqual(['已发布 · 进行中 · 2026-03-01 至 2026-03-21', '已结束 · 2026-03-01 至 2026-03-21']);
    expect(texts(list.querySelectorAll('.waiting'))).toEqual(['待审核 3 · 候补 2']);
    expect(text(list.querySelector('.campaign-seats'))).toBe('已报名 30/50 人 · 更新于 2026-02-11 10:00');

    await switchTab(simulate, list, 1);
    await settle(simulate);
    expect(callsOf('managed')[1]).toEqual({ action: 'managed', page: 1, pageSize: 10, status: 'draft' });
    expect(texts(list.querySelectorAll('.campaign-title'))).toEqual(['草稿活动']);
  });

  test('opens the editor, members, dashboard and a new campaign', async () => {
    campaignBackend({ managed: () => ok(page([managed(1)])) });
    const { page: list, simulate } = await openPage('packageCampaignAdmin/campaigns/index');
    await tap(simulate, list.querySelector('.campaign')!);
    await tap(simulate, list.querySelector('.open-members')!);
    await tap(simulate, list.querySelector('.open-dashboard')!);
    await tap(simulate, list.querySelector('.new-campaign')!);
    expect(wxStub().navigations).toEqual([
      '/packageCampaignAdmin/editor/index?id=c1',
      '/packageCampaignAdmin/members/index?id=c1',
      '/packageCampaignAdmin/dashboard/index?id=c1',
      '/packageCampaignAdmin/editor/index',
    ]);
  });
});

test('campaign scope: a single choice is preselected; an existing campaign shows its scope', async () => {
  backend({ 'campaign.scopeChoices': () => ok([{ departmentId: 'd1', label: '销售部' }]) });
  const fresh = await openPage('packageCampaignAdmin/editor/index');
  expect(pickedText(fresh.page, '.scope-picker')).toBe('销售部');

  backend({ 'campaign.get': () => ok(adminView({ id: 'c1', scopeDepartmentId: 'd1', scopeName: '销售部' })) });
  const existing = await openPage('packageCampaignAdmin/editor/index', { id: 'c1' });
  expect(pickedText(existing.page, '.scope-name')).toBe('销售部');
  expect(existing.page.querySelector('.scope-picker')).toBeFalsy();
  expect(callsOf('scopeChoices')).toEqual([{ action: 'scopeChoices', move: false }]);
});

test('campaign scope move: an admin over the campaign picks another scope, confirms, and the page shows it', async () => {
  backend({
    'campaign.get': () => ok(adminView({ id: 'c1', scopeDepartmentId: 'd1', scopeName: '销售部', canMoveScope: true })),
    'campaign.moveScope': () => ok(adminView({ id: 'c1', scopeDepartmentId: null, scopeName: '全公司', canMoveScope: true })),
  });
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index', { id: 'c1' });
  await settle(simulate);
  expect(callsOf('scopeChoices')).toEqual([{ action: 'scopeChoices', move: true }]);
  wxStub().modalAnswers.push(true);
  await pick(simulate, editor.querySelector('.move-scope'), '0');
  await settle(simulate);
  expect(wxStub().modals[0]?.title).toBe('调整管理范围');
  expect(callsOf('moveScope')).toEqual([{ action: 'moveScope', campaignId: 'c1', scopeDepartmentId: null }]);
  expect(pickedText(editor, '.scope-name')).toBe('全公司');

  backend({ 'campaign.get': () => ok(adminView({ id: 'c2', scopeName: '销售部', canMoveScope: false })) });
  const trainer = await openPage('packageCampaignAdmin/editor/index', { id: 'c2' });
  expect(trainer.page.querySelector('.move-scope')).toBeFalsy();
});

test("shows the server's warning when promised points exceed what the daily caps pay, after saving too", async () => {
  const warning = { label: '每次打卡', promised: 5, paid: 2, message: '每次打卡设定 5 积分，受积分规则的每日上限限制，成员实际最多获得 2 积分' };
  backend({
    'campaign.get': () => ok(adminView()),
    'campaign.update': () => ok(adminView({ pointsPerCheckin: 5, pointsWarnings: [warning] })),
  });
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index', { id: 'c1' });
  expect(editor.querySelector('.points-warnings')).toBeFalsy();
  await tap(simulate, editor.querySelector('.save-button')!);
  await settle(simulate);
  expect(texts(editor.querySelectorAll('.points-warning'))).toEqual([warning.message]);
});

test('a 21-day campaign: the daily tasks fold past the first days and unfold for a day left without its task', async () => {
  backend({});
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index');
  expect(editor.querySelectorAll('.task')).toHaveLength(3);
  expect(text(editor.querySelector('.tasks-toggle'))).toBe('展开全部 21 天');
  await tap(simulate, editor.querySelector('.tasks-toggle')!);
  expect(editor.querySelectorAll('.task')).toHaveLength(21);
  await tap(simulate, editor.querySelector('.tasks-toggle')!);
  expect(editor.querySelectorAll('.task')).toHaveLength(3);

  await input(editor, '.title-input', '21 天阅读打卡', simulate);
  for (const day of [0, 1, 2]) await input(editor, '.task-prompt', `第 ${day + 1} 天的题目`, simulate, day);
  await tap(simulate, editor.querySelector('.save-button')!);
  expect(text(editor.querySelector('.error'))).toBe('第 4 天需要关联课程或填写打卡题目');
  expect(editor.querySelectorAll('.task')).toHaveLength(21);
  expect(callsOf('create')).toEqual([]);
});

test('保存 and 发布 sit in the bar at the bottom; ending early and archiving sit apart from them', async () => {
  backend({ 'campaign.get': () => ok(adminView({ status: 'published', phase: 'running' })) });
  const { page: editor } = await openPage('packageCampaignAdmin/editor/index', { id: 'c1' });
  const bar = text(editor.querySelector('.action-bar'));
  expect(bar).toContain('保存');
  expect(bar).not.toContain('提前结束');
  expect(editor.querySelector('.end-button')).toBeTruthy();
});

test('the course sheet reads the catalogue when it first opens and keeps it for the next day', async () => {
  backend({});
  const { page: editor, simulate } = await openPage('packageCampaignAdmin/editor/index');
  const catalogueReads = () => wxStub().calls.filter((call) => call.name === 'course' && call.event.action === 'list').length;
  expect(catalogueReads()).toBe(0);
  await tap(simulate, editor.querySelectorAll('.course-choice')[0]!);
  await settle(simulate);
  const sheet = editor.querySelector('.course-picker')!;
  expect(text(sheet.querySelector('.sheet-title'))).toBe('选择第 1 天的课程');
  await tap(simulate, sheet.querySelector('.close-picker')!);
  expect(sheet.querySelector('.picker-sheet')).toBeFalsy();
  await tap(simulate, editor.querySelectorAll('.course-choice')[1]!);
  await settle(simulate);
  expect(text(sheet.querySelector('.sheet-title'))).toBe('选择第 2 天的课程');
  expect(texts(sheet.querySelectorAll('.course-option'))).toEqual(['高效沟通', '时间管理']);
  expect(catalogueReads()).toBe(1);
});
