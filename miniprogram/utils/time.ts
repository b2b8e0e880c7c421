/**
 * The app's one date module, on dayjs (its main entry, which the mini-program's npm build ships; plugins are
 * separate entries that DevTools' npm build leaves out, so none is used here). Weike's days are Beijing
 * calendar days (YYYY-MM-DD, UTC+8 all year: China keeps no daylight saving), whatever zone the phone is in;
 * the server decides what "today" is for anything that counts, these are for display and form defaults.
 */
import dayjs = require('dayjs');

const BEIJING_OFFSET_MINUTES = 8 * 60;
const DAY_FORMAT = 'YYYY-MM-DD';

/**
 * `instant` as a dayjs whose local fields read Beijing's wall clock: shifted by the difference between
 * Beijing's offset and the phone's own at that instant (core dayjs formats in the phone's zone).
 */
export function beijing(instant: number | string | Date = Date.now()): dayjs.Dayjs {
  const at = dayjs(instant);
  return at.add(BEIJING_OFFSET_MINUTES - at.utcOffset(), 'minute');
}

/** An ISO instant as the Beijing date and time (YYYY-MM-DD HH:mm); '' for a value that is not a time. */
export function beijingDateTime(iso: string): string {
  const at = dayjs(iso);
  return at.isValid() ? beijing(at.valueOf()).format('YYYY-MM-DD HH:mm') : '';
}

/** The Beijing calendar day `days` after `now` (today by default), YYYY-MM-DD. */
export function beijingDay(now: number | Date = Date.now(), days = 0): string {
  return beijing(now).add(days, 'day').format(DAY_FORMAT);
}

/** Today in Beijing by the phone's clock. */
export const beijingToday = (now: Date = new Date()): string => beijingDay(now);

/** A calendar day plus `count` days (calendar arithmetic on the date itself, no zone involved). */
export function addDays(day: string, count: number): string {
  return dayjs(day).add(count, 'day').format(DAY_FORMAT);
}

/** Calendar days from `from` to `to`, both counted. */
export function daysInclusive(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'day') + 1;
}

/** The instant a Beijing calendar day ends (the next day's 00:00 in Beijing), as ISO. */
export function beijingDayEnd(day: string): string {
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00+08:00`)).toISOString();
}
