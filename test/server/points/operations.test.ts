/**
 * Database operations per redemption and per award, counted by the local cloud (CloudBase bills and
 * throttles per operation). Documented bounds (chosen, from the code paths):
 * - award (first payment of a source): rules, account read, the entry added, the account's conditional
 *   write = 4, no transaction; the member's very first award adds the member read (5) unless the caller
 *   passes the member;
 * - award repeated: rules + account read, which holds the entry among its recent awards = 2; once that
 *   has lapsed, the entry's add collides and the entry is read = 4;
 * - redemption (physical item): its unit taken (one conditional update); start, the account read (balance
 *   and quotas), order and entry adds, the account write, commit = 7, and the guard's read = 8; the item is
 *   kept per instance with its picture's media gate (server/points/mall/orders.ts, ITEM_TTL_MS), so the
 *   first call on an instance reads both too (+2);
 * - redemption of a sold-out item: item (always read fresh for a refusal) + order reads = 2, no transaction;
 *   3 when the instance kept it with stock left (the take that finds none first);
 * - redemption retried with the same request id after it succeeded: take, start, account read, the order
 *   add that fails, the rollback, the unit given back, order and account reads = 8.
 */
import { forgetKeptItems, redeem } from '../../../server/points/mall/orders';
import { redeem as redeemAction } from '../../../server/points/actions';
import { callConcurrently } from '../../helpers/concurrency';
import { awardPointsForEvent } from '../../../server/points/events';
import { useTestCloud } from '../../helpers/local-cloud';
import { testDb } from '../../helpers/db';
import { givePoints, openidOf, seedItem, seedMembers } from './helpers';

jest.setTimeout(30_000);

const cloud = useTestCloud();

async function operations(run: () => Promise<unknown>): Promise<{ total: number; transactions: number }> {
  cloud.actions.reset();
  await run().catch(() => undefined);
  return { total: cloud.actions.databaseOperations(), transactions: cloud.actions.snapshot()['database.startTransaction'] ?? 0 };
}

it('pays an award in 4 operations and refuses its repeat in 2', async () => {
  const [member, held] = await seedMembers(['m:ops-award', 'm:ops-award-held']);
  const event = { type: 'course_completed' as const, memberId: member!._id, sourceId: 'course:ops', occurredAt: new Date() };
  // The member's very first award reads the member for the account's name and department...
  expect(await operations(() => awardPointsForEvent(testDb(), event))).toEqual({ total: 5, transactions: 0 });
  expect(await operations(() => awardPointsForEvent(testDb(), event))).toEqual({ total: 2, transactions: 0 });
  expect(await operations(() => awardPointsForEvent(testDb(), { ...event, sourceId: 'course:ops-2' }))).toEqual({ total: 4, transactions: 0 });
  // ...unless the caller holds the member.
  expect(await operations(() => awardPointsForEvent(testDb(), { ...event, memberId: held!._id, member: held! }))).toEqual({ total: 4, transactions: 0 });
  // A repeat after the account forgot the award: the entry's add collides, and the entry is read.
  await testDb()
    .collection('pointsAccounts')
    .doc(member!._id)
    .update({ data: { recent: testDb().command.set({}) } });
  expect(await operations(() => awardPointsForEvent(testDb(), event))).toEqual({ total: 4, transactions: 0 });
  expect(await testDb().collection('pointsAccounts').doc(member!._id).get()).toMatchObject({ data: { balance: 20 } });
});

it('redeems in 8 operations with the guard, 7 without, answers a retry in 8 and refuses a sold-out item in 2', async () => {
  const [member] = await seedMembers(['m:ops-redeem']);
  await givePoints(member!._id, new Date());
  const item = await seedItem({ stock: 3, price: 10 });
  const once = (request: string) => () => redeem(testDb(), member!, [], item._id, request, new Date());
  // The first call on an instance reads the item and its picture's media gate; the next ones use the kept
  // copy (ITEM_TTL_MS).
  expect(await operations(once('ops-request-1'))).toEqual({ total: 9, transactions: 1 });
  expect(await operations(once('ops-request-2'))).toEqual({ total: 7, transactions: 1 });
  // The same request again: the take, the transaction whose order add collides and its rollback, the unit
  // given back, order and account reads.
  expect(await operations(once('ops-request-1'))).toEqual({ total: 8, transactions: 1 });
  // Guard included, through the action (the caller's one read).
  const action = redeemAction as unknown as Parameters<typeof callConcurrently>[0];
  const redemption = () => callConcurrently(action, { itemId: item._id, requestId: 'ops-request-3' }, openidOf(member!._id));
  expect(await operations(redemption)).toEqual({ total: 8, transactions: 1 });
  // Sold out while the instance kept stock 1: the take finds none, the item is read fresh, then the order.
  expect(await operations(once('ops-request-4'))).toEqual({ total: 3, transactions: 0 });
  // Kept as sold out: a refusal is still answered from a fresh read.
  expect(await operations(once('ops-request-5'))).toEqual({ total: 2, transactions: 0 });
  forgetKeptItems();
  expect(await operations(once('ops-request-6'))).toEqual({ total: 2, transactions: 0 });
});
