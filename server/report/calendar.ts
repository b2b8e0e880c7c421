/**
 * The Beijing calendar of the analytics: ISO weeks (Monday first, week 1 holds the year's first Thursday)
 * and ISO weekdays of Beijing days, and the time slots of the heatmap (typings/docs/report.ts TIME_SLOTS),
 * all computed from the instant alone, whatever the process time zone.
 */
import { TIME_SLOTS } from '../../typings/docs/report';
import type { TimeSlot } from '../../typings/docs/report';
import { TIME_SLOT_DEFINITIONS } from '../../typings/functions/report';
import { beijingDate } from '../roster/beijing-day';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Midnight UTC of a `YYYY-MM-DD` day (a calendar date as an instant, for date arithmetic only). */
function dayValue(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(dayValue(day)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week of a calendar day, `YYYY-Www`. */
export function isoWeek(day: string): string {
  const thursday = dayValue(day) + (4 - isoWeekday(day)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (`YYYY-MM-DD`) of the ISO week of a calendar day. */
export function mondayOf(day: string): string {
  return new Date(dayValue(day) - (isoWeekday(day) - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** The last `count` ISO weeks up to the one holding `day`, oldest first, with their Mondays. */
export function lastWeeks(day: string, count: number): { week: string; monday: string }[] {
  const monday = dayValue(mondayOf(day));
  const weeks: { week: string; monday: string }[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const start = new Date(monday - i * 7 * DAY_MS).toISOString().slice(0, 10);
    weeks.push({ week: isoWeek(start), monday: start });
  }
  return weeks;
}

/** The ISO week of the Beijing day of an instant. */
export function beijingWeek(instant: Date): string {
  return isoWeek(beijingDate(instant));
}

/** The heatmap slot of a Beijing hour (0–23), by the slots' documented hours (TIME_SLOT_DEFINITIONS). */
export function slotOfHour(hour: number): TimeSlot {
  const slot = TIME_SLOTS.find((candidate) => TIME_SLOT_DEFINITIONS[candidate].hours.some(([from, to]) => hour >= from && hour < to));
  if (!slot) throw new Error(`no time slot holds hour ${hour}`);
  return slot;
}

/** Day, ISO week, weekday and slot of an instant on the Beijing clock. */
export function beijingMoment(instant: Date): { day: string; week: string; weekday: number; slot: TimeSlot } {
  const day = beijingDate(instant);
  const hour = new Date(instant.getTime() + BEIJING_OFFSET_MS).getUTCHours();
  return { day, week: isoWeek(day), weekday: isoWeekday(day), slot: slotOfHour(hour) };
}
