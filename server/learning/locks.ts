/**
 * Step-by-step series (逐级解锁) lock a course until the previous one is completed: read from the member's
 * learning records, for the catalogue, quizzes and progress reports alike.
 */
import type { CourseDoc, LearningRecordDoc, SeriesDoc } from '../../typings/domain';
import type { SeriesPosition } from '../../typings/functions/course';
import { AppError, COLLECTIONS, type Database } from '../core';
import { docsOf } from '../core/db';
import { recordId } from './record';

/** A course belongs to at most this many series. */
export const MAX_COURSE_SERIES = 20;

export interface LockState {
  locked: boolean;
  reason: string | null;
  positions: SeriesPosition[];
}

/** Ids per `in` query: well under CloudBase's 1000-document limit. */
const IDS_PER_QUERY = 500;

/** Records of `courseIds` for the member (at most one query per 500 courses). */
export async function recordsOf(db: Database, memberId: string, courseIds: readonly string[]): Promise<Map<string, LearningRecordDoc>> {
  const _ = db.command;
  const records = new Map<string, LearningRecordDoc>();
  const ids = [...new Set(courseIds)];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY).map((id) => recordId(memberId, id));
    const found = await docsOf<LearningRecordDoc>(
      db
        .collection(COLLECTIONS.learningRecords)
        .where({ _id: _.in(chunk) })
        .limit(chunk.length),
    );
    for (const record of found) records.set(record.courseId, record);
  }
  return records;
}

/** The courses among `courseIds` the member has completed. */
export async function completedSet(db: Database, memberId: string, courseIds: readonly string[]): Promise<Set<string>> {
  const records = await recordsOf(db, memberId, courseIds);
  return new Set([...records.values()].filter((record) => record.completed).map((record) => record.courseId));
}

/** The course's place in its published series, and whether a step-by-step series still locks it. */
export async function lockState(db: Database, memberId: string, course: Pick<CourseDoc, '_id' | 'seriesIds'>): Promise<LockState> {
  const seriesIds = (course.seriesIds ?? []).slice(0, MAX_COURSE_SERIES);
  if (seriesIds.length === 0) return { locked: false, reason: null, positions: [] };
  const _ = db.command;
  const found = await docsOf<SeriesDoc>(
    db
      .collection(COLLECTIONS.series)
      .where({ _id: _.in(seriesIds), status: 'published' })
      .limit(seriesIds.length),
  );
  const positions: SeriesPosition[] = [];
  for (const series of found) {
    const index = series.courseIds.indexOf(course._id);
    if (index < 0) continue;
    positions.push({
      seriesId: series._id,
      title: series.title,
      index,
      count: series.courseIds.length,
      stepUnlock: series.stepUnlock,
      previousCourseId: index > 0 ? (series.courseIds[index - 1] as string) : null,
      nextCourseId: series.courseIds[index + 1] ?? null,
    });
  }
  const gates = positions.filter((position) => position.stepUnlock && position.previousCourseId !== null);
  if (gates.length === 0) return { locked: false, reason: null, positions };
  const done = await completedSet(
    db,
    memberId,
    gates.map((gate) => gate.previousCourseId as string),
  );
  const blocking = gates.find((gate) => !done.has(gate.previousCourseId as string));
  if (!blocking) return { locked: false, reason: null, positions };
  return { locked: true, reason: `请先完成系列「${blocking.title}」中的上一课`, positions };
}

/** Refuses to start a locked course. */
export async function assertUnlocked(db: Database, memberId: string, course: CourseDoc): Promise<void> {
  const state = await lockState(db, memberId, course);
  if (state.locked) throw new AppError('COURSE_LOCKED', state.reason ?? undefined);
}
