/** 积分规则 (admin): load the rules, edit points, caps and expiry, validation before saving, save errors. */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, tap, wxStub, openPage, text, texts, typeInto, fieldTarget } from '../harness';
import { backend, callsOf } from '../../helpers/pages/points';
import type { AdjustSettingsView, EarningRulesView } from '../../../typings/functions/points';

const RULES: EarningRulesView = {
  points: {
    course_completed: 10,
    quiz_passed: 5,
    checkin: 2,
    streak_bonus: 20,
    competition_award: 100,
    course_published: 100,
    course_learner: 2,
    course_rated: 30,
    course_award: 80,
    session_attended: 20,
  },
  dailyCaps: {
    course_completed: 50,
    quiz_passed: null,
    checkin: null,
    streak_bonus: null,
    competition_award: null,
    course_published: null,
    course_learner: 40,
    course_rated: null,
    course_award: null,
    session_attended: null,
  },
  dailyTotalCap: 200,
  expiryEnabled: false,
  updatedAt: null,
  warnings: [],
};

const SETTINGS: AdjustSettingsView = { scopedAdminDailyCeiling: 1000, updatedAt: null, myCreditedToday: 0, myCeiling: null };
const settings = () => ok(SETTINGS);

const open = () => openPage('packageAdmin/points-rules/index');

async function typeAt(
  simulate: Parameters<typeof settle>[0],
  rendered: Awaited<ReturnType<typeof open>>['page'],
  selector: string,
  index: number,
  value: string,
) {
  fieldTarget(rendered.querySelectorAll(selector)[index]!).dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}

test('shows every event type with its points and cap; saving sends the edited rules', async () => {
  backend({
    getRules: () => ok(RULES),
    getAdjustSettings: settings,
    setRules: (call) => {
      const { action: _action, ...rules } = call.event;
      return ok({ ...(rules as Omit<EarningRulesView, 'updatedAt' | 'warnings'>), updatedAt: '2026-03-01T02:00:00.000Z', warnings: [] });
    },
  });
  const { page: rendered, simulate } = await open();
  expect(texts(rendered.querySelectorAll('.rule-label')).slice(0, 10)).toEqual([
    '完成课程',
    '通过测验',
    '打卡',
    '连续打卡奖励',
    '大赛获奖',
    '课程通过审核',
    '学员完成我的课程',
    '课程获得好评',
    '课程在大赛获奖',
    '线下课签到',
  ]);
  expect(text(rendered.querySelector('.updated'))).toBe('当前为默认规则，尚未保存过');

  await typeAt(simulate, rendered, '.rule-points', 2, '3');
  await typeAt(simulate, rendered, '.rule-cap', 0, '');
  await typeAt(simulate, rendered, '.rule-cap', 2, '6');
  await typeInto(simulate, rendered, '.total-cap', '');
  // The TDesign switch's change event, as the page's handler receives it.
  (rendered.instance as unknown as { onExpiryChange(event: { detail: { value: boolean } }): void }).onExpiryChange({ detail: { value: true } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);

  expect(callsOf('setRules')).toEqual([
    {
      action: 'setRules',
      points: {
        course_completed: 10,
        quiz_passed: 5,
        checkin: 3,
        streak_bonus: 20,
        competition_award: 100,
        course_published: 100,
        course_learner: 2,
        course_rated: 30,
        course_award: 80,
        session_attended: 20,
      },
      dailyCaps: {
        course_completed: null,
        quiz_passed: null,
        checkin: 6,
        streak_bonus: null,
        competition_award: null,
        course_published: null,
        course_learner: 40,
        course_rated: null,
        course_award: null,
        session_attended: null,
      },
      dailyTotalCap: null,
      expiryEnabled: true,
    },
  ]);
  expect(wxStub().toasts).toEqual(['积分规则已保存']);
  expect(text(rendered.querySelector('.updated'))).toBe('最近保存：2026-03-01 10:00');
});

test('bad numbers are marked on their row and nothing is sent', async () => {
  backend({ getRules: () => ok(RULES), getAdjustSettings: settings });
  const { page: rendered, simulate } = await open();
  await typeAt(simulate, rendered, '.rule-points', 0, '-1');
  await typeAt(simulate, rendered, '.rule-points', 1, '');
  await typeAt(simulate, rendered, '.rule-cap', 3, '2.5');
  await typeInto(simulate, rendered, '.total-cap', '1000001');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(callsOf('setRules')).toEqual([]);
  expect(texts(rendered.querySelectorAll('.rule-error'))).toEqual([
    '完成课程积分须为 0 到 1000000 之间的整数',
    '请填写通过测验积分',
    '连续打卡奖励每日上限须为 0 到 1000000 之间的整数',
  ]);
  expect(text(rendered.querySelector('.total-cap-error'))).toBe('每日总上限须为 0 到 1000000 之间的整数');
  expect(wxStub().toasts).toEqual(['请检查标红的输入']);

  // Typing again clears that row's error.
  await typeAt(simulate, rendered, '.rule-points', 0, '8');
  expect(texts(rendered.querySelectorAll('.rule-error'))).toHaveLength(2);
});

test('a refused save says why and keeps what was typed; a failed load offers retry', async () => {
  let loads = 0;
  backend({
    getRules: () =>
      loads++ === 0 ? failure('INTERNAL', '服务繁忙，请稍后重试') : ok({ ...RULES, expiryEnabled: true, updatedAt: '2026-02-01T02:00:00.000Z' }),
    getAdjustSettings: settings,
    setRules: () => failure('FORBIDDEN', '仅限全公司范围的管理员操作积分商城和积分规则'),
  });
  const { page: rendered, simulate } = await open();
  expect(text(inStatus(rendered, '.state-error'))).toContain('服务繁忙，请稍后重试');
  await tap(simulate, inStatus(rendered, '.retry')!);
  expect(text(rendered.querySelector('.updated'))).toBe('最近保存：2026-02-01 10:00');

  await typeAt(simulate, rendered, '.rule-points', 0, '12');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('setRules')).toHaveLength(1);
  expect(wxStub().toasts).toEqual(['仅限全公司范围的管理员操作积分商城和积分规则']);
  expect((rendered.data as { rows: { points: string }[] }).rows[0]?.points).toBe('12');
});

test('the daily adjustment ceiling for department admins is shown, checked and saved on its own', async () => {
  backend({
    getRules: () => ok(RULES),
    getAdjustSettings: settings,
    setAdjustSettings: (call) =>
      ok({ ...SETTINGS, scopedAdminDailyCeiling: call.event.scopedAdminDailyCeiling as number | null, updatedAt: '2026-03-01T02:00:00.000Z' }),
  });
  const { page: rendered, simulate } = await open();
  expect((rendered.data as { ceiling: string }).ceiling).toBe('1000');
  await typeInto(simulate, rendered, '.ceiling-input', '-5');
  await tap(simulate, rendered.querySelector('.save-ceiling-button')!);
  expect(text(rendered.querySelector('.ceiling-error'))).toBe('每日调整上限须为 0 到 1000000 之间的整数');
  expect(callsOf('setAdjustSettings')).toEqual([]);
  await typeInto(simulate, rendered, '.ceiling-input', '300');
  await tap(simulate, rendered.querySelector('.save-ceiling-button')!);
  await settle(simulate);
  await typeInto(simulate, rendered, '.ceiling-input', '');
  await tap(simulate, rendered.querySelector('.save-ceiling-button')!);
  await settle(simulate);
  expect(callsOf('setAdjustSettings')).toEqual([
    { action: 'setAdjustSettings', scopedAdminDailyCeiling: 300 },
    { action: 'setAdjustSettings', scopedAdminDailyCeiling: null },
  ]);
  expect(callsOf('setRules')).toEqual([]);
  expect(wxStub().toasts).toEqual(['调整上限已保存', '调整上限已保存']);
});

test("shows the server's warnings for kinds a daily cap would cut", async () => {
  const message = '「课程通过审核」设定 100 积分，受积分规则的每日上限限制，成员实际最多获得 50 积分';
  backend({ getRules: () => ok({ ...RULES, warnings: [{ label: '「课程通过审核」', promised: 100, paid: 50, message }] }), getAdjustSettings: settings });
  const { page: rendered } = await open();
  expect(texts(rendered.querySelectorAll('.rule-warning'))).toEqual([message]);
});
