/** Shared fixtures for the points pages: contract-shaped answers and a backend routing `points.<action>`. */
import { backend as route, scoped, type RoutesOf } from '../backend';
export { callsOfAction as callsOf, okWith } from '../backend';
import type { LedgerEntryView, MallItemDetail, OrderView } from '../../../typings/functions/points';

export function ledgerEntry(n: number, overrides: Partial<LedgerEntryView> = {}): LedgerEntryView {
  return {
    id: `e${n}`,
    amount: 10,
    reason: 'course_completed',
    source: `course-${n}`,
    note: null,
    balanceAfter: 100 + n,
    // 2026-03-01 10:00 in Beijing.
    createdAt: '2026-03-01T02:00:00.000Z',
    expiresAt: null,
    ...overrides,
  };
}

export function itemDetail(overrides: Partial<MallItemDetail> = {}): MallItemDetail {
  return {
    id: 'item-mug',
    name: '定制马克杯',
    pictures: ['cloud://local-bucket/mall/mug-1.png', 'cloud://local-bucket/mall/mug-2.png'],
    mediaReview: null,
    description: '陶瓷 350ml',
    price: 200,
    stock: 8,
    kind: 'physical',
    limitTotal: 2,
    limitPerMonth: 1,
    availableFrom: null,
    availableUntil: null,
    audiences: [],
    status: 'on_sale',
    remainingForMe: 1,
    myBalance: 500,
    ...overrides,
  };
}

export function order(id: string, overrides: Partial<OrderView> = {}): OrderView {
  return {
    id,
    itemId: 'item-mug',
    itemName: '定制马克杯',
    itemPicture: null,
    kind: 'physical',
    price: 200,
    status: 'pending',
    code: null,
    note: null,
    createdAt: '2026-03-01T02:00:00.000Z',
    fulfilledAt: null,
    cancelledAt: null,
    cancelledBy: null,
    ...overrides,
  };
}

/** Answers `points.<action>` (and `admin.<action>` for admin pages) from `routes`; anything else fails the test. */
export const backend = (routes: RoutesOf<'points' | 'admin'>): void => route(scoped(['points', 'admin'], routes));
