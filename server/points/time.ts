/** The points expiry rule on Beijing years (server/core/time.ts). */
import { beijingYear, startOfBeijingYear } from '../core/time';

/**
 * The expiry rule: points earned in Beijing year Y expire when year Y + 1 ends, that is at the start of
 * Y + 2 (Beijing midnight of 1 January).
 */
export function expiryOf(earnedYear: number): Date {
  return startOfBeijingYear(earnedYear + 2);
}

/** Years whose points have expired by `now`: every year up to this one. */
export function lastExpiredYear(now: Date): number {
  return beijingYear(now) - 2;
}
