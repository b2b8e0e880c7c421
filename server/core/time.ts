/**
 * Beijing time (北京时间) for every area: calendar days `YYYY-MM-DD`, day arithmetic, ISO weeks and
 * wall-clock formatting, on dayjs with its `utc`, `timezone` and `isoWeek` plugins
 * (https://day.js.org/docs/en/plugin/timezone, https://day.js.org/docs/en/plugin/iso-week).
 *
 * Cloud functions run in UTC, tests and scripts in any zone, so nothing here reads the process zone:
 * - Beijing wall-clock time to an instant (`dayjs.tz(text, zone)`) goes through the timezone plugin, which
 *   asks `Intl.DateTimeFormat` for the zone's offset (Node 20 ships full ICU: Asia/Shanghai is known).
 * - An instant to Beijing wall-clock time is the instant moved by 8 hours and read in UTC mode: China keeps
 *   UTC+8 all year. Both `.tz(zone)` and `.utcOffset(480)` step through the process zone's local time and
 *   are an hour off around that zone's daylight-saving changes (test/server/core/time.test.ts runs in
 *   America/New_York to catch it).
 * - A calendar day is a date without a zone: its arithmetic runs on UTC midnight, where no day is 23 or 25
 *   hours long.
 */
import dayjs from 'dayjs';
import isoWeekPlugin from 'dayjs/plugin/isoWeek';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(isoWeekPlugin);

export const BEIJING_ZONE = 'Asia/Shanghai';
/** China keeps UTC+8 all year (no daylight saving since 1991). */
const BEIJING_OFFSET_HOURS = 8;

const DAY_FORMAT = 'YYYY-MM-DD';
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** An instant on the Beijing clock. */
function inBeijing(instant: Date): dayjs.Dayjs {
  return dayjs.utc(instant).add(BEIJING_OFFSET_HOURS, 'hour');
}

/** A calendar day as UTC midnight, for arithmetic on the date alone. */
function calendarDay(day: string): dayjs.Dayjs {
  return dayjs.utc(day);
}

/** The Beijing calendar date of an instant, as `YYYY-MM-DD`. */
export function beijingDate(instant: Date): string {
  return inBeijing(instant).format(DAY_FORMAT);
}

/** `YYYY-MM-DD HH:mm` in Beijing time, for exports. */
export function beijingDateTime(instant: Date): string {
  return inBeijing(instant).format('YYYY-MM-DD HH:mm');
}

/** Beijing wall-clock time `HH:mm` of an instant. */
export function beijingTime(instant: Date): string {
  return inBeijing(instant).format('HH:mm');
}

/** The Beijing hour (0–23) of an instant. */
export function beijingHour(instant: Date): number {
  return inBeijing(instant).hour();
}

/** The Beijing year of an instant. */
export function beijingYear(instant: Date): number {
  return inBeijing(instant).year();
}

/** The Beijing month of an instant, `YYYY-MM`. */
export function beijingMonth(instant: Date): string {
  return inBeijing(instant).format('YYYY-MM');
}

/** Whether `day` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const parsed = calendarDay(day);
  return parsed.isValid() && parsed.format(DAY_FORMAT) === day;
}

/** The calendar day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return calendarDay(day).add(n, 'day').format(DAY_FORMAT);
}

/** Whole calendar days from date `from` to date `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return calendarDay(to).diff(calendarDay(from), 'day');
}

/** The instant Beijing day `day` (`YYYY-MM-DD`) begins, or null for a date that does not exist. */
export function startOfBeijingDay(day: string): Date | null {
  if (!isCalendarDay(day)) return null;
  return dayjs.tz(day, BEIJING_ZONE).toDate();
}

/** The instant Beijing year `year` begins. */
export function startOfBeijingYear(year: number): Date {
  return dayjs.tz(`${String(year).padStart(4, '0')}-01-01`, BEIJING_ZONE).toDate();
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return calendarDay(day).isoWeekday();
}

/** The ISO week of a calendar day, `YYYY-Www` (week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const date = calendarDay(day);
  return `${date.isoWeekYear()}-W${String(date.isoWeek()).padStart(2, '0')}`;
}

/** The Monday (`YYYY-MM-DD`) of the ISO week of a calendar day. */
export function mondayOf(day: string): string {
  return calendarDay(day).startOf('isoWeek').format(DAY_FORMAT);
}

/** The instant `n` whole days after `instant` (a Beijing day is always 24 hours long). */
export function afterDays(instant: Date, n: number): Date {
  return dayjs.utc(instant).add(n, 'day').toDate();
}
