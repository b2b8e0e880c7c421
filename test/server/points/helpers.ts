/** Shared set-up of the points tests: members with points, items, and the ledger invariant. */
import type { MemberDoc } from '../../../typings/domain';
import type { ItemFields } from '../../../server/points/mall/items';
import { createItem } from '../../../server/points/mall/items';
import type { MallItemDoc } from '../../../server/points/mall/model';
import { awardPointsForEvent } from '../../../server/points/events';
import type { PointsAccountDoc } from '../../../server/points/model';
import { memberDoc, testDb } from '../fixtures';

let sequence = 0;

/** Members bound to `o-<id>`, inserted in parallel. */
export async function seedMembers(ids: readonly string[], overrides: Partial<MemberDoc> = {}): Promise<MemberDoc[]> {
  const db = testDb();
  const members = ids.map((id) => memberDoc(id, overrides));
  await Promise.all(
    members.flatMap((member) => [
      db.collection('members').add({ data: member }),
      db.collection('bindings').add({ data: { _id: openidOf(member._id), memberId: member._id, boundAt: new Date('2026-01-05T02:00:00Z') } }),
    ]),
  );
  return members;
}

export const openidOf = (memberId: string): string => `o-${memberId}`;

/** Gives a member `amount` points through the award hook (a competition award with its own source). */
export async function givePoints(memberId: string, occurredAt: Date): Promise<number> {
  sequence += 1;
  const { awarded } = await awardPointsForEvent(testDb(), { type: 'competition_award', memberId, sourceId: `seed-${sequence}`, occurredAt });
  return awarded;
}

export const ITEM_DEFAULTS: ItemFields = {
  name: '马克杯',
  pictures: ['cloud://local.bucket/mall/mug.png'],
  description: '公司定制马克杯',
  price: 30,
  limitTotal: null,
  limitPerMonth: null,
  availableFrom: null,
  availableUntil: null,
  audiences: [],
  status: 'on_sale',
};

export function seedItem(fields: Partial<ItemFields> & { kind?: 'physical' | 'virtual'; stock?: number } = {}, at = new Date()): Promise<MallItemDoc> {
  sequence += 1;
  return createItem(testDb(), { ...ITEM_DEFAULTS, kind: 'physical', stock: 10, ...fields, requestId: `seed-item-${sequence}` }, 'm:seed-admin', at);
}

async function readAllDocs<T>(collection: string): Promise<T[]> {
  const db = testDb();
  const docs: T[] = [];
  for (;;) {
    const { data } = (await db.collection(collection).orderBy('_id', 'asc').skip(docs.length).limit(1000).get()) as unknown as { data: T[] };
    docs.push(...data);
    if (data.length < 1000) return docs;
  }
}

/** Everything the points area stores, read whole (tests only): "nothing changed" compares two of these. */
export async function pointsState(): Promise<Record<string, unknown[]>> {
  const names = ['pointsAccounts', 'pointsLedger', 'pointsDaily', 'mallItems', 'mallOrders', 'mallQuotas', 'mallCodes'] as const;
  const docs = await Promise.all(names.map((name) => readAllDocs<unknown>(name)));
  return Object.fromEntries(names.map((name, index) => [name, docs[index] ?? []]));
}

/**
 * The ledger invariant, read whole (tests only): every balance equals the sum of its entries and of its
 * year buckets, and is never negative; every item's stock is never negative.
 */
export async function expectLedgersBalanced(): Promise<void> {
  const [accounts, entries, items] = await Promise.all([
    readAllDocs<PointsAccountDoc>('pointsAccounts'),
    readAllDocs<{ memberId: string; amount: number }>('pointsLedger'),
    readAllDocs<MallItemDoc>('mallItems'),
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
