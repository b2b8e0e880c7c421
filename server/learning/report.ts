/**
 * `learning.report`: one progress report from a player. Database operations per report (see
 * test/server/learning/study-time.test.ts): the caller's member (the guard, one read), the course (kept per
 * instance for COURSE_TTL_MS, so a player's reports every 15 s read it once), the learning record (one
 * read), and one write of it: an update conditional on the record's version (an insert when the learner
 * starts now), no transaction. That is 3. The record carries what the report changes: the session's last
 * report (`sessions`, for the credit rule and replays), the study time and the activity of this time slot;
 * what is counted over records (the course's learners and completions, the heatmap) is derived by the
 * report rollup, the member's totals on read (server/core/study-totals.ts). A write that loses a race to
 * another of the member's reports of the course reads the record again and retries (RECORD_BACKOFF), so
 * time is credited once and never lost. A report that completes the course then hands the completion over
 * (./events.ts: points, required assignments, share conversions, certificates; idempotent hooks and flags,
 * so a crash after the write is completed by the next report). Starting a course of a series first checks
 * its lock (once per learner and course).
 */
import type { CourseDoc, LearningRecordDoc, MemberDoc, StudyState } from '../../typings/domain';
import type { ReportResult } from '../../typings/functions/learning';
import { learningContracts } from '../../typings/functions/learning';
import { AppError, type Backoff, COLLECTIONS, type Database, defineAction, findById } from '../core';
import { InstanceCache } from '../core/instance-cache';
import { DEFAULT_BACKOFF, retryOnConflict } from '../core/transaction';
import { audiencesOf, isVisible } from '../core/visibility';
import { assertUnlocked } from './locks';
import { creditReport } from './credit';
import { addActivity } from './activity';
import { emitPendingEvents } from './events';
import { keepSession, newRecord, progressView, recordId, settle, writeRecord } from './record';

type ReportInput = { courseId: string; sessionId: string; seq: number; position: number; state: StudyState; clientTime?: number };

/**
 * How long an instance reuses a course for progress reports: a class watching one course reports every
 * 15 s each, and the course changes a few times in its life. A course withdrawn, retargeted or given a new
 * completion rule applies to reports within this delay (the course page itself always reads it fresh).
 * Visibility is checked against each reporter's own audiences on every report. Chosen: 10 s.
 */
export const COURSE_TTL_MS = 10_000;

/**
 * Retries of a record write lost to the member's own other reports of the course (two devices, an app's
 * retries): only the member contends on their record, so a few rounds always suffice; the default rounds and
 * four more for a burst of retries. Chosen.
 */
export const RECORD_BACKOFF: Backoff = { ...DEFAULT_BACKOFF, rounds: DEFAULT_BACKOFF.rounds + 4 };

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
  record: LearningRecordDoc;
  creditMs: number;
  justCompleted: boolean;
  ignored: boolean;
}

/** The record after `input`, from the record as read (null: the learner starts now), and what the report credited. */
export function nextRecord(course: CourseDoc, memberId: string, before: LearningRecordDoc | null, input: ReportInput, now: Date): Outcome {
  const base = before ?? newRecord(memberId, course._id, now);
  const previous = base.sessions?.[input.sessionId] ?? null;
  const outcome = creditReport({ previous, seq: input.seq, state: input.state, now, creditedUntil: base.creditedUntil });
  if (outcome.ignored) return { record: base, creditMs: 0, justCompleted: false, ignored: true };
  const started = previous === null;
  const record = settle(
    course,
    {
      ...base,
      position: input.position,
      studyMs: base.studyMs + outcome.creditMs,
      creditedUntil: outcome.creditedUntil,
      lastStudiedAt: now,
      sessions: keepSession(base.sessions, input.sessionId, { seq: input.seq, state: input.state, at: now, clientTime: input.clientTime ?? null }),
      sessionCount: (base.sessionCount ?? 0) + (started ? 1 : 0),
      activity: addActivity(base.activity, now, outcome.creditMs, started),
    },
    now,
  );
  return { record, creditMs: outcome.creditMs, justCompleted: record.completed && !(before?.completed ?? false), ignored: false };
}

async function applyReport(db: Database, member: MemberDoc, course: CourseDoc, input: ReportInput, now: Date): Promise<Outcome> {
  let lockChecked = false;
  return retryOnConflict(async () => {
    const before = await findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, recordId(member._id, course._id));
    if (!before && !lockChecked && (course.seriesIds ?? []).length > 0) {
      await assertUnlocked(db, member._id, course);
      lockChecked = true;
    }
    const outcome = nextRecord(course, member._id, before, input, now);
    if (outcome.ignored) return outcome;
    if (!(await writeRecord(db, before, outcome.record))) throw new AppError('CONFLICT');
    return outcome;
  }, RECORD_BACKOFF);
}

export const report = defineAction({
  ...learningContracts.report,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<ReportResult> => {
    const at = now();
    const course = await reportedCourse(db, caller.member, input.courseId, at);
    const outcome = await applyReport(db, caller.member, course, input, at);
    await emitPendingEvents(db, outcome.record, at, { course, member: caller.member });
    return { progress: progressView(outcome.record), creditedMs: outcome.creditMs, justCompleted: outcome.justCompleted, ignored: outcome.ignored };
  },
});
