/** Beijing years and months (Asia/Shanghai, UTC+8, no daylight saving) for caps, limits and expiry. */
import { beijingDate } from '../roster/beijing-day';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

export function beijingYear(instant: Date): number {
  return Number(beijingDate(instant).slice(0, 4));
}

/** `YYYY-MM`. */
export function beijingMonth(instant: Date): string {
  return beijingDate(instant).slice(0, 7);
}

/** The instant Beijing year `year` begins. */
export function startOfBeijingYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS);
}

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
