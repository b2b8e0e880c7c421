/**
 * A learner's record of a course. It carries everything a progress report changes (position, study time,
 * the recent sessions' last reports, the activity per time slot) under a `version` bumped by every write:
 * a report writes it with one update conditional on the version it read (`writeRecord`), a quiz submission
 * inside its transaction (`saveRecord`). What is counted over records (a course's learners and completions,
 * the member's totals, the heatmap) is derived from them, never incremented beside them: the course's
 * counters and the heatmap by the report rollup (server/report/course-rollup.ts), the member's totals on read
 * (server/core/study-totals.ts).
 */
import type { CourseDoc, LearningRecordDoc, RecordSession } from '../../typings/domain';
import { NOTHING_FOLDED } from '../../typings/docs/report';
import { foldedBefore } from '../core/folded';
import type { MyProgress } from '../../typings/functions/course';
import { COLLECTIONS, type Database, type Tx } from '../core';
import { isDuplicate } from '../core/db';
import { isoDate } from '../core/published';
import { isCompleted, positionLimit, progressPercent } from './completion';

export function recordId(memberId: string, courseId: string): string {
  return `${memberId}:${courseId}`;
}

export function newRecord(memberId: string, courseId: string, now: Date): LearningRecordDoc {
  return {
    _id: recordId(memberId, courseId),
    memberId,
    courseId,
    position: 0,
    furthest: 0,
    percent: 0,
    studyMs: 0,
    creditedUntil: null,
    completed: false,
    completedAt: null,
    completionEmitted: false,
    quizAttempts: 0,
    quizPassed: false,
    quizBestScore: null,
    quizPassEmitted: false,
    startedAt: now,
    lastStudiedAt: now,
    updatedAt: now,
    version: 0,
    sessions: {},
    sessionCount: 0,
    activity: {},
  };
}

/**
 * Sessions a record remembers (the most recent by their last report). A report of a session forgotten since
 * starts it afresh: no credit for its gap, never more. Chosen: 10, far above the devices a learner studies
 * one course on at once.
 */
export const RECENT_SESSIONS = 10;

/** The record's sessions with `sessionId`'s last report set, the least recent dropped beyond RECENT_SESSIONS. */
export function keepSession(sessions: LearningRecordDoc['sessions'], sessionId: string, last: RecordSession): Record<string, RecordSession> {
  const entries = Object.entries({ ...sessions, [sessionId]: last }).sort(([, a], [, b]) => new Date(b.at).getTime() - new Date(a.at).getTime());
  return Object.fromEntries(entries.slice(0, RECENT_SESSIONS));
}

type CourseForRecord = Pick<CourseDoc, '_id' | 'format' | 'durationMinutes' | 'content' | 'quiz'>;

/** Clamps the position, advances the furthest point, and applies the completion rule (completion never reverts). */
export function settle(course: CourseForRecord, record: LearningRecordDoc, now: Date): LearningRecordDoc {
  const limit = positionLimit(course);
  const position = Math.min(Math.max(0, record.position), limit);
  const next = { ...record, position, furthest: Math.min(Math.max(record.furthest, position), limit), updatedAt: now };
  next.percent = progressPercent(course, next);
  if (!next.completed && isCompleted(course, next)) {
    next.completed = true;
    next.completedAt = now;
  }
  return next;
}

export function progressView(record: LearningRecordDoc): MyProgress {
  return {
    position: record.position,
    furthest: record.furthest,
    percent: record.percent,
    studySeconds: Math.floor(record.studyMs / 1000),
    completed: record.completed,
    completedAt: isoDate(record.completedAt),
    quizPassed: record.quizPassed,
    quizAttempts: record.quizAttempts,
    quizBestScore: record.quizBestScore,
    lastStudiedAt: isoDate(record.lastStudiedAt),
  };
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** The version a write of `before` carries (0 when the learner starts now or the record predates versions). */
function nextVersion(before: LearningRecordDoc | null): number {
  return (before?.version ?? 0) + 1;
}

/** Writes `after` (the record following `before`, null when the learner starts now) inside a transaction. */
export async function saveRecord(tx: Tx, before: LearningRecordDoc | null, after: LearningRecordDoc): Promise<void> {
  // A transaction that read the record conflicts with the rollup's write of `folded` meanwhile and is retried
  // (the local cloud's emulator/db/transactions.ts does the same: first committer wins).
  await tx
    .collection(COLLECTIONS.learningRecords)
    .doc(after._id)
    .set({ data: withoutId({ ...after, folded: foldedBefore(before), version: nextVersion(before) }) });
}

/**
 * Writes `after` over `before` with one operation, without a transaction: an insert under the record's
 * deterministic `_id` when the learner starts now, else an update conditional on the version read. False
 * when another write got there first (the caller reads again and retries). An update is atomic on its
 * document, so of two updates with the same condition one only applies:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 * Objects (sessions, activity) are replaced whole (`_.set`); the completion hooks' flags are left alone, and so
 * is `folded` once the record carries it (the rollup writes it).
 */
export async function writeRecord(db: Database, before: LearningRecordDoc | null, after: LearningRecordDoc): Promise<boolean> {
  const version = nextVersion(before);
  if (!before) {
    try {
      await db.collection(COLLECTIONS.learningRecords).add({ data: { ...after, folded: NOTHING_FOLDED, version } });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }
  const _ = db.command;
  const result = (await db
    .collection(COLLECTIONS.learningRecords)
    .where({ _id: after._id, version: before.version === undefined ? _.exists(false) : before.version })
    .update({
      data: {
        position: after.position,
        furthest: after.furthest,
        percent: after.percent,
        studyMs: after.studyMs,
        creditedUntil: after.creditedUntil,
        completed: after.completed,
        completedAt: after.completedAt,
        lastStudiedAt: after.lastStudiedAt,
        updatedAt: after.updatedAt,
        sessions: _.set(after.sessions ?? {}),
        sessionCount: after.sessionCount ?? 0,
        activity: _.set(after.activity ?? {}),
        // Written only when the record had none: the rollup writes it (without a version) once it counted a change.
        ...(before.folded ? {} : { folded: _.set(foldedBefore(before)) }),
        version,
      },
    })) as unknown as { stats: { updated: number } };
  return result.stats.updated > 0;
}
