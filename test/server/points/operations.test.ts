/**
 * Database operations per redemption and per award, counted by the local cloud (CloudBase bills and
 * throttles per operation). Documented bounds (chosen, from the code paths):
 * - award (first payment of a source): rules, account read, the entry added, the account's conditional
 *   write = 4, no transaction; the member's very first award adds the member read (5) unless the caller
 *   passes the member;
 * - award repeated: rules + account read, which holds the entry among its recent awards = 2; once that
 *   has lapsed, the entry's add collides and the entry is read = 4;
 * - redemption (physical item): the item read, its unit taken (one conditional update); start, the account
 *   read (balance and quotas), order and entry adds, the account write, commit = 8;
 * - redemption of a sold-out item: item + order reads = 2, no transaction;
 * - redemption retried with the same request id after it succeeded: item read, take, start, account read,
 *   the order add that fails, the unit given back, order and account reads = 8 (the rollback included).
 */
import { redeem } from '../../../server/points/mall/orders';
import { awardPointsForEvent } from '../../../server/points/events';
import { useTestCloud } from '../../helpers/local-cloud';
import { testDb } from '../../helpers/db';
import { givePoints, seedItem, seedMembers } from './helpers';

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

it('redeems in 8 operations, answers a retry in 8 and refuses a sold-out item in 2', async () => {
  const [member] = await seedMembers(['m:ops-redeem']);
  await givePoints(member!._id, new Date());
  const item = await seedItem({ stock: 2, price: 30 });
  const once = () => redeem(testDb(), member!, [], item._id, 'ops-request-1', new Date());
  expect(await operations(once)).toEqual({ total: 8, transactions: 1 });
  expect(await operations(once)).toEqual({ total: 8, transactions: 1 });
  await testDb()
    .collection('mallItems')
    .doc(item._id)
    .update({ data: { stock: 0 } });
  expect(await operations(() => redeem(testDb(), member!, [], item._id, 'ops-request-2', new Date()))).toEqual({ total: 2, transactions: 0 });
});
