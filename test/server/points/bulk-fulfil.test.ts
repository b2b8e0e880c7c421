/**
 * Bulk fulfilment (批量发货, points.fulfilOrders): rows matched by order number or employee number, a dry run
 * that changes nothing, per-row outcomes, a retry answering the same, and many parallel calls (and
 * cancellations) against the local cloud shipping each order exactly once, with one message per buyer.
 */
import type { BulkFulfilResult } from '../../../typings/functions/points';
import { BULK_FULFIL_LIMITS } from '../../../typings/functions/points';
import type { NotificationDoc } from '../../../typings/domain';
import { pointsFunction } from '../../../server/points/actions';
import { cancelOrder, redeem } from '../../../server/points/mall/orders';
import type { MallOrderDoc } from '../../../typings/docs/mall';
import { actionOf, callConcurrently, codeOfCall } from '../../helpers/concurrency';
import { ledgerEntryId } from '../../../server/points/ids';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, readDoc, readWhere, seedMember, testDb } from '../../helpers/db';
import { expectLedgersBalanced, givePoints, pointsState, seedItem, seedMembers } from './helpers';

jest.setTimeout(180_000);

const cloud = useTestCloud();
const ADMIN = { openid: 'o-bulk-admin' };
const BRANCH_ADMIN = { openid: 'o-bulk-branch-admin' };
const LEARNER = { openid: 'o-bulk-learner' };

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:bulk-admin', { roles: [grant('admin')] });
  await seedMember(BRANCH_ADMIN.openid, 'm:bulk-branch-admin', { roles: [grant('admin', 'dept:总部/信息技术部')] });
  await seedMember(LEARNER.openid, 'm:bulk-learner');
});

afterEach(async () => {
  await expectLedgersBalanced();
});

let requests = 0;
const requestId = (): string => `bulk-request-${(requests += 1)}`;

/** `count` members (employee numbers E-<id>) with one pending order each, `perMember` with more. */
async function pendingOrders(prefix: string, count: number, perMember = 1): Promise<MallOrderDoc[]> {
  const members = await seedMembers(Array.from({ length: count }, (_, i) => `m:${prefix}-${i}`));
  const item = await seedItem({ stock: count * perMember, price: 30 });
  const orders: MallOrderDoc[] = [];
  for (const member of members) {
    for (let k = 0; k < perMember; k += 1) {
      await givePoints(member._id, new Date());
      orders.push((await redeem(testDb(), member, [], item._id, `${prefix}-order-${k}`, new Date())).order);
    }
  }
  return orders;
}

async function fulfil(input: Record<string, unknown>, identity = ADMIN): Promise<BulkFulfilResult> {
  const answer = await callAction('points', 'fulfilOrders', input as never, identity);
  if (!answer.ok) throw new Error(`fulfilOrders: ${answer.code} ${answer.message}`);
  return answer.data;
}

const shippedNotices = (orders: readonly MallOrderDoc[]) =>
  readWhere<NotificationDoc>('notifications', { _id: testDb().command.in(orders.map((order) => `order_shipped:${order._id}:${order.memberId}`)) });

it('previews by order number and employee number without writing, then ships, and a retry answers the same', async () => {
  const [a, b, c, d] = await pendingOrders('bulk-preview', 4);
  const [twice1, twice2] = await pendingOrders('bulk-two', 1, 2);
  await cancelOrder(testDb(), d!._id, { kind: 'admin' }, null, new Date());
  const rows = [
    { orderId: a!._id, carrier: '顺丰', trackingNo: 'SF1001' },
    { employeeNo: b!.employeeNo, carrier: '中通', trackingNo: 'ZT2002' },
    { orderId: a!._id, carrier: '顺丰', trackingNo: 'SF1001' },
    { employeeNo: twice1!.employeeNo, trackingNo: 'YT3003' },
    { orderId: 'o:none', trackingNo: 'SF4004' },
    { orderId: d!._id, trackingNo: 'SF5005' },
    { employeeNo: 'E-nobody', trackingNo: 'SF6006' },
    { orderId: c!._id, trackingNo: 'JD7007' },
  ];
  const before = await pointsState();
  const request = requestId();
  const preview = await fulfil({ rows, dryRun: true, requestId: request });
  expect(await pointsState()).toEqual(before);
  expect(preview.rows.map((row) => row.outcome)).toEqual(['ready', 'ready', 'duplicate', 'ambiguous', 'not_found', 'cancelled', 'not_found', 'ready']);
  expect(preview.rows[1]).toMatchObject({ row: 1, orderId: b!._id, employeeNo: b!.employeeNo, itemName: '马克杯', note: '中通 ZT2002' });
  expect(preview.fulfilled).toBe(0);

  const done = await fulfil({ rows, requestId: request });
  expect(done.rows.map((row) => row.outcome)).toEqual(['fulfilled', 'fulfilled', 'duplicate', 'ambiguous', 'not_found', 'cancelled', 'not_found', 'fulfilled']);
  expect(done.fulfilled).toBe(3);
  expect(await readDoc<MallOrderDoc>('mallOrders', b!._id)).toMatchObject({ status: 'fulfilled', note: '中通 ZT2002' });
  expect(await readDoc<MallOrderDoc>('mallOrders', c!._id)).toMatchObject({ status: 'fulfilled', note: 'JD7007' });
  expect(await readDoc<MallOrderDoc>('mallOrders', twice2!._id)).toMatchObject({ status: 'pending' });
  expect((await shippedNotices([a!, b!, c!])).map((notice) => notice.body)).toEqual(
    expect.arrayContaining(['备注：顺丰 SF1001', '备注：中通 ZT2002', '备注：JD7007']),
  );

  // The buyer redeems again meanwhile: the retry still matches the order its first run shipped.
  await givePoints(b!.memberId, new Date());
  const again = await seedItem({ stock: 1, price: 30 });
  const member = (await readDoc<Parameters<typeof redeem>[1]>('members', b!.memberId))!;
  await redeem(testDb(), member, [], again._id, 'bulk-preview-again', new Date());
  const settled = await pointsState();
  const notices = (await readWhere('notifications')).length;
  expect(await fulfil({ rows, requestId: request })).toEqual(done);
  expect(await pointsState()).toEqual(settled);
  expect((await readWhere('notifications')).length).toBe(notices);
  // Another request finds the first order shipped already, and by employee number the buyer's new one.
  const next = await fulfil({ rows: rows.slice(0, 2), requestId: requestId() });
  expect(next.rows.map((row) => [row.outcome, row.itemName])).toEqual([
    ['already_fulfilled', '马克杯'],
    ['fulfilled', '马克杯'],
  ]);
  expect(next.rows[1]?.orderId).not.toBe(b!._id);
});

/** The action run directly, so calls really overlap (invoke runs one at a time, as one CloudBase instance). */
const direct = (input: Record<string, unknown>) => callConcurrently<BulkFulfilResult>(actionOf(pointsFunction, 'fulfilOrders'), input, ADMIN.openid);

it('ships each of 40 orders once under 24 parallel calls (6 of them retries) and 10 racing cancellations', async () => {
  const orders = await pendingOrders('bulk-race', 40);
  const cancelled = orders.slice(30);
  const rows = orders.map((order, i) =>
    i % 2 === 0 ? { orderId: order._id, carrier: '顺丰', trackingNo: `SF9${i}` } : { employeeNo: order.employeeNo, carrier: '顺丰', trackingNo: `SF9${i}` },
  );
  const requestIds = Array.from({ length: 18 }, () => requestId());
  const calls = [...requestIds, ...requestIds.slice(0, 6)].map((id, k) => direct({ rows: k % 3 === 0 ? rows : [...rows].reverse(), requestId: id }));
  const cancels = cancelled.map((order) => codeOfCall(cancelOrder(testDb(), order._id, { kind: 'admin' }, null, new Date())));
  const [answers, cancelCodes] = await Promise.all([Promise.all(calls), Promise.all(cancels)]);

  const stored = await readWhere<MallOrderDoc>('mallOrders', { _id: testDb().command.in(orders.map((order) => order._id)) });
  const shipped = stored.filter((order) => order.status === 'fulfilled');
  const wasCancelled = stored.filter((order) => order.status === 'cancelled');
  expect(shipped.length + wasCancelled.length).toBe(40);
  expect(cancelCodes.filter((code) => code === 'OK')).toHaveLength(wasCancelled.length);
  expect(cancelCodes.filter((code) => code !== 'OK' && code !== 'ORDER_STATE')).toEqual([]);
  // Each shipped order was shipped by exactly one request: the distinct requests' `fulfilled` rows add up.
  const firstRuns = answers.slice(0, 18);
  expect(firstRuns.reduce((sum, answer) => sum + answer.fulfilled, 0)).toBe(shipped.length);
  for (const order of shipped) {
    const winner = firstRuns.filter((answer) => answer.rows.some((row) => row.orderId === order._id && row.outcome === 'fulfilled'));
    expect(winner).toHaveLength(1);
    expect(order.fulfilRequest).toBe(requestIds[firstRuns.indexOf(winner[0]!)]);
  }
  // A retry racing its first run answers the same rows.
  for (let k = 0; k < 6; k += 1) {
    const byOrder = (answer: BulkFulfilResult) =>
      Object.fromEntries(answer.rows.filter((row) => row.outcome === 'fulfilled').map((row) => [row.orderId, row.note]));
    expect(byOrder(answers[18 + k]!)).toEqual(byOrder(answers[k]!));
  }
  expect(await shippedNotices(shipped)).toHaveLength(shipped.length);
  expect(await shippedNotices(wasCancelled)).toHaveLength(0);
  // The shipped orders' points stay spent; the cancelled ones were refunded (afterEach: ledgers balance).
  for (const order of wasCancelled) expect(await readDoc('pointsLedger', ledgerEntryId(`refund:${order._id}`))).toMatchObject({ amount: 30, reason: 'refund' });
});

it(`ships ${BULK_FULFIL_LIMITS.rows} rows in one call with one read, one update and one message per order`, async () => {
  const orders = await pendingOrders('bulk-limit', BULK_FULFIL_LIMITS.rows);
  const rows = orders.map((order) => ({ orderId: order._id, carrier: 'EMS', trackingNo: `EMS-${order._id.slice(-6)}` }));
  cloud.actions.reset();
  const result = await fulfil({ rows, requestId: requestId() });
  const counted = cloud.actions.snapshot();
  expect(result.fulfilled).toBe(BULK_FULFIL_LIMITS.rows);
  // The guard's member read + the order read + 200 conditional updates + notify (one read, 200 inserts).
  expect(counted['database.startTransaction'] ?? 0).toBe(0);
  expect(cloud.actions.databaseOperations()).toBe(1 + 1 + BULK_FULFIL_LIMITS.rows + 1 + BULK_FULFIL_LIMITS.rows);
});

it('refuses other callers and rows over the limit, changing nothing', async () => {
  const [order] = await pendingOrders('bulk-refused', 1);
  const rows = [{ orderId: order!._id, trackingNo: 'SF0001' }];
  const before = await pointsState();
  for (const [identity, code] of [
    [BRANCH_ADMIN, 'FORBIDDEN'],
    [LEARNER, 'FORBIDDEN'],
  ] as const) {
    expect(await callAction('points', 'fulfilOrders', { rows, requestId: requestId() } as never, identity)).toMatchObject({ ok: false, code });
  }
  const tooMany = Array.from({ length: BULK_FULFIL_LIMITS.rows + 1 }, () => rows[0]);
  for (const input of [
    { rows: tooMany, requestId: requestId() },
    { rows: [{ trackingNo: 'SF0001' }], requestId: requestId() },
    { rows: [{ orderId: order!._id, employeeNo: order!.employeeNo, trackingNo: 'SF0001' }], requestId: requestId() },
    { rows: [{ orderId: order!._id, trackingNo: '' }], requestId: requestId() },
    { rows: [], requestId: requestId() },
  ]) {
    const answer = await callAction('points', 'fulfilOrders', input as never, ADMIN);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  }
  expect(await pointsState()).toEqual(before);
});
