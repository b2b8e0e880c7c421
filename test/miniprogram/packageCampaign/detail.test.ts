/**
 * 活动详情 / 报名: what the campaign is and its rules, sign-up (team choice, invitation token, waiting list,
 * approval), quitting after a confirmation, and today's task with the way to check in.
 */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text, texts } from '../harness';
import { backend as campaignBackend, callsOf, detail, enrollment, type ActionHandlers } from '../../helpers/pages/campaign';
import { TOKEN, memberOpen, outsiderOpen } from '../../helpers/pages/share';
import { backend as route } from '../../helpers/backend';
import type { CampaignDetail } from '../../../typings/functions/campaign';

/** The campaign function, with reminders not configured unless a test says otherwise. */
const backend = (handlers: ActionHandlers) => campaignBackend({ reminderSettings: () => ok({ templateId: null, remaining: 0 }), ...handlers });

const open = (query: Record<string, string> = { id: 'c1' }) => openPage('packageCampaign/detail/index', query);

test('shows dates, rules, requirement, sign-up window and seats, and the daily tasks', async () => {
  backend({ detail: () => ok(detail()) });
  const { page } = await open();
  expect(callsOf('detail')).toEqual([{ action: 'detail', campaignId: 'c1' }]);
  expect(text(page.querySelector('.campaign-title'))).toBe('21 天阅读打卡 1');
  expect(text(page.querySelector('.dates'))).toBe('2026-03-01 至 2026-03-21 · 共 21 天');
  expect(texts(page.querySelectorAll('.sign-up-line'))).toEqual(['报名时间：2026-02-20 至 2026-03-05', '名额 50 人，已报名 30 人']);
  expect(texts(page.querySelectorAll('.requirement-line'))).toEqual(['心得文字不少于 20 字', '上传图片 1–9 张', '打卡前需完成当天的课程']);
  expect(texts(page.querySelectorAll('.rule-line'))).toEqual([
    '每次打卡得 10 积分',
    '连续打卡 7 天，奖励 50 积分',
    '连续打卡 14 天，奖励 100 积分',
    '每人 3 张补卡卡，可补最近 3 天内漏打的卡，每次消耗 5 积分',
    '补卡计入连续打卡',
    '完成 80% 的打卡天数即可获得结业证书',
    '每天 20:00 提醒未打卡的成员（需订阅提醒）',
  ]);
  expect(page.querySelectorAll('.task')).toHaveLength(21);
  expect(page.querySelectorAll('.task-today')).toHaveLength(1);
  expect(text(page.querySelector('.my-progress'))).toBe('已打卡 5/21 天（含补卡 1 天）');
  expect(text(page.querySelector('.my-streak'))).toBe('连续 3 天 · 最长 4 天 · 补卡卡剩余 2 张');
});

test("today's task opens the check-in page and the day's course; checked in today shows it instead", async () => {
  backend({ detail: () => ok(detail()) });
  const { page, simulate } = await open();
  expect(text(page.querySelector('.today-prompt'))).toBe('今日思考 7');
  await tap(simulate, page.querySelector('.today-course')!);
  await tap(simulate, page.querySelector('.checkin-button')!);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=course-7', '/packageCampaign/checkin/index?id=c1']);

  backend({ detail: () => ok(detail({ checkedInToday: true })) });
  const again = await open();
  expect(again.page.querySelector('.checkin-button')).toBeFalsy();
  expect(text(again.page.querySelector('.checked-in'))).toBe('今日已打卡 ✓');
});

test('signing up with a chosen team and an invitation token; the answer may be the waiting list', async () => {
  let signedUp = false;
  const open_ = detail({
    myEnrollment: null,
    signUpOpen: true,
    phase: 'upcoming',
    inviteOnly: true,
    teamMode: 'chosen',
    capacity: 30,
    enrolledCount: 30,
    teams: [
      { id: 't1', name: '红队', enrolled: 15 },
      { id: 't2', name: '蓝队', enrolled: 15 },
    ],
  });
  backend({
    detail: () => ok(signedUp ? { ...open_, myEnrollment: enrollment({ status: 'waitlisted', waitPosition: 3, teamId: 't2', teamName: '蓝队' }) } : open_),
    signUp: () => {
      signedUp = true;
      return ok({ enrollment: enrollment({ status: 'waitlisted', waitPosition: 3 }) });
    },
  });
  const { page, simulate } = await open({ id: 'c1', inviteToken: 'tok-12345678' });
  expect(callsOf('detail')[0]).toEqual({ action: 'detail', campaignId: 'c1', inviteToken: 'tok-12345678' });
  expect(texts(page.querySelectorAll('.sign-up-line'))).toContain('仅限受邀成员报名');
  expect(text(page.querySelector('.sign-up-label'))).toBe('名额已满，加入候补');

  await tap(simulate, page.querySelector('.sign-up-button')!);
  expect(text(page.querySelector('.error'))).toBe('请先选择要加入的小组');
  expect(callsOf('signUp')).toEqual([]);

  await tap(simulate, page.querySelectorAll('.team')[1]!);
  await tap(simulate, page.querySelector('.sign-up-button')!);
  await settle(simulate);
  expect(callsOf('signUp')).toEqual([{ action: 'signUp', campaignId: 'c1', teamId: 't2', inviteToken: 'tok-12345678' }]);
  expect(wxStub().toasts).toEqual(['名额已满，已加入候补']);
  expect(text(page.querySelector('.enrollment-note'))).toBe('候补第 3 位，有人退出后自动补位');
  expect(text(page.querySelector('.my-team'))).toBe('小组：蓝队');
  expect(page.querySelector('.sign-up-button')).toBeFalsy();
  expect(page.querySelector('.quit-button')).toBeTruthy();
});

test('a refused sign-up says why in the page’s words', async () => {
  backend({ detail: () => ok(detail({ myEnrollment: null, signUpOpen: true })), signUp: () => failure('NOT_ELIGIBLE', '你不在本活动的参与范围内') });
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.sign-up-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.error'))).toBe('你不在本活动的参与范围内');
});

test('quitting asks first; declined changes nothing, confirmed quits and reloads', async () => {
  let quit = false;
  backend({
    detail: () => ok(detail(quit ? { myEnrollment: enrollment({ status: 'quit' }), signUpOpen: true } : {})),
    quit: () => {
      quit = true;
      return ok(enrollment({ status: 'quit' }));
    },
  });
  const { page, simulate } = await open();
  wxStub().modalAnswers.push(false);
  await tap(simulate, page.querySelector('.quit-button')!);
  expect(wxStub().modals[0]?.title).toBe('退出活动');
  expect(callsOf('quit')).toEqual([]);

  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.quit-button')!);
  await settle(simulate);
  expect(callsOf('quit')).toEqual([{ action: 'quit', campaignId: 'c1' }]);
  expect(wxStub().toasts).toEqual(['已退出活动']);
  expect(page.querySelector('.quit-button')).toBeFalsy();
  expect(text(page.querySelector('.sign-up-label'))).toBe('重新报名');
});

test('entries: calendar and certificate for members taking part, the dashboard for managers', async () => {
  const variants: [Partial<CampaignDetail>, string[]][] = [
    [{}, ['打卡日历 ›', '打卡动态 ›', '排行榜 ›', '结业证书 ›']],
    [{ myEnrollment: null, canManage: true }, ['打卡动态 ›', '排行榜 ›', '活动看板（管理）›']],
  ];
  for (const [overrides, entries] of variants) {
    backend({ detail: () => ok(detail(overrides)) });
    const { page } = await open();
    expect(texts(page.querySelectorAll('.entry'))).toEqual(entries);
  }
  backend({ detail: () => ok(detail()) });
  const { page, simulate } = await open();
  await tap(simulate, page.querySelectorAll('.entry')[0]!);
  expect(wxStub().navigations).toEqual(['/packageCampaign/calendar/index?id=c1']);
});

test('a failed load shows the message and retries', async () => {
  backend({ detail: () => failure('NOT_FOUND', '内容不存在或已删除') });
  const { page } = await open();
  expect(text(page)).toContain('内容不存在或已删除');
});

test('订阅提醒 asks WeChat from the tap, reports the accepted template once and shows what is left', async () => {
  wxStub().subscribeAnswers = { 'tmpl-remind': 'reject' };
  const reports = [{ networkError: 'timeout' } as const, ok({ templateId: 'tmpl-remind', remaining: 3 })];
  backend({
    detail: () => ok(detail()),
    reminderSettings: () => ok({ templateId: 'tmpl-remind', remaining: 2 }),
    subscribeReminder: () => reports.shift()!,
  });
  const { page, simulate } = await open();
  await settle(simulate);
  expect(text(page.querySelector('.reminder-left'))).toBe('剩余提醒 2 次');

  await tap(simulate, page.querySelector('.subscribe-button')!);
  await settle(simulate);
  expect(wxStub().subscribePanels).toEqual([['tmpl-remind']]);
  expect(callsOf('subscribeReminder')).toEqual([]);
  expect(wxStub().toasts).toEqual(['未订阅提醒']);

  wxStub().subscribeAnswers = { 'tmpl-remind': 'accept' };
  await tap(simulate, page.querySelector('.subscribe-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.subscribe-label'))).toBe('重新同步');
  // 重新同步 reports the same subscription again without a second panel.
  await tap(simulate, page.querySelector('.subscribe-button')!);
  await settle(simulate);
  expect(wxStub().subscribePanels).toHaveLength(2);
  const reported = callsOf('subscribeReminder');
  expect(reported).toHaveLength(2);
  expect(reported[0]).toMatchObject({ action: 'subscribeReminder', templateId: 'tmpl-remind' });
  expect(reported[0]?.requestId).toBe(reported[1]?.requestId);
  expect(text(page.querySelector('.reminder-left'))).toBe('剩余提醒 3 次');
  expect(wxStub().toasts[wxStub().toasts.length - 1]).toBe('已订阅，剩余提醒 3 次');
});

test('the detail page shares with a token and records an open through one; an outsider never loads it', async () => {
  route({
    'share.open': () => ok(memberOpen('campaign', 'c1')),
    'share.create': (call) =>
      ok({
        token: TOKEN,
        target: { kind: 'campaign', id: 'c1' },
        channel: call.event.channel,
        title: 't',
        path: `pages/share/index?token=${TOKEN}`,
        query: `token=${TOKEN}`,
      }),
    'campaign.detail': () => ok(detail()),
    'campaign.reminderSettings': () => ok({ templateId: null, remaining: 0 }),
  });
  const { page } = await open({ id: 'c1', token: TOKEN });
  expect(
    wxStub()
      .calls.slice(0, 2)
      .map((call) => `${call.name}.${String(call.event.action)}`),
  ).toEqual(['share.open', 'campaign.detail']);
  const card = (
    page.instance as unknown as { onShareAppMessage(): { path?: string; title?: string; promise?: Promise<{ path?: string }> } }
  ).onShareAppMessage();
  expect(card).toMatchObject({ title: '21 天阅读打卡 1', path: '/packageCampaign/detail/index?id=c1' });
  await expect(card.promise).resolves.toMatchObject({ path: `/pages/share/index?token=${TOKEN}` });

  wxStub().calls = [];
  route({ 'share.open': () => ok(outsiderOpen) });
  await open({ id: 'c1', token: TOKEN });
  expect(wxStub().relaunches).toEqual([`/pages/share/index?token=${TOKEN}`]);
  expect(callsOf('detail')).toEqual([]);
});

test('the 21-day task list folds to today ± 3 days; 展开全部 shows every day and 收起 folds it again', async () => {
  backend({ detail: () => ok(detail()) });
  const { page, simulate } = await open();
  const shown = () => texts(page.querySelectorAll('.task').filter((task) => !task.dom?.className.includes('task-folded'))).map((line) => line.split(' · ')[0]);
  // Today is day 7 (2026-03-07).
  expect(shown()).toEqual(['第 4 天', '第 5 天', '第 6 天', '第 7 天', '第 8 天', '第 9 天', '第 10 天']);
  expect(text(page.querySelector('.tasks-toggle'))).toBe('展开全部 21 天');
  await tap(simulate, page.querySelector('.tasks-toggle')!);
  expect(shown()).toHaveLength(21);
  expect(text(page.querySelector('.tasks-toggle'))).toBe('收起');
  await tap(simulate, page.querySelector('.tasks-toggle')!);
  expect(shown()).toHaveLength(7);

  // Before the start the first days show; after the end the last ones; a short list has nothing to fold.
  backend({ detail: () => ok(detail({ today: '2026-02-25', todayTask: null })) });
  const before = await open();
  expect(
    texts(before.page.querySelectorAll('.task').filter((task) => !task.dom?.className.includes('task-folded'))).map((line) => line.split(' · ')[0]),
  ).toEqual(['第 1 天', '第 2 天', '第 3 天', '第 4 天']);
  backend({ detail: () => ok(detail({ today: '2026-03-30', todayTask: null, phase: 'ended' })) });
  const after = await open();
  expect(after.page.querySelectorAll('.task').filter((task) => !task.dom?.className.includes('task-folded'))).toHaveLength(4);
  backend({ detail: () => ok(detail({ tasks: detail().tasks.slice(3, 8), totalDays: 5 })) });
  const short = await open();
  expect(short.page.querySelector('.tasks-toggle')).toBeFalsy();
});

test('a quit whose answer never came says so and leaves 订阅提醒 as it was (its own request id)', async () => {
  backend({
    detail: () => ok(detail()),
    reminderSettings: () => ok({ templateId: 'tmpl-remind', remaining: 2 }),
    quit: () => ({ networkError: 'timeout' }),
  });
  const { page, simulate } = await open();
  await settle(simulate);
  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.quit-button')!);
  await settle(simulate);
  expect(callsOf('quit')).toHaveLength(1);
  expect(text(page.querySelector('.error'))).toContain('网络连接失败');
  expect(text(page.querySelector('.subscribe-label'))).toBe('订阅提醒');
});
