/**
 * How the console writes times: Beijing time (the company's clock, whatever the browser's zone), to the
 * minute, as `YYYY-MM-DD HH:mm`. One formatter for every screen.
 */
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/** `YYYY-MM-DD HH:mm` in Beijing time, or `none` (— unless told) for no time. */
export function beijingTime(iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  // Some engines write midnight as 24 with hour12 off.
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}`;
}

/** The year in Beijing now (a year-end selection defaults to it). */
export function beijingYear(at: Date = new Date()): number {
  return Number(YEAR.format(at));
}
