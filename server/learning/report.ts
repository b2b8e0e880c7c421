/**
 * `learning.report`: one progress report from a player. Database operations per report (bounded, see
 * test/server/learning/study-time.test.ts): the caller's member (the guard, one read), the course (kept per
 * instance for COURSE_TTL_MS, so a player's reports every 15 s read it once), then
 * one transaction reading the session and the record (and the member's totals when time is credited, and
 * the member's activity in this time slot when time is credited or a session starts), writing the session,
 * the record, and the counters that moved. Starting a course of a series first checks
 * its lock (once per learner and course).
 */
import type { CourseDoc, LearningRecordDoc, MemberDoc, StudySessionDoc } from '../../typings/domain';
import type { ReportResult } from '../../typings/functions/learning';
import { learningContracts } from '../../typings/functions/learning';
import { AppError, COLLECTIONS, type Database, defineAction, findById, runTransaction, txGet } from '../core';
import { InstanceCache } from '../core/instance-cache';
import { audiencesOf, isVisible } from '../core/visibility';
import { assertUnlocked } from './locks';
import { creditReport } from './credit';
import { recordActivity } from './activity';
import { emitPendingEvents } from './events';
import { newRecord, progressView, recordId, saveRecord, settle } from './record';

type ReportInput = { courseId: string; sessionId: string; seq: number; position: number; state: StudySessionDoc['state']; clientTime?: number };

/**
 * How long an instance reuses a course for progress reports: a class watching one course reports every
 * 15 s each, and the course changes a few times in its life. A course withdrawn, retargeted or given a new
 * completion rule applies to reports within this delay (the course page itself always reads it fresh).
 * Visibility is checked against each reporter's own audiences on every report. Chosen: 10 s.
 */
export const COURSE_TTL_MS = 10_000;

const courses = new InstanceCache<CourseDoc>(COURSE_TTL_MS);

/** Forgets the kept courses (tests that edit a course between two reports). */
export function forgetReportCourses(): void {
  courses.clear();
}

/** The course if the member may see it (read once per instance and COURSE_TTL_MS); NOT_FOUND otherwise. */
async function reportedCourse(db: Database, member: MemberDoc, courseId: string, now: Date): Promise<CourseDoc> {
  const course = await courses.get(courseId, async () => {
    const found = await findById<CourseDoc>(db, COLLECTIONS.courses, courseId);
    if (!found) throw new AppError('NOT_FOUND', '课程不存在或未对你开放');
    return found;
  });
  if (!isVisible(course, audiencesOf(member, now))) throw new AppError('NOT_FOUND', '课程不存在或未对你开放');
  return course;
}

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
    const course = await reportedCourse(db, caller.member, input.courseId, at);
    let outcome = await applyReport(db, caller.member, course, input, at, false);
    if (outcome.needsLockCheck) {
      await assertUnlocked(db, caller.member._id, course);
      outcome = await applyReport(db, caller.member, course, input, at, true);
    }
    await emitPendingEvents(db, outcome.record, at, { course, member: caller.member });
    return { progress: progressView(outcome.record), creditedMs: outcome.creditMs, justCompleted: outcome.justCompleted, ignored: outcome.ignored };
  },
});
