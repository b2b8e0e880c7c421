/** Shared fixtures for the points pages: contract-shaped answers and a backend routing `points.<action>`. */
import { ok, type BackendAnswer, type BackendCall } from '../wx-stub';
import { settle, wxStub, type RenderedComponent } from '../harness';
export { openPage, page, text, texts } from '../harness';
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

export type ActionHandlers = Record<string, (call: BackendCall) => BackendAnswer>;

/** Answers `points.<action>` (and `admin.<action>` for admin pages) from `handlers`; anything else fails the test. */
export function backend(handlers: ActionHandlers): void {
  wxStub().handler = (call) => {
    const action = String(call.event.action);
    const handler = handlers[action];
    if ((call.name !== 'points' && call.name !== 'admin') || !handler) throw new Error(`unexpected call ${call.name}.${action}`);
    return handler(call);
  };
}

export const okWith = <T>(data: T) => () => ok(data);

export const callsOf = (action: string): Record<string, unknown>[] =>
  wxStub()
    .calls.filter((call) => call.event.action === action)
    .map((call) => call.event);

export async function typeInto(simulate: Parameters<typeof settle>[0], rendered: RenderedComponent, selector: string, value: string) {
  const input = rendered.querySelector(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}
