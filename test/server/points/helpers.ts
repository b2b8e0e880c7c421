/** Shared set-up of the points tests: items and the whole points state. */
import { createItem } from '../../../server/points/mall/items';
import type { MallItemDoc } from '../../../typings/docs/mall';
import { readWhere, testDb } from '../../helpers/db';
import { type ItemForm, itemForm } from '../../helpers/mall';

export { openidOf, seedMembers } from '../../helpers/identities';
export { expectLedgersBalanced, givePoints } from '../../helpers/ledger';

let sequence = 0;

/** The seeded items' fields: a pictured mug. */
const SEEDED = { pictures: ['cloud://local.bucket/mall/mug.png'], description: '公司定制马克杯' };

export function seedItem(fields: Partial<ItemForm> = {}, at = new Date()): Promise<MallItemDoc> {
  sequence += 1;
  return createItem(testDb(), { ...itemForm({ ...SEEDED, ...fields }), requestId: `seed-item-${sequence}` }, 'm:seed-admin', at);
}

/**
 * Everything the points area stores, read whole (tests only): "nothing changed" compares two of these. An
 * item's stock markers are left out: a refused redemption takes its unit and gives it back, and the take
 * leaves `lastTakeAt` and `unsettled` for the stock reconciliation (server/points/mall/orders.ts).
 */
export async function pointsState(): Promise<Record<string, unknown[]>> {
  const names = ['pointsAccounts', 'pointsLedger', 'pointsDaily', 'mallItems', 'mallOrders', 'mallQuotas', 'mallCodes'] as const;
  const docs = await Promise.all(names.map((name) => readWhere<Record<string, unknown>>(name)));
  const withoutMarkers = (doc: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(doc).filter(([field]) => field !== 'lastTakeAt' && field !== 'unsettled'));
  return Object.fromEntries(names.map((name, index) => [name, (docs[index] ?? []).map((doc) => (name === 'mallItems' ? withoutMarkers(doc) : doc))]));
}
