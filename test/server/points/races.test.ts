/**
 * The race bars of the points issue, through real concurrent calls against the local cloud (actions run
 * directly, so they overlap as on several CloudBase instances): no oversold stock, no negative balance, one
 * order per request id, one ledger entry per award source.
 */
import { redeem } from '../../../server/points';
import { awardPointsForEvent } from '../../../server/points/events';
import { redeem as redeemDirect } from '../../../server/points/mall/orders';
import { startTestCloud, TestCloud, useTestCloud } from '../../helpers/local-cloud';
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
      for (let k = 0; k < 5; k += 1) answers.push(await runConcurrently(asAction(redeem), { itemId: item._id, requestId: `race-request-${m}-${k}` }, openidOf(id)));
      return answers;
    }),
  );
  const codes = perMember.flat();
  expect(codes).toHaveLength(1000);
  expect(codes.filter((code) => code === 'OK')).toHaveLength(10);
  // Every refusal is a clear business answer (or a conflict that outlived its retries), never a crash.
  expect(new Set(codes.filter((code) => code !== 'OK'))).toEqual(new Set(codes.filter((code) => code !== 'OK' && ['OUT_OF_STOCK', 'POINTS_INSUFFICIENT', 'CONFLICT'].includes(code))));
  expect(await countAll('mallOrders')).toBe(10);
  const stored = await cloud.database.getDocument('mallItems', item._id);
  expect(stored).toMatchObject({ stock: 0, redeemedCount: 10 });
});

it('answers one order to the same request id sent 50 times in parallel', async () => {
  const [member] = await seedMembers(['m:same-request']);
  await givePoints(member!._id, new Date());
  const item = await seedItem({ stock: 5, price: 10 });
  const before = await countAll('mallOrders');
  const codes = await Promise.all(Array.from({ length: 50 }, () => runConcurrently(asAction(redeem), { itemId: item._id, requestId: 'same-request-id' }, openidOf(member!._id))));
  expect(codes.filter((code) => code === 'OK').length).toBeGreaterThan(0);
  expect(codes.every((code) => code === 'OK' || code === 'CONFLICT')).toBe(true);
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

it('runs a redemption past a lease its crashed holder left behind', async () => {
  const [member] = await seedMembers(['m:lease-left']);
  await givePoints(member!._id, new Date());
  const item = await seedItem({ stock: 2, price: 10 });
  const until = new Date(Date.now() + 60_000);
  await testDb().collection('mallItems').doc(item._id).update({ data: { leaseHolder: 'o:crashed', leaseUntil: until } });
  const { order } = await redeemDirect(testDb(), member!, [], item._id, 'after-crash', new Date(until.getTime() + 1));
  expect(order.status).toBe('pending');
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 1, leaseHolder: null, leaseUntil: null });
});
