/** Whether a member may see and redeem an item now: on sale, inside its window, and for their audiences. */
import type { Audience } from '../../../typings/domain';
import type { MallItemDoc } from '../../../typings/docs/mall';

export function inWindow(item: Pick<MallItemDoc, 'availableFrom' | 'availableUntil'>, at: Date): boolean {
  const time = at.getTime();
  if (item.availableFrom !== null && new Date(item.availableFrom).getTime() > time) return false;
  if (item.availableUntil !== null && new Date(item.availableUntil).getTime() <= time) return false;
  return true;
}

export function forAudiences(item: Pick<MallItemDoc, 'audiences'>, audiences: readonly Audience[]): boolean {
  return item.audiences.length === 0 || item.audiences.some((audience) => audiences.includes(audience));
}

export function isAvailable(item: MallItemDoc, audiences: readonly Audience[], at: Date): boolean {
  return item.status === 'on_sale' && inWindow(item, at) && forAudiences(item, audiences);
}

/** How many more a member may redeem under the item's limits and stock (the balance aside). */
export function remainingFor(item: MallItemDoc, quota: { total: number; months: Record<string, number> } | null, month: string): number {
  const limits = [item.stock];
  if (item.limitTotal !== null) limits.push(item.limitTotal - (quota?.total ?? 0));
  if (item.limitPerMonth !== null) limits.push(item.limitPerMonth - (quota?.months[month] ?? 0));
  return Math.max(0, Math.min(...limits));
}
