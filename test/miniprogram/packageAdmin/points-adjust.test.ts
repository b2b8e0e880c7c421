/**
 * 积分调整 (admin): member search, balance and recent entries, validation, confirmation, one requestId per
 * confirmation reused on retry after an unknown outcome, refusals that change nothing.
 */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text, texts, typeInto, page } from '../harness';
import { backend as pointsBackend, callsOf, ledgerEntry } from '../../helpers/pages/points';
import { member } from './admin-fixtures';

const open = () => openPage('packageAdmin/points-adjust/index');

/** A company-wide admin unless a test says otherwise: no ceiling binds them. */
const NO_CEILING = { scopedAdminDailyCeiling: 1000, updatedAt: null, myCreditedToday: 0, myCeiling: null };
const backend: typeof pointsBackend = (handlers) => pointsBackend({ getAdjustSettings: () => ok(NO_CEILING), ...handlers });

type Rendered = Awaited<ReturnType<typeof open>>;

function adjusted(amount: number, reason: string, balance: number) {
  return ok({ entry: ledgerEntry(99, { amount, reason: 'admin_adjustment', note: reason, balanceAfter: balance }), balance });
}

async function pickFirstMember({ page: rendered, simulate }: Rendered) {
  await tap(simulate, rendered.querySelectorAll('.member')[0]!);
  await settle(simulate);
}

async function fill({ page: rendered, simulate }: Rendered, amount: string, reason: string) {
  await typeInto(simulate, rendered, '.amount-input', amount);
  await typeInto(simulate, rendered, '.reason-input', reason);
}

const history = () => ok({ ...page([ledgerEntry(1, { amount: -20, reason: 'redemption', note: '定制马克杯' })], 1, 1, 5), balance: 80 });

test('searches active members by keyword and shows the chosen member balance and recent entries', async () => {
  backend({
    listMembers: (call) =>
      ok(
        page(call.event.keyword ? [member(2, { name: '李雷' })] : [member(1), member(3, { employeeNo: null, external: true })], 1, call.event.keyword ? 1 : 2),
      ),
    memberHistory: history,
  });
  const loaded = await open();
  const { page: rendered, simulate } = loaded;
  expect(texts(rendered.querySelectorAll('.member-identity'))).toEqual(['E001', '外部合作伙伴']);
  await typeInto(simulate, rendered, '.search-input', ' 李 ');
  await tap(simulate, rendered.querySelector('.search-button')!);
  expect(callsOf('listMembers')).toEqual([
    { action: 'listMembers', page: 1, pageSize: 10, status: 'active' },
    { action: 'listMembers', page: 1, pageSize: 10, status: 'active', keyword: '李' },
  ]);
  await pickFirstMember(loaded);
  expect(callsOf('memberHistory')).toEqual([{ action: 'memberHistory', memberId: 'm2', page: 1, pageSize: 5 }]);
  expect(text(rendered.querySelector('.selected-name'))).toBe('李雷（E002）');
  expect(text(rendered.querySelector('.balance-value'))).toBe('80');
  expect(text(rendered.querySelector('.entry-reason'))).toBe('兑换礼品：定制马克杯');
});

test('adding asks for confirmation, sends one requestId, and shows the new balance and entry', async () => {
  backend({
    listMembers: () => ok(page([member(1)], 1, 1)),
    memberHistory: history,
    adjust: (call) => adjusted(Number(call.event.amount), String(call.event.reason), 130),
  });
  const loaded = await open();
  await pickFirstMember(loaded);
  const { page: rendered, simulate } = loaded;
  await fill(loaded, '50', ' 优秀讲师奖励 ');

  wxStub().modalAnswers.push(false);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  expect(callsOf('adjust')).toEqual([]);

  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(wxStub().modals[1]?.content).toBe('为员工1（E001）增加 50 积分？原因：优秀讲师奖励');
  const [sent] = callsOf('adjust');
  expect(sent).toMatchObject({ action: 'adjust', memberId: 'm1', amount: 50, reason: '优秀讲师奖励' });
  expect(String(sent?.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(text(rendered.querySelector('.balance-value'))).toBe('130');
  expect(texts(rendered.querySelectorAll('.entry-amount'))[0]).toBe('+50');
  expect(wxStub().toasts).toEqual(['已调整 +50 积分']);
  expect((rendered.data as { amount: string; reason: string }).amount).toBe('');
});

test('deducting sends a negative amount; an unknown outcome keeps the requestId for 重试调整', async () => {
  let attempts = 0;
  backend({
    listMembers: () => ok(page([member(1)], 1, 1)),
    memberHistory: history,
    adjust: (call) => (attempts++ === 0 ? { networkError: 'timeout' } : adjusted(Number(call.event.amount), String(call.event.reason), 60)),
  });
  const loaded = await open();
  await pickFirstMember(loaded);
  const { page: rendered, simulate } = loaded;
  await tap(simulate, rendered.querySelector('.directions')!.querySelectorAll('.chip')[1]!);
  await fill(loaded, '20', '违规扣减');
  wxStub().modalAnswers.push(true);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  warn.mockRestore();
  expect(wxStub().modals[0]?.content).toBe('为员工1（E001）扣减 20 积分？原因：违规扣减');
  expect(text(rendered.querySelector('.form-error'))).toContain('调整结果未确认');
  expect(text(rendered.querySelector('.submit-label'))).toBe('重试调整');

  // The retry asks no second confirmation and sends the same requestId.
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  const sent = callsOf('adjust');
  expect(sent).toHaveLength(2);
  expect(sent[0]).toMatchObject({ amount: -20, reason: '违规扣减' });
  expect(sent[1]).toEqual(sent[0]);
  expect(wxStub().modals).toHaveLength(1);
  expect(text(rendered.querySelector('.balance-value'))).toBe('60');
  expect(text(rendered.querySelector('.submit-label'))).toBe('确认调整');
});

test('changing the amount after an unknown outcome is a new intent with a new confirmation and requestId', async () => {
  let attempts = 0;
  backend({
    listMembers: () => ok(page([member(1)], 1, 1)),
    memberHistory: history,
    adjust: () => (attempts++ === 0 ? failure('INTERNAL', '服务器开小差了，请稍后重试') : adjusted(30, '补发', 110)),
  });
  const loaded = await open();
  await pickFirstMember(loaded);
  const { page: rendered, simulate } = loaded;
  await fill(loaded, '20', '补发');
  wxStub().modalAnswers.push(true, true);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  await typeInto(simulate, rendered, '.amount-input', '30');
  expect(text(rendered.querySelector('.submit-label'))).toBe('确认调整');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  const sent = callsOf('adjust');
  expect(wxStub().modals).toHaveLength(2);
  expect(sent[1]?.amount).toBe(30);
  expect(sent[1]?.requestId).not.toBe(sent[0]?.requestId);
});

test('validation before sending, and a refusal settles with a clear message', async () => {
  backend({
    listMembers: () => ok(page([member(1)], 1, 1)),
    memberHistory: history,
    adjust: () => failure('POINTS_INSUFFICIENT', '积分不足'),
  });
  const loaded = await open();
  await pickFirstMember(loaded);
  const { page: rendered, simulate } = loaded;
  const submit = () => tap(simulate, rendered.querySelector('.submit-button')!);

  await fill(loaded, '', '原因');
  await submit();
  expect(text(rendered.querySelector('.form-error'))).toBe('请填写调整数量');
  await fill(loaded, '1.5', '原因');
  await submit();
  expect(text(rendered.querySelector('.form-error'))).toBe('调整数量须为 1 到 1000000 之间的整数');
  await fill(loaded, '0', '原因');
  await submit();
  expect(text(rendered.querySelector('.form-error'))).toBe('调整数量须为 1 到 1000000 之间的整数');
  await fill(loaded, '10', '   ');
  await submit();
  expect(text(rendered.querySelector('.form-error'))).toBe('请填写调整原因');
  expect(callsOf('adjust')).toEqual([]);
  expect(wxStub().modals).toEqual([]);

  await tap(simulate, rendered.querySelector('.directions')!.querySelectorAll('.chip')[1]!);
  await fill(loaded, '500', '清零');
  wxStub().modalAnswers.push(true);
  await submit();
  await settle(simulate);
  expect(text(rendered.querySelector('.form-error'))).toBe('扣减后积分将小于 0，请减少扣减数量');
  expect(text(rendered.querySelector('.submit-label'))).toBe('确认调整');
  expect(text(rendered.querySelector('.balance-value'))).toBe('80');
});

test('the daily ceiling and crediting oneself are refusals: the server message shows and the requestId is dropped', async () => {
  const refusals = [
    failure('ADJUST_LIMIT', '今日积分调整额度不足：每日上限 300 积分，今日还可增加 100 积分'),
    failure('FORBIDDEN', '不能给自己增加积分，请由其他管理员操作'),
  ];
  backend({ listMembers: () => ok(page([member(1)], 1, 1)), memberHistory: history, adjust: () => refusals.shift()! });
  const loaded = await open();
  await pickFirstMember(loaded);
  const { page: rendered, simulate } = loaded;
  await fill(loaded, '200', '活动奖励');
  wxStub().modalAnswers.push(true, true);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(text(rendered.querySelector('.form-error'))).toBe('今日积分调整额度不足：每日上限 300 积分，今日还可增加 100 积分');
  expect(text(rendered.querySelector('.submit-label'))).toBe('确认调整');
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate);
  expect(text(rendered.querySelector('.form-error'))).toBe('不能给自己增加积分，请由其他管理员操作');
  const [first, second] = callsOf('adjust');
  expect(first?.requestId).not.toBe(second?.requestId);
  expect(wxStub().modals).toHaveLength(2);
});

test('a department-scoped admin sees what they credited today against the ceiling, read again after a credit', async () => {
  let credited = 100;
  pointsBackend({
    listMembers: () => ok(page([member(1)], 1, 1)),
    memberHistory: history,
    getAdjustSettings: () => ok({ scopedAdminDailyCeiling: 300, updatedAt: null, myCreditedToday: credited, myCeiling: 300 }),
    adjust: (call) => {
      credited += Number(call.event.amount);
      return adjusted(Number(call.event.amount), String(call.event.reason), 130);
    },
  });
  const loaded = await open();
  await pickFirstMember(loaded);
  const { page: rendered, simulate } = loaded;
  expect(text(rendered.querySelector('.allowance'))).toBe('今日已增加 100 积分，每日上限 300 积分');
  await fill(loaded, '50', '活动奖励');
  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.submit-button')!);
  await settle(simulate, 5);
  expect(text(rendered.querySelector('.allowance'))).toBe('今日已增加 150 积分，每日上限 300 积分');
});
