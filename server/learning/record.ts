/**
 * A learner's record of a course and the counters that follow it. Every change to a record goes through
 * `saveRecord` inside a transaction, which also keeps the course's learners/completions and the member's
 * totals, so they are maintained as things change and never recounted.
 */
import type { CourseDoc, LearningRecordDoc, MemberStudyDoc } from '../../typings/domain';
import type { MyProgress } from '../../typings/functions/course';
import { COLLECTIONS, type Database, type Tx, txGet } from '../core';
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
  };
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

/**
 * Writes `after` (the record following `before`, null when the learner starts now) and the counters it
 * moves. `creditMs` is the study time this change adds.
 */
export async function saveRecord(db: Database, tx: Tx, before: LearningRecordDoc | null, after: LearningRecordDoc, creditMs: number): Promise<void> {
  await tx
    .collection(COLLECTIONS.learningRecords)
    .doc(after._id)
    .set({ data: withoutId(after) });
  const started = before === null;
  const completedNow = after.completed && !(before?.completed ?? false);
  const _ = db.command;
  if (started || completedNow) {
    const stats: Record<string, unknown> = {};
    if (started) stats.learners = _.inc(1);
    if (completedNow) stats.completions = _.inc(1);
    await tx.collection(COLLECTIONS.courses).doc(after.courseId).update({ data: { stats } });
  }
  if (!started && !completedNow && creditMs === 0) return;
  const totals = (await txGet<MemberStudyDoc>(tx, COLLECTIONS.memberStudy, after.memberId)) ?? {
    _id: after.memberId,
    studyMs: 0,
    coursesStarted: 0,
    coursesCompleted: 0,
    updatedAt: after.updatedAt,
  };
  await tx
    .collection(COLLECTIONS.memberStudy)
    .doc(after.memberId)
    .set({
      data: withoutId({
        ...totals,
        studyMs: totals.studyMs + creditMs,
        coursesStarted: totals.coursesStarted + (started ? 1 : 0),
        coursesCompleted: totals.coursesCompleted + (completedNow ? 1 : 0),
        updatedAt: after.updatedAt,
      }),
    });
}
