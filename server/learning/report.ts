/**
 * `learning.report`: one progress report from a player. Database operations per report (bounded, see
 * test/server/learning/study-time.test.ts): the caller's member (the guard, one read), the course, then
 * one transaction reading the session and the record (and the member's totals when time is credited, and
 * the member's activity in this time slot when time is credited or a session starts), writing the session,
 * the record, and the counters that moved. Starting a course of a series first checks
 * its lock (once per learner and course).
 */
import type { CourseDoc, LearningRecordDoc, MemberDoc, StudySessionDoc } from '../../typings/domain';
import type { ReportResult } from '../../typings/functions/learning';
import { learningContracts } from '../../typings/functions/learning';
import { COLLECTIONS, type Database, defineAction, runTransaction, txGet } from '../core';
import { assertUnlocked, loadVisibleCourse } from '../course/access';
import { creditReport } from './credit';
import { recordActivity } from './activity';
import { emitPendingEvents } from './events';
import { newRecord, progressView, recordId, saveRecord, settle } from './record';

type ReportInput = { courseId: string; sessionId: string; seq: number; position: number; state: StudySessionDoc['state']; clientTime?: number };

interface Outcome {
  /** The learner starts a course in a series now: its lock must be checked first (outside the transaction). */
  needsLockCheck?: true;
  record: LearningRecordDoc;
  creditMs: number;
  justCompleted: boolean;
  ignored: boolean;
}

async function applyReport(db: Database, member: MemberDoc, course: CourseDoc, input: ReportInput, now: Date, lockChecked: boolean): Promise<Outcome> {
  const sessionKey = `${recordId(member._id, course._id)}:${input.sessionId}`;
  return runTransaction(db, async (tx) => {
    const previous = await txGet<StudySessionDoc>(tx, COLLECTIONS.studySessions, sessionKey);
    const before = await txGet<LearningRecordDoc>(tx, COLLECTIONS.learningRecords, recordId(member._id, course._id));
    const base = before ?? newRecord(member._id, course._id, now);
    if (!before && !lockChecked && (course.seriesIds ?? []).length > 0)
      return { needsLockCheck: true, record: base, creditMs: 0, justCompleted: false, ignored: true };
    const outcome = creditReport({ previous, seq: input.seq, state: input.state, now, creditedUntil: base.creditedUntil });
    if (outcome.ignored) return { record: base, creditMs: 0, justCompleted: false, ignored: true };
    const session: Omit<StudySessionDoc, '_id'> = {
      memberId: member._id,
      courseId: course._id,
      sessionId: input.sessionId,
      seq: input.seq,
      state: input.state,
      position: input.position,
      at: now,
      clientTime: input.clientTime ?? null,
    };
    await tx.collection(COLLECTIONS.studySessions).doc(sessionKey).set({ data: session });
    const after = settle(
      course,
      { ...base, position: input.position, studyMs: base.studyMs + outcome.creditMs, creditedUntil: outcome.creditedUntil, lastStudiedAt: now },
      now,
    );
    await saveRecord(db, tx, before, after, outcome.creditMs);
    await recordActivity(tx, member, now, outcome.creditMs, previous === null);
    return { record: after, creditMs: outcome.creditMs, justCompleted: after.completed && !(before?.completed ?? false), ignored: false };
  });
}

export const report = defineAction({
  ...learningContracts.report,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<ReportResult> => {
    const at = now();
    const course = await loadVisibleCourse(db, caller.member, input.courseId, at);
    let outcome = await applyReport(db, caller.member, course, input, at, false);
    if (outcome.needsLockCheck) {
      await assertUnlocked(db, caller.member._id, course);
      outcome = await applyReport(db, caller.member, course, input, at, true);
    }
    await emitPendingEvents(db, outcome.record, at, { course, member: caller.member });
    return { progress: progressView(outcome.record), creditedMs: outcome.creditMs, justCompleted: outcome.justCompleted, ignored: outcome.ignored };
  },
});
