/** Shared set-up of the points tests: items and the whole points state. */
import type { ItemFields } from '../../../server/points/mall/items';
import { createItem } from '../../../server/points/mall/items';
import type { MallItemDoc } from '../../../typings/docs/mall';
import { readWhere, testDb } from '../../helpers/db';

export { openidOf, seedMembers } from '../../helpers/identities';
export { expectLedgersBalanced, givePoints } from '../../helpers/ledger';

let sequence = 0;

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
