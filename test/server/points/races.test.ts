/**
 * The race bars of the points issue, through real concurrent calls against the local cloud (actions run
 * directly, so they overlap as on several CloudBase instances): no oversold stock, no negative balance, one
 * order per request id, one ledger entry per award source.
 */
import { redeem } from '../../../server/points/actions';
import { awardKey, awardPointsForEvent, settleAwards } from '../../../server/points/events';
import { ledgerEntryId } from '../../../server/points/ids';
import { beijingYear } from '../../../server/core/time';
import { reconcileStock, redeem as redeemDirect } from '../../../server/points/mall/orders';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, testDb } from '../../helpers/db';
import { runConcurrently } from '../../helpers/concurrency';
import { expectLedgersBalanced, givePoints, openidOf, seedItem, seedMembers } from './helpers';

const asAction = (action: unknown) => action as Parameters<typeof runConcurrently>[0];

// Hundreds of real transactions through HTTP: seconds, not the default 5.
jest.setTimeout(180_000);

const cloud = useTestCloud();

afterEach(async () => {
  await expectLedgersBalanced();
});

it('sells exactly 10 of an item with stock 10 to 1,000 concurrent redemptions by 200 members', async () => {
  const ids = Array.from({ length: 200 }, (_, i) => `m:race-${i}`);
  await seedMembers(ids);
  // 50 points each (the default competition award): enough for one mug at 30, not two.
  await Promise.all(ids.map((id) => givePoints(id, new Date())));
  const item = await seedItem({ stock: 10, price: 30 });
  // 200 members in parallel, each sending 5 redemptions back to back: 1,000 requests, 200 in flight at any
  // time (1,000 sockets opened at once exceed the listen backlog of one local process, not CloudBase's).
  const perMember = await Promise.all(
    ids.map(async (id, m) => {
      const answers: string[] = [];
      for (let k = 0; k < 5; k += 1)
        answers.push(await runConcurrently(asAction(redeem), { itemId: item._id, requestId: `race-request-${m}-${k}` }, openidOf(id)));
      return answers;
    }),
  );
  const codes = perMember.flat();
  expect(codes).toHaveLength(1000);
  expect(codes.filter((code) => code === 'OK')).toHaveLength(10);
  // Every refusal is a clear business answer, never a conflict: distinct members never race each other.
  expect(codes.filter((code) => !['OK', 'OUT_OF_STOCK', 'POINTS_INSUFFICIENT'].includes(code))).toEqual([]);
  expect(await countAll('mallOrders')).toBe(10);
  const stored = await cloud.database.getDocument('mallItems', item._id);
  expect(stored).toMatchObject({ stock: 0, redeemedCount: 10 });
});

it('answers one order to the same request id sent 50 times in parallel', async () => {
  const [member] = await seedMembers(['m:same-request']);
  await givePoints(member!._id, new Date());
  const item = await seedItem({ stock: 5, price: 10 });
  const before = await countAll('mallOrders');
  const codes = await Promise.all(
    Array.from({ length: 50 }, () => runConcurrently(asAction(redeem), { itemId: item._id, requestId: 'same-request-id' }, openidOf(member!._id))),
  );
  expect(codes.filter((code) => code === 'OK').length).toBeGreaterThan(0);
  // A member racing themself may be told CONFLICT, or OUT_OF_STOCK while their twins hold every unit for a
  // moment (each call takes a unit before its transaction finds the order made, then gives it back).
  expect(codes.filter((code) => !['OK', 'CONFLICT', 'OUT_OF_STOCK'].includes(code))).toEqual([]);
  expect((await countAll('mallOrders')) - before).toBe(1);
  expect(await cloud.database.getDocument('pointsAccounts', member!._id)).toMatchObject({ balance: 40 });
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 4 });
});

it('pays 500 concurrent awards from the same source once', async () => {
  const [member] = await seedMembers(['m:same-award']);
  const event = { type: 'course_completed' as const, memberId: member!._id, sourceId: 'course:popular', occurredAt: new Date() };
  const results = await Promise.allSettled(Array.from({ length: 500 }, () => awardPointsForEvent(testDb(), event)));
  const paid = results.flatMap((result) => (result.status === 'fulfilled' && result.value.awarded > 0 ? [result.value] : []));
  expect(paid).toHaveLength(1);
  expect(paid[0]?.awarded).toBe(10);
  const entries = (await testDb().collection('pointsLedger').where({ memberId: member!._id }).count()) as unknown as { total: number };
  expect(entries.total).toBe(1);
  expect(await cloud.database.getDocument('pointsAccounts', member!._id)).toMatchObject({ balance: 10 });
});

it('never exceeds the daily cap when 60 awards of one member from different sources race', async () => {
  const [member] = await seedMembers(['m:cap-race']);
  // The default total cap is 200 a day; 60 course completions of 10 ask for 600.
  const at = new Date();
  const results = await Promise.allSettled(
    Array.from({ length: 60 }, (_, i) =>
      awardPointsForEvent(testDb(), { type: 'course_completed', memberId: member!._id, sourceId: `course:cap-${i}`, occurredAt: at }),
    ),
  );
  const paid = results.reduce((sum, result) => sum + (result.status === 'fulfilled' ? result.value.awarded : 0), 0);
  // A member racing themself may be told CONFLICT; what was answered paid is exactly what the account holds.
  expect(results.filter((result) => result.status === 'rejected' && (result.reason as { code?: string }).code !== 'CONFLICT')).toEqual([]);
  await settleAwards(testDb(), new Date(Date.now() + 61_000));
  const account = await cloud.database.getDocument('pointsAccounts', member!._id);
  expect(account).toMatchObject({ balance: 200 });
  expect(paid).toBeLessThanOrEqual(200);
});

it('applies a claim whose call died before its account write: a repeat a minute later, or the timer', async () => {
  const [member, other] = await seedMembers(['m:claim-died', 'm:claim-died-2']);
  const at = new Date();
  await awardPointsForEvent(testDb(), { type: 'course_completed', memberId: member!._id, sourceId: 'course:before', occurredAt: at });
  await awardPointsForEvent(testDb(), { type: 'course_completed', memberId: other!._id, sourceId: 'course:before', occurredAt: at });
  // What a call killed between its two writes leaves: the entry, claimed two minutes ago, and no account change.
  const orphan = (memberId: string, sourceId: string) => ({
    _id: ledgerEntryId(awardKey({ type: 'course_completed', memberId, sourceId })),
    memberId,
    amount: 10,
    reason: 'course_completed',
    source: sourceId,
    idempotencyKey: awardKey({ type: 'course_completed', memberId, sourceId }),
    note: null,
    balanceAfter: 20,
    createdAt: at,
    expiresAt: null,
    buckets: { [String(beijingYear(at))]: 10 },
    claimedAt: new Date(Date.now() - 120_000),
  });
  await testDb()
    .collection('pointsLedger')
    .add({ data: orphan(member!._id, 'course:died') });
  await testDb()
    .collection('pointsLedger')
    .add({ data: orphan(other!._id, 'course:died') });
  // The same event again: it pays nothing new, and completes the claim.
  expect(await awardPointsForEvent(testDb(), { type: 'course_completed', memberId: member!._id, sourceId: 'course:died', occurredAt: at })).toMatchObject({
    awarded: 0,
  });
  expect(await cloud.database.getDocument('pointsAccounts', member!._id)).toMatchObject({ balance: 20 });
  // Nobody sends the other one again: the timer applies it, once.
  expect(await settleAwards(testDb(), new Date())).toBe(1);
  expect(await settleAwards(testDb(), new Date())).toBe(0);
  expect(await cloud.database.getDocument('pointsAccounts', other!._id)).toMatchObject({ balance: 20 });
});

it('turns no member away when 200 members redeem 20 well-stocked items 1,000 times at once', async () => {
  const ids = Array.from({ length: 200 }, (_, i) => `m:crowd-${i}`);
  await seedMembers(ids);
  await Promise.all(ids.map((id) => givePoints(id, new Date())));
  const before = await countAll('mallOrders');
  const items: { _id: string }[] = [];
  for (let i = 0; i < 20; i += 1) items.push(await seedItem({ stock: 1_000, price: 10 }));
  const codes = (
    await Promise.all(
      ids.map(async (id, m) => {
        const answers: string[] = [];
        const item = items[m % items.length]!;
        for (let k = 0; k < 5; k += 1) answers.push(await runConcurrently(asAction(redeem), { itemId: item._id, requestId: `crowd-${m}-${k}` }, openidOf(id)));
        return answers;
      }),
    )
  ).flat();
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  expect((await countAll('mallOrders')) - before).toBe(1000);
  for (const item of items) expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 950, redeemedCount: 50 });
});

/** A member with points, and an item of `stock` one of whose units a call killed before its transaction took (no order). */
async function unitTakenByDeadCall(memberId: string, stock: number, at: Date) {
  const [member] = await seedMembers([memberId]);
  await givePoints(member!._id, new Date());
  const item = await seedItem({ stock, price: 10 });
  const _ = testDb().command;
  await testDb()
    .collection('mallItems')
    .doc(item._id)
    .update({ data: { stock: _.inc(-1), redeemedCount: _.inc(1), lastTakeAt: at, unsettled: true } });
  return { member: member!, item };
}

it('gives back a unit taken by a redemption that died before its order, once the item is quiet', async () => {
  const at = new Date();
  const { member, item } = await unitTakenByDeadCall('m:died-midway', 2, at);
  const { order } = await redeemDirect(testDb(), member, [], item._id, 'after-crash', at);
  expect(order.status).toBe('pending');
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 0, redeemedCount: 2 });
  // While a call could still be running, nothing is given back.
  expect(await reconcileStock(testDb(), new Date(at.getTime() + 10_000))).toBe(0);
  expect(await reconcileStock(testDb(), new Date(at.getTime() + 61_000))).toBe(1);
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 1, redeemedCount: 1, unsettled: false });
  expect(await reconcileStock(testDb(), new Date(at.getTime() + 120_000))).toBe(0);
});

it('lets the same request, retried after its first call died midway, make its one order', async () => {
  const at = new Date();
  // The first call took the last unit and died; the retry finds no stock until the timer gives it back.
  const { member, item } = await unitTakenByDeadCall('m:retry-after-crash', 1, at);
  await expect(redeemDirect(testDb(), member, [], item._id, 'retried', at)).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
  expect(await reconcileStock(testDb(), new Date(at.getTime() + 61_000))).toBe(1);
  const { order } = await redeemDirect(testDb(), member, [], item._id, 'retried', new Date(at.getTime() + 62_000));
  expect(order.status).toBe('pending');
  expect(await redeemDirect(testDb(), member, [], item._id, 'retried', new Date(at.getTime() + 63_000))).toMatchObject({ order: { _id: order._id } });
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 0, redeemedCount: 1 });
  expect(await testDb().collection('mallOrders').where({ memberId: member._id }).count()).toMatchObject({ total: 1 });
});
