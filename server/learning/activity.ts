/**
 * Learning activity for the heatmap and trends (学习时段): per Beijing day and time slot, the valid study
 * time credited and the player sessions started. A progress report adds it to the learning record itself
 * (`activity`, written by the report's one conditional update), so a report writes no other document; the
 * report rollup derives `learningActivity` from the records (server/report/activity-docs.ts).
 * Credit is counted in the slot of the report that carries it: reports come every 15 s and credit at most
 * 60 s, so a gap straddling a slot boundary moves at most a minute.
 */
import type { LearningRecordDoc, RecordActivity } from '../../typings/domain';
import type { TimeSlot } from '../../typings/docs/report';
import { beijingMoment } from '../core/calendar';
import { addDays, beijingDate } from '../core/time';

/**
 * How long a record keeps a slot. The rollup derives a slot from the record within minutes (its timer), so
 * only a rollup stopped this long would miss one; kept short so a record read on every page stays small.
 * Chosen: 60 days.
 */
export const ACTIVITY_KEEP_DAYS = 60;

export function activityKey(day: string, slot: TimeSlot): string {
  return `${day}|${slot}`;
}

/** The record's activity with this report's credit and session start added, slots past ACTIVITY_KEEP_DAYS dropped. */
export function addActivity(activity: LearningRecordDoc['activity'], now: Date, creditMs: number, sessionStarted: boolean): Record<string, RecordActivity> {
  const oldest = addDays(beijingDate(now), -ACTIVITY_KEEP_DAYS);
  const kept = Object.fromEntries(Object.entries(activity ?? {}).filter(([key]) => key.slice(0, 10) >= oldest));
  if (creditMs === 0 && !sessionStarted) return kept;
  const moment = beijingMoment(now);
  const key = activityKey(moment.day, moment.slot);
  const current = kept[key];
  kept[key] = { studyMs: (current?.studyMs ?? 0) + creditMs, sessions: (current?.sessions ?? 0) + (sessionStarted ? 1 : 0), at: now };
  return kept;
}
