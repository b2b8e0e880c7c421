/** A mall item as the admin's form sends it (points.createItem / updateItem), for tests in any area. */
import { type ItemFields, unrestrictedItem } from '../../server/points/mall/items';

export type ItemForm = ItemFields & { kind: 'physical' | 'virtual'; stock: number };

/** Every field of the form with a plain default (a physical item, unrestricted: server/points/mall/items.ts), then `overrides`. */
export function itemForm(overrides: Partial<ItemForm> = {}): ItemForm {
  return {
    ...unrestrictedItem(),
    name: '马克杯',
    description: '',
    price: 30,
    kind: 'physical',
    stock: 10,
    ...overrides,
  };
}
