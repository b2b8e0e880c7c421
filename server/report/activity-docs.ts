/**
 * The `learningActivity` documents the rollup derives from a learning record's `activity` (written by
 * progress reports, server/learning/activity.ts; keyed `<day>|<slot>`): one per member, course, Beijing day
 * and slot, written whole (`set`), so deriving a slot again writes the same document.
 */
import type { LearningActivityDoc, TimeSlot } from '../../typings/docs/report';
import type { LearningRecordDoc } from '../../typings/domain';
import { isoWeek, isoWeekday } from '../core/time';

export function activityId(memberId: string, courseId: string, day: string, slot: string): string {
  return `${memberId}:${courseId}:${day}:${slot}`;
}

/** The documents of the record's slots changed at or after `since` (every slot when null), in the member's department. */
export function activityDocs(
  record: Pick<LearningRecordDoc, 'memberId' | 'courseId' | 'activity'>,
  departmentId: string,
  since: Date | null,
): LearningActivityDoc[] {
  const docs: LearningActivityDoc[] = [];
  for (const [key, slot] of Object.entries(record.activity ?? {})) {
    const at = new Date(slot.at);
    if (since && at < since) continue;
    const cut = key.indexOf('|');
    const day = key.slice(0, cut);
    const name = key.slice(cut + 1) as TimeSlot;
    docs.push({
      _id: activityId(record.memberId, record.courseId, day, name),
      memberId: record.memberId,
      courseId: record.courseId,
      departmentId,
      day,
      week: isoWeek(day),
      weekday: isoWeekday(day),
      slot: name,
      studyMs: slot.studyMs,
      sessions: slot.sessions,
      updatedAt: at,
    });
  }
  return docs;
}
