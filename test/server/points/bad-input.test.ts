/**
 * Bad input gets a clear error and changes nothing: every refusal is compared with the whole stored state
 * of the points area before and after (accounts, ledger, daily totals, items, orders, quotas, codes).
 */
import type { ActionInput, ActionName } from '../../../typings/api';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, readWhere, seedMember } from '../../helpers/db';
import type { NotificationDoc } from '../../../typings/domain';
import { freezeClock, setClock } from '../../helpers/clock';
import { itemForm } from '../../helpers/mall';
import { expectLedgersBalanced, givePoints, pointsState, seedItem } from './helpers';

jest.setTimeout(60_000);

useTestCloud();
const MEMBER = { openid: 'o-bad-member' };
const OTHER = { openid: 'o-bad-other' };
const ADMIN = { openid: 'o-bad-admin' };
// Beijing 2026-03-31 23:30 (UTC 15:30): the last half hour of March in Beijing, still March 31 in UTC.
const MARCH_END = new Date('2026-03-31T15:30:00Z');

beforeAll(async () => {
  freezeClock(MARCH_END);
  await seedMember(MEMBER.openid, 'm:bad-member');
  await seedMember(OTHER.openid, 'm:bad-other');
  await seedMember(ADMIN.openid, 'm:bad-admin', { roles: [grant('admin')] });
  for (let i = 0; i < 4; i += 1) await givePoints('m:bad-member', MARCH_END);
  await givePoints('m:bad-other', MARCH_END);
});

afterEach(async () => {
  setClock(MARCH_END);
  await expectLedgersBalanced();
});

afterAll(async () => {
  jest.useRealTimers();
});

type PointsAction = ActionName<'points'>;

/** Calls an action expecting a refusal with `code` and a Chinese message, and checks nothing changed. */
async function refused<A extends PointsAction>(action: A, input: unknown, identity: { openid: string }, code: string): Promise<string> {
  const before = await pointsState();
  const answer = await callAction('points', action, input as ActionInput<'points', A>, identity);
  expect(answer).toMatchObject({ ok: false, code });
  const message = answer.ok ? '' : answer.message;
  expect(message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await pointsState()).toEqual(before);
  return message;
}

async function ok<A extends PointsAction>(action: A, input: ActionInput<'points', A>, identity: { openid: string }) {
  const answer = await callAction('points', action, input, identity);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data;
}

let requests = 0;
const requestId = (): string => `bad-input-${(requests += 1)}`;

it('refuses an unknown item', async () => {
  await refused('redeem', { itemId: 'item:missing', requestId: requestId() }, MEMBER, 'NOT_FOUND');
  await refused('getItem', { itemId: 'item:missing' }, MEMBER, 'NOT_FOUND');
});

it('refuses negative, fractional and zero amounts where amounts are typed', async () => {
  const item = await seedItem({ stock: 3 }, MARCH_END);
  await refused('restock', { itemId: item._id, delta: 1.5 }, ADMIN, 'INVALID_INPUT');
  await refused('restock', { itemId: item._id, delta: 0 }, ADMIN, 'INVALID_INPUT');
  // Stock never goes below zero.
  await refused('restock', { itemId: item._id, delta: -4 }, ADMIN, 'INVALID_INPUT');
  await refused('adjust', { memberId: 'm:bad-member', amount: 2.5, reason: '补发', requestId: requestId() }, ADMIN, 'INVALID_INPUT');
  await refused('adjust', { memberId: 'm:bad-member', amount: 0, reason: '补发', requestId: requestId() }, ADMIN, 'INVALID_INPUT');
  await refused('createItem', { ...itemInput(), price: -5, requestId: requestId() }, ADMIN, 'INVALID_INPUT');
  await refused('createItem', { ...itemInput(), price: 9.9, requestId: requestId() }, ADMIN, 'INVALID_INPUT');
  await refused('createItem', { ...itemInput(), stock: -1, requestId: requestId() }, ADMIN, 'INVALID_INPUT');
  // The client never sets a price or an amount when redeeming.
  await refused('redeem', { itemId: item._id, requestId: requestId(), price: 1 }, MEMBER, 'INVALID_INPUT');
});

const itemInput = () => itemForm({ name: '笔记本', price: 10, stock: 1 });

it("refuses someone else's order as if it did not exist", async () => {
  const item = await seedItem({ stock: 3, price: 10 }, MARCH_END);
  const { order } = await ok('redeem', { itemId: item._id, requestId: requestId() }, OTHER);
  await refused('cancelOrder', { orderId: order.id }, MEMBER, 'NOT_FOUND');
  await refused('cancelOrder', { orderId: 'o:missing' }, MEMBER, 'NOT_FOUND');
  await refused('fulfilOrder', { orderId: order.id, note: '顺丰' }, MEMBER, 'FORBIDDEN');
});

it('refuses to fulfil a cancelled order, to fulfil twice and to cancel a fulfilled order', async () => {
  const item = await seedItem({ stock: 5, price: 10 }, MARCH_END);
  const cancelled = (await ok('redeem', { itemId: item._id, requestId: requestId() }, MEMBER)).order;
  await ok('cancelOrder', { orderId: cancelled.id }, MEMBER);
  expect(await refused('fulfilOrder', { orderId: cancelled.id, note: 'SF123' }, ADMIN, 'ORDER_STATE')).toContain('已取消');
  // Cancelling again refunds nothing a second time.
  await refused('cancelOrder', { orderId: cancelled.id }, MEMBER, 'ORDER_STATE');
  await refused('adminCancelOrder', { orderId: cancelled.id, note: '' }, ADMIN, 'ORDER_STATE');

  const shipped = (await ok('redeem', { itemId: item._id, requestId: requestId() }, MEMBER)).order;
  await ok('fulfilOrder', { orderId: shipped.id, note: 'SF123' }, ADMIN);
  expect(await refused('fulfilOrder', { orderId: shipped.id, note: 'SF456' }, ADMIN, 'ORDER_STATE')).toContain('已发放');
  // The member is told once in 消息中心 (server/core/notify.ts); the refused calls told no one.
  const told = await readWhere<NotificationDoc>('notifications', { kind: 'order_shipped' });
  expect(told.map((doc) => [doc._id.startsWith(`order_shipped:${shipped.id}:`), doc.body])).toEqual([[true, '备注：SF123']]);
  await refused('cancelOrder', { orderId: shipped.id }, MEMBER, 'ORDER_STATE');
  await refused('adminCancelOrder', { orderId: shipped.id, note: '' }, ADMIN, 'ORDER_STATE');
});

it('refuses outside the availability window and off sale', async () => {
  const later = await seedItem({ availableFrom: '2026-04-01T00:00:00+08:00' }, MARCH_END);
  const ended = await seedItem({ availableUntil: '2026-03-31T23:00:00+08:00' }, MARCH_END);
  const off = await seedItem({ status: 'off_sale' }, MARCH_END);
  for (const item of [later, ended, off]) {
    await refused('redeem', { itemId: item._id, requestId: requestId() }, MEMBER, 'ITEM_UNAVAILABLE');
    await refused('getItem', { itemId: item._id }, MEMBER, 'NOT_FOUND');
  }
  // The window opens at Beijing midnight whatever the server's zone.
  setClock(new Date('2026-03-31T16:00:00Z'));
  await ok('redeem', { itemId: later._id, requestId: requestId() }, MEMBER);
});

it('refuses a member outside the item audiences', async () => {
  const item = await seedItem({ audiences: ['external_partner'] }, MARCH_END);
  await refused('redeem', { itemId: item._id, requestId: requestId() }, MEMBER, 'ITEM_UNAVAILABLE');
  await refused('getItem', { itemId: item._id }, MEMBER, 'NOT_FOUND');
});

it('refuses past the total limit', async () => {
  const item = await seedItem({ limitTotal: 2, price: 10 }, MARCH_END);
  await ok('redeem', { itemId: item._id, requestId: requestId() }, MEMBER);
  await ok('redeem', { itemId: item._id, requestId: requestId() }, MEMBER);
  await refused('redeem', { itemId: item._id, requestId: requestId() }, MEMBER, 'REDEEM_LIMIT');
  // The next month does not reset a total limit.
  setClock(new Date('2026-04-02T02:00:00Z'));
  await refused('redeem', { itemId: item._id, requestId: requestId() }, MEMBER, 'REDEEM_LIMIT');
});

it('refuses past the monthly limit within one Beijing month, and allows again in the next', async () => {
  const item = await seedItem({ limitPerMonth: 1, price: 10 }, MARCH_END);
  await ok('redeem', { itemId: item._id, requestId: requestId() }, MEMBER);
  // Beijing 23:59 on March 31: still March.
  setClock(new Date('2026-03-31T15:59:00Z'));
  await refused('redeem', { itemId: item._id, requestId: requestId() }, MEMBER, 'REDEEM_LIMIT');
  // Beijing 00:01 on April 1 (UTC still March 31): a new month.
  setClock(new Date('2026-03-31T16:01:00Z'));
  await ok('redeem', { itemId: item._id, requestId: requestId() }, MEMBER);
  await refused('redeem', { itemId: item._id, requestId: requestId() }, MEMBER, 'REDEEM_LIMIT');
});

it('refuses a redemption the balance cannot pay, and a sold-out item', async () => {
  const dear = await seedItem({ price: 100_000 }, MARCH_END);
  await refused('redeem', { itemId: dear._id, requestId: requestId() }, MEMBER, 'POINTS_INSUFFICIENT');
  const none = await seedItem({ stock: 0 }, MARCH_END);
  await refused('redeem', { itemId: none._id, requestId: requestId() }, MEMBER, 'OUT_OF_STOCK');
});

it('adds a batch of codes once per request id, so a retry changes nothing', async () => {
  const created = await ok('createItem', { ...itemInput(), kind: 'virtual', stock: 0, requestId: requestId() }, ADMIN);
  const batch = { itemId: created.id, codes: ['EBOOK-0001', 'EBOOK-0002'], requestId: 'codes-batch-0001' };
  expect(await ok('addCodes', batch, ADMIN)).toMatchObject({ stock: 2, codesAdded: 2 });
  const before = await pointsState();
  expect(await ok('addCodes', batch, ADMIN)).toMatchObject({ stock: 2, codesAdded: 2 });
  expect(await pointsState()).toEqual(before);
  // Physical items have no codes.
  const mug = await seedItem({}, MARCH_END);
  await refused('addCodes', { itemId: mug._id, codes: ['X'], requestId: 'codes-batch-0002' }, ADMIN, 'INVALID_INPUT');
});
