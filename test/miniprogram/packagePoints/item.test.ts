/**
 * 礼品详情 and redeeming: confirmation first; one requestId per confirmation, reused by 重试兑换 after an
 * unknown outcome; each refusal (积分不足, 已兑完, 已达上限, 不可兑换) said clearly; the virtual code copied.
 */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, tap, wxStub, openPage, text, texts } from '../harness';
import { backend, callsOf, itemDetail, okWith, order } from '../../helpers/pages/points';
import type { MallItemDetail } from '../../../typings/functions/points';
import type { ActionRoute } from '../../helpers/backend';

const open = () => openPage('packagePoints/item/index', { id: 'item-mug' });

function backendFor(item: () => MallItemDetail, redeem: ActionRoute<'points', 'redeem'>) {
  backend({ getItem: () => ok(item()), redeem });
}

test('shows pictures, price, stock, limits, window and my balance', async () => {
  backend({ getItem: okWith(itemDetail({ availableFrom: '2026-03-01T00:00:00.000Z', availableUntil: '2026-03-31T15:59:00.000Z' })) });
  const { page } = await open();
  expect(callsOf('getItem')).toEqual([{ action: 'getItem', itemId: 'item-mug' }]);
  expect(page.querySelectorAll('.picture')).toHaveLength(2);
  expect(text(page.querySelector('.item-name'))).toBe('定制马克杯');
  expect(text(page.querySelector('.item-price'))).toBe('200 积分');
  expect(text(page.querySelector('.item-stock'))).toBe('库存 8');
  expect(texts(page.querySelectorAll('.item-limit'))).toEqual(['每人限兑 2 件', '每人每月限兑 1 件']);
  expect(text(page.querySelector('.item-window'))).toBe('兑换时间：2026-03-01 08:00 至 2026-03-31 23:59');
  expect(text(page.querySelector('.my-balance'))).toBe('我的积分：500');
  expect(text(page.querySelector('.item-description'))).toBe('陶瓷 350ml');
  expect(text(page.querySelector('.redeem-label'))).toBe('立即兑换');
});

test('declining the confirmation redeems nothing; confirming redeems once and shows the order', async () => {
  let redeemed = false;
  backendFor(
    () => itemDetail(redeemed ? { stock: 7, myBalance: 300, remainingForMe: 0 } : {}),
    () => {
      redeemed = true;
      return ok({ order: order('o1'), balance: 300 });
    },
  );
  const { page, simulate } = await open();
  wxStub().modalAnswers.push(false);
  await tap(simulate, page.querySelector('.redeem-button')!);
  expect(wxStub().modals[0]).toEqual({ title: '确认兑换', content: '使用 200 积分兑换「定制马克杯」？兑换后积分将立即扣除。' });
  expect(callsOf('redeem')).toEqual([]);

  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  const [call] = callsOf('redeem');
  expect(call).toMatchObject({ action: 'redeem', itemId: 'item-mug' });
  expect(String(call?.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(text(page.querySelector('.order-result'))).toContain('兑换成功');
  expect(text(page.querySelector('.order-result'))).toContain('剩余积分 300 · 订单状态：待发放');
  // Reloaded: the limit is now reached.
  expect(text(page.querySelector('.redeem-label'))).toBe('已达兑换上限');
  await tap(simulate, page.querySelector('.orders-button')!);
  expect(wxStub().navigations).toEqual(['/packagePoints/orders/index']);
});

test('a retry after an unknown outcome reuses the requestId without asking again; a new confirmation gets a new one', async () => {
  const answers = [
    failure('INTERNAL', '服务器开小差了，请稍后重试'),
    { networkError: 'timeout' } as const,
    ok({ order: order('o1'), balance: 300 }),
    ok({ order: order('o2'), balance: 100 }),
  ];
  backendFor(
    () => itemDetail({ remainingForMe: 2 }),
    () => answers.shift()!,
  );
  const { page, simulate } = await open();

  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.redeem-error'))).toBe('兑换结果未确认：服务器开小差了，请稍后重试。请点击“重试兑换”，不会重复扣分。');
  expect(text(page.querySelector('.redeem-label'))).toBe('重试兑换');

  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.redeem-error'))).toContain('网络连接失败');
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(wxStub().modals).toHaveLength(1);
  const ids = callsOf('redeem').map((call) => call.requestId);
  expect(ids).toHaveLength(3);
  expect(new Set(ids).size).toBe(1);
  expect(page.querySelector('.redeem-error')).toBeFalsy();
  expect(text(page.querySelector('.order-result'))).toContain('兑换成功');

  // A second redemption is a new intent: confirmed again, with a new requestId.
  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(wxStub().modals).toHaveLength(2);
  const next = callsOf('redeem')[3]?.requestId;
  expect(next).toBeDefined();
  expect(next).not.toBe(ids[0]);
});

test.each([
  ['POINTS_INSUFFICIENT', '积分不足', '积分不足，无法兑换该礼品'],
  ['OUT_OF_STOCK', '库存不足，已被兑完', '礼品已被兑完，看看其他礼品吧'],
  ['REDEEM_LIMIT', '已达到该礼品的兑换上限', '你已达到该礼品的兑换上限'],
  ['ITEM_UNAVAILABLE', '该礼品当前不可兑换', '该礼品已下架或不在兑换时间内'],
] as const)('a %s refusal is said clearly, the item reloads and the requestId is dropped', async (code, message, shown) => {
  backendFor(
    () => itemDetail(),
    () => failure(code, message),
  );
  const { page, simulate } = await open();
  wxStub().modalAnswers.push(true, true);
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.redeem-error'))).toBe(shown);
  expect(callsOf('getItem')).toHaveLength(2);
  expect(text(page.querySelector('.redeem-label'))).toBe('立即兑换');
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(wxStub().modals).toHaveLength(2);
  const [first, second] = callsOf('redeem').map((call) => call.requestId);
  expect(first).not.toBe(second);
});

test('what the page already knows blocks the button: sold out, limit reached, not enough points', async () => {
  for (const [overrides, label] of [
    [{ stock: 0 }, '已兑完'],
    [{ remainingForMe: 0 }, '已达兑换上限'],
    [{ myBalance: 150 }, '积分不足（还差 50 积分）'],
  ] as const) {
    backend({ getItem: okWith(itemDetail(overrides)) });
    const { page, simulate } = await open();
    expect(text(page.querySelector('.redeem-label'))).toBe(label);
    await tap(simulate, page.querySelector('.redeem-button')!);
    expect(wxStub().modals).toEqual([]);
    expect(callsOf('redeem')).toEqual([]);
  }
});

test('a virtual item reveals its code after redemption, with copy', async () => {
  backendFor(
    () => itemDetail({ kind: 'virtual' }),
    okWith({ order: order('o1', { kind: 'virtual', status: 'fulfilled', code: 'JD-8888-ABCD', fulfilledAt: '2026-03-01T02:00:00.000Z' }), balance: 300 }),
  );
  const { page, simulate } = await open();
  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.redeem-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.order-code'))).toBe('JD-8888-ABCD');
  await tap(simulate, page.querySelector('.copy-button')!);
  expect(wxStub().clipboard).toEqual(['JD-8888-ABCD']);
});

test('an unknown item says so', async () => {
  backend({ getItem: () => failure('NOT_FOUND', '内容不存在或已删除') });
  const { page } = await open();
  expect(text(inStatus(page, '.state-error'))).toContain('礼品不存在或已删除');
  expect(page.querySelector('.redeem-button')).toBeFalsy();
});
