/**
 * The app's one date module, on dayjs with its `utc` plugin (Beijing's fixed offset), `relativeTime` and the
 * zh-cn locale (plugins and locales are bundled into miniprogram_npm by scripts/build-miniprogram-npm.ts).
 * Weike's days are Beijing calendar days (YYYY-MM-DD, UTC+8 all year: China keeps no daylight saving), whatever
 * zone the phone is in, so a fixed offset is exact and the `timezone` plugin, which needs the phone's Intl zone
 * data, is not used here. The server decides what "today" is for anything that counts; these are for display
 * and form defaults.
 */
import dayjs = require('dayjs');
import relativeTime = require('dayjs/plugin/relativeTime');
import utc = require('dayjs/plugin/utc');
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(relativeTime);

const BEIJING_OFFSET_MINUTES = 8 * 60;
const DAY_FORMAT = 'YYYY-MM-DD';
/** From a week on, a feed or message shows its date instead of "N 天前". */
const RELATIVE_DAYS = 7;

/** `instant` on Beijing's wall clock (its fields and format read Beijing's time). */
export function beijing(instant: number | string | Date = Date.now()): dayjs.Dayjs {
  return dayjs(instant).utcOffset(BEIJING_OFFSET_MINUTES);
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

/**
 * When something happened, as a feed or message list shows it: "几秒前", "3 分钟前", "2 小时前", "6 天前"
 * within a week, then the Beijing date and time; '' for a value that is not a time. An instant a little ahead
 * of the phone's clock (its clock is behind the server's) reads as just now.
 */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const at = dayjs(iso);
  if (!at.isValid()) return '';
  if (dayjs(now).diff(at, 'day') >= RELATIVE_DAYS) return beijingDateTime(iso);
  return at.locale('zh-cn').from(Math.max(now, at.valueOf()));
}
