/** The points labels stay equal to the contract's; 我的 offers the points pages to every member and 兑换订单 to admins. */
import {
  EARNING_EVENT_TYPES as CONTRACT_EVENTS,
  LEDGER_REASON_LABELS as CONTRACT_REASONS,
  ORDER_STATUS_LABELS as CONTRACT_STATUS,
} from '../../../typings/functions/points';
import { EARNING_EVENT_TYPES, LEDGER_REASON_LABELS, ORDER_STATUS_LABELS } from '../../../miniprogram/utils/labels';
import { ok } from '../wx-stub';
import { tap, wxStub, openPage, texts } from '../harness';
import { PROFILE, meBackend } from '../../helpers/pages/profile';

test('labels match typings/functions/points.ts', () => {
  expect(LEDGER_REASON_LABELS).toEqual(CONTRACT_REASONS);
  expect(ORDER_STATUS_LABELS).toEqual(CONTRACT_STATUS);
  expect([...EARNING_EVENT_TYPES]).toEqual([...CONTRACT_EVENTS]);
});

test('every member sees the points entries; tapping opens the page', async () => {
  meBackend(() => ok(PROFILE));
  const { page, simulate } = await openPage('pages/me/index');
  expect(texts(page.querySelectorAll('.points-entry'))).toEqual(['我的积分', '积分商城', '我的订单', '积分排行']);
  await tap(simulate, page.querySelectorAll('.points-entry')[3]!);
  expect(wxStub().navigations).toEqual(['/packagePoints/leaderboard/index']);
});

test('an admin also finds 兑换订单 under 管理后台', async () => {
  meBackend(() => ok({ ...PROFILE, roles: [{ role: 'learner' }, { role: 'admin' }] }));
  const { page } = await openPage('pages/me/index');
  expect(texts(page.querySelectorAll('.entry-title'))).toContain('兑换订单');
});
