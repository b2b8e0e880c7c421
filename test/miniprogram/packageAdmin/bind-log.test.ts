/** 绑定记录: binding attempts newest first with outcome and reason, filtered by outcome and employee number. */
import { failure, ok } from '../wx-stub';
import type { BindAttemptView } from '../../../typings/functions/admin';
import { pick, settle, tap, fieldTarget } from '../harness';
import { adminBackend, callsOf, openPage, page, text } from './admin-fixtures';

const open = () => openPage('packageAdmin/bind-log/index');

function attempt(n: number, overrides: Partial<BindAttemptView> = {}): BindAttemptView {
  return {
    id: `a${n}`,
    at: '2026-03-10T00:20:00.000Z',
    wechatUser: '微信用户 0a1b2c3d',
    employeeNo: `E00${n}`,
    memberId: `m:E00${n}`,
    factor: 'phone',
    outcome: 'refused',
    reason: 'phone_mismatch',
    ...overrides,
  };
}

test('lists attempts with time (Beijing), pseudonym, factor and the reason in words', async () => {
  adminBackend({
    listBindAttempts: () =>
      ok(
        page([
          attempt(1),
          attempt(2, { outcome: 'bound', reason: 'bound', factor: 'bind_code' }),
          attempt(3, { outcome: 'rate_limited', reason: 'rate_limited' }),
        ]),
      ),
  });
  const { page: rendered } = await open();
  expect(callsOf('listBindAttempts')).toEqual([{ action: 'listBindAttempts', page: 1, pageSize: 10 }]);
  const rows = rendered.querySelectorAll('.attempt').map(text);
  expect(rows[0]).toContain('E001');
  expect(rows[0]).toContain('手机号不符');
  expect(rows[0]).toContain('2026-03-10 08:20 · 微信用户 0a1b2c3d · 手机号验证');
  expect(rows[1]).toContain('绑定成功');
  expect(rows[1]).toContain('绑定码');
  expect(rows[2]).toContain('尝试过多被限流');
});

test('filters by outcome and employee number', async () => {
  adminBackend({ listBindAttempts: () => ok(page([attempt(1)])) });
  const { page: rendered, simulate } = await open();
  await pick(simulate, rendered.querySelector('.filter-outcome'), 2);
  await settle(simulate);
  expect(callsOf('listBindAttempts').at(-1)).toEqual({ action: 'listBindAttempts', page: 1, pageSize: 10, outcome: 'refused' });
  fieldTarget(rendered.querySelector('.search-input')!).dispatchEvent('input', { detail: { value: ' E001 ' } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.search-button')!);
  await settle(simulate);
  expect(callsOf('listBindAttempts').at(-1)).toEqual({ action: 'listBindAttempts', page: 1, pageSize: 10, outcome: 'refused', employeeNo: 'E001' });
});

test('an empty log says so; a refusal shows the error', async () => {
  adminBackend({ listBindAttempts: () => ok(page([])) });
  const empty = await open();
  expect(text(empty.page.querySelector('#status'))).toContain('暂无绑定记录');
  adminBackend({ listBindAttempts: () => failure('FORBIDDEN', '你没有权限进行此操作') });
  const refused = await open();
  expect(text(refused.page.querySelector('#status'))).toContain('你没有权限进行此操作');
});
