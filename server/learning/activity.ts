/**
 * Learning activity for the heatmap and trends (学习时段): per member, Beijing day and time slot, the valid
 * study time credited and the player sessions started. Written inside the report's transaction (one
 * document read and written; a member's own reports are the only writers of their documents, so they never
 * contend with colleagues). Credit is counted in the slot of the report that carries it: reports come every
 * 15 s and credit at most 60 s, so a gap straddling a slot boundary moves at most a minute.
 */
import type { LearningActivityDoc } from '../../typings/docs/report';
import { COLLECTIONS, type Tx, txGet } from '../core';
import { beijingMoment } from '../core/calendar';

export function activityId(memberId: string, day: string, slot: string): string {
  return `${memberId}:${day}:${slot}`;
}

export async function recordActivity(
  tx: Tx,
  member: { _id: string; departmentId: string },
  now: Date,
  creditMs: number,
  sessionStarted: boolean,
): Promise<void> {
  if (creditMs === 0 && !sessionStarted) return;
  const moment = beijingMoment(now);
  const id = activityId(member._id, moment.day, moment.slot);
  const current = await txGet<LearningActivityDoc>(tx, COLLECTIONS.learningActivity, id);
  const data: Omit<LearningActivityDoc, '_id'> = {
    memberId: member._id,
    departmentId: member.departmentId,
    ...moment,
    studyMs: (current?.studyMs ?? 0) + creditMs,
    sessions: (current?.sessions ?? 0) + (sessionStarted ? 1 : 0),
    updatedAt: now,
  };
  await tx.collection(COLLECTIONS.learningActivity).doc(id).set({ data });
}
