/**
 * The Beijing calendar of the analytics: ISO weeks (Monday first, week 1 holds the year's first Thursday)
 * and ISO weekdays of Beijing days, and the time slots of the heatmap (typings/docs/report.ts TIME_SLOTS),
 * on server/core/time.ts.
 */
import { TIME_SLOTS } from '../../typings/docs/report';
import type { TimeSlot } from '../../typings/docs/report';
import { TIME_SLOT_DEFINITIONS } from '../../typings/functions/report';
import { addDays, beijingDate, beijingHour, isoWeek, isoWeekday, mondayOf } from './time';

/** The last `count` ISO weeks up to the one holding `day`, oldest first, with their Mondays. */
export function lastWeeks(day: string, count: number): { week: string; monday: string }[] {
  const monday = mondayOf(day);
  const weeks: { week: string; monday: string }[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const start = addDays(monday, -7 * i);
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
  return { day, week: isoWeek(day), weekday: isoWeekday(day), slot: slotOfHour(beijingHour(instant)) };
}
