/** 我的积分: balance, expiring soon, the ledger with reasons (paged), empty and error states. */
import { failure, ok } from '../wx-stub';
import { inStatus, tap, wxStub, openPage, text, texts, page } from '../harness';
import { backend, callsOf, ledgerEntry, okWith } from '../../helpers/pages/points';

const BALANCE = {
  balance: 320,
  earnedTotal: 900,
  expiryEnabled: true,
  // Points of 2025 expire at the end of 2026 (Beijing): 2027-01-01 00:00 +08:00.
  expiring: [
    { year: 2025, amount: 120, expiresAt: '2026-12-31T16:00:00.000Z' },
    { year: 2026, amount: 200, expiresAt: '2027-12-31T16:00:00.000Z' },
  ],
};

const open = () => openPage('packagePoints/points/index');

test('shows balance, what expires soonest, and the ledger with Chinese reasons and signed amounts', async () => {
  backend({
    balance: okWith(BALANCE),
    history: okWith(
      page(
        [
          ledgerEntry(1),
          ledgerEntry(2, { amount: -200, reason: 'redemption', note: '定制马克杯', balanceAfter: 80 }),
          ledgerEntry(3, { amount: 50, reason: 'admin_adjustment', note: '年度优秀学员' }),
        ],
        1,
        3,
      ),
    ),
  });
  const { page: rendered } = await open();
  expect(text(rendered.querySelector('.balance'))).toBe('320');
  expect(text(rendered.querySelector('.earned'))).toBe('累计获得 900 积分');
  expect(text(rendered.querySelector('.expiring-soon'))).toBe('120 积分将于 2026-12-31 过期');
  expect(texts(rendered.querySelectorAll('.expiring'))).toEqual(['2025 年获得的 120 积分将于 2026-12-31 过期', '2026 年获得的 200 积分将于 2027-12-31 过期']);
  expect(texts(rendered.querySelectorAll('.entry-reason'))).toEqual(['完成课程', '兑换礼品', '管理员调整']);
  expect(texts(rendered.querySelectorAll('.entry-amount'))).toEqual(['+10', '-200', '+50']);
  expect(texts(rendered.querySelectorAll('.entry-note'))).toEqual(['定制马克杯', '年度优秀学员']);
  expect(text(rendered.querySelector('.entry-meta'))).toBe('2026-03-01 10:00 · 余额 101');
  expect(callsOf('history')).toEqual([{ action: 'history', page: 1, pageSize: 10 }]);
});

test('without expiry nothing is announced as expiring', async () => {
  backend({ balance: okWith({ ...BALANCE, expiryEnabled: false }), history: okWith(page([], 1, 0)) });
  const { page: rendered } = await open();
  expect(rendered.querySelector('.expiring-soon')).toBeFalsy();
  expect(rendered.querySelector('.expiring')).toBeFalsy();
  expect(text(inStatus(rendered, '.state-empty'))).toContain('还没有积分记录');
});

test('the ledger loads page by page', async () => {
  backend({
    balance: okWith(BALANCE),
    history: (call) => {
      const pageNo = Number(call.event.page);
      return ok(page([ledgerEntry(pageNo * 10), ledgerEntry(pageNo * 10 + 1)], pageNo, 12));
    },
  });
  const { page: rendered, simulate } = await open();
  expect(rendered.querySelectorAll('.entry')).toHaveLength(2);
  await tap(simulate, inStatus(rendered, '.load-more')!);
  expect(callsOf('history').map((call) => call.page)).toEqual([1, 2]);
  expect(rendered.querySelectorAll('.entry')).toHaveLength(4);
  expect(text(inStatus(rendered, '.no-more'))).toBe('没有更多了');
});

test('a failure shows the message, and retry loads again', async () => {
  let fail = true;
  backend({
    balance: () => (fail ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(BALANCE)),
    history: () => (fail ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(page([ledgerEntry(1)], 1, 1))),
  });
  const { page: rendered, simulate } = await open();
  expect(text(rendered.querySelector('.balance-error'))).toBe('服务器开小差了，请稍后重试');
  expect(text(inStatus(rendered, '.state-error'))).toContain('服务器开小差了');
  fail = false;
  await tap(simulate, inStatus(rendered, '.retry')!);
  expect(text(rendered.querySelector('.balance'))).toBe('320');
  expect(rendered.querySelectorAll('.entry')).toHaveLength(1);
});

test('the mall button opens 积分商城', async () => {
  backend({ balance: okWith(BALANCE), history: okWith(page([], 1, 0)) });
  const { page: rendered, simulate } = await open();
  await tap(simulate, rendered.querySelector('.mall-button')!);
  expect(wxStub().navigations).toEqual(['/packagePoints/mall/index']);
});
