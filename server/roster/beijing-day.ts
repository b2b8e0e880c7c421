/**
 * Beijing calendar days (Asia/Shanghai, UTC+8 all year: China has not observed daylight saving since 1991),
 * computed from the instant alone so the answer never depends on the process time zone.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Beijing calendar date of an instant, as `YYYY-MM-DD`. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from date `from` to date `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The instant Beijing day `day` (`YYYY-MM-DD`) begins, or null for a date that does not exist. */
export function startOfBeijingDay(day: string): Date | null {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return null;
  return new Date(ms - BEIJING_OFFSET_MS);
}

/** `YYYY-MM-DD HH:mm` in Beijing time, for exports. */
export function beijingDateTime(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
