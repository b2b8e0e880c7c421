/** A mall item as the admin's form sends it (points.createItem / updateItem), for tests in any area. */
import type { ItemFields } from '../../server/points/mall/items';

export type ItemForm = ItemFields & { kind: 'physical' | 'virtual'; stock: number };

/** Every field of the form with a plain default (a physical item on sale, no limits, no window), then `overrides`. */
export function itemForm(overrides: Partial<ItemForm> = {}): ItemForm {
  return {
    name: '马克杯',
    pictures: [],
    description: '',
    price: 30,
    limitTotal: null,
    limitPerMonth: null,
    availableFrom: null,
    availableUntil: null,
    audiences: [],
    status: 'on_sale',
    kind: 'physical',
    stock: 10,
    ...overrides,
  };
}
