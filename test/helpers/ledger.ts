/** The points ledger in tests: points given through the award hook, and the invariant every balance keeps. */
import type { MallItemDoc } from '../../typings/docs/mall';
import { awardPointsForEvent } from '../../server/points/events';
import type { PointsAccountDoc } from '../../typings/docs/points';
import { readWhere, testDb } from './db';

let sequence = 0;

/** Gives a member `amount` points through the award hook (a competition award with its own source). */
export async function givePoints(memberId: string, occurredAt: Date): Promise<number> {
  sequence += 1;
  const { awarded } = await awardPointsForEvent(testDb(), { type: 'competition_award', memberId, sourceId: `seed-${sequence}`, occurredAt });
  return awarded;
}

/**
 * The ledger invariant, read whole (tests only): every balance equals the sum of its entries and of its
 * year buckets, and is never negative; every item's stock is never negative.
 */
export async function expectLedgersBalanced(): Promise<void> {
  const [accounts, entries, items] = await Promise.all([
    readWhere<PointsAccountDoc>('pointsAccounts'),
    readWhere<{ memberId: string; amount: number }>('pointsLedger'),
    readWhere<MallItemDoc>('mallItems'),
  ]);
  const sums = new Map<string, number>();
  for (const entry of entries) sums.set(entry.memberId, (sums.get(entry.memberId) ?? 0) + entry.amount);
  for (const account of accounts) {
    expect({ member: account._id, balance: account.balance }).toEqual({ member: account._id, balance: sums.get(account._id) ?? 0 });
    expect(Object.values(account.buckets).reduce((sum, amount) => sum + amount, 0)).toBe(account.balance);
    expect(account.balance).toBeGreaterThanOrEqual(0);
    sums.delete(account._id);
  }
  expect([...sums.keys()]).toEqual([]);
  for (const item of items) expect(item.stock).toBeGreaterThanOrEqual(0);
}
