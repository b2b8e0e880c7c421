/**
 * Folds a course's changed learning records into its rows instead of reading the course's history again.
 *
 * A learning record carries what the rollup has counted for it (`folded`, typings/docs/report.ts
 * FoldedFigures): nothing for a new record, the figures the rollup last counted, or, when absent, the record
 * as it stands (it last changed before the course was read whole, its total row's `base`, less the margin).
 * Writers keep that true (server/learning/record.ts `foldedBefore`). A fold reads the records changed since
 * the watermark, adds each record's figures less what was counted, by department and ISO week, and:
 *
 * 1. commits on the course's total row ('*'), with one update conditional on no other fold being open: the
 *    total's own change (increments) and the fold itself (the department rows' changes and the records' new
 *    `folded` figures). An update is atomic on its document:
 *    https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 * 2. applies it: each department row gets its change once (an update conditional on the row's `lastFold`, or
 *    the row created under its deterministic id), each record its new `folded` (a set, repeatable);
 * 3. clears it (one update for the batch of courses).
 *
 * A run that stops anywhere between leaves the fold open on the total row; the next fold of the course applies
 * it first (every step repeatable), so nothing is counted twice or lost. A record the rollup cannot account for
 * (no `folded`, changed since the base: written by code older than this) sends its course to be read whole
 * (server/report/course-rollup.ts `recomputeCourse`), which sets `base` again.
 */
import { randomUUID } from 'node:crypto';
import type { CourseDoc, FoldedFigures, LearningRecordDoc } from '../../typings/domain';
import type { CourseFold, FoldRow, LearningSums, ReportCourseDeptDoc } from '../../typings/docs/report';
import { COLLECTIONS, type Database } from '../core';
import { byIds, forEachDoc, isDuplicate } from '../core/db';
import { inParallel } from '../core/parallel';
import { beijingDate, isoWeek } from '../core/time';
import { recordFigures } from '../core/folded';
import type { DepartmentLookup } from './scan';
import { zeroSums, zeroWeek } from './sums';

/** Writes committed up to this long after their timestamp are still found (chosen: far above any request's duration). */
export const WATERMARK_MARGIN_MS = 5 * 60_000;
/** Courses folded together: their changed records, total rows and course documents are read with one query each. */
export const FOLD_BATCH = 50;
/** Courses of a batch written at once, and writes of one course at once. */
const PARALLEL_COURSES = 8;
const PARALLEL_WRITES = 8;

export const ALL_DEPARTMENTS = '*';

export function courseDeptId(courseId: string, departmentId: string): string {
  return `${courseId}|${departmentId}`;
}

export const weekOf = (value: Date | string) => isoWeek(beijingDate(new Date(value)));

/** The fields of a learning record the rollup reads. */
export type RolledRecord = Pick<
  LearningRecordDoc,
  | '_id'
  | 'memberId'
  | 'courseId'
  | 'completed'
  | 'completedAt'
  | 'studyMs'
  | 'quizAttempts'
  | 'quizPassed'
  | 'startedAt'
  | 'sessionCount'
  | 'activity'
  | 'folded'
  | 'updatedAt'
>;

export const ROLLED_RECORD_FIELDS = {
  memberId: true,
  courseId: true,
  completed: true,
  completedAt: true,
  studyMs: true,
  quizAttempts: true,
  quizPassed: true,
  startedAt: true,
  sessionCount: true,
  activity: true,
  folded: true,
  updatedAt: true,
} as const;

/** The record's figures now, counted in `departmentId`. */
export function currentFigures(record: RolledRecord, departmentId: string): FoldedFigures {
  return { ...recordFigures(record), departmentId };
}

export function sameFolded(a: FoldedFigures, b: FoldedFigures): boolean {
  return (
    a.learners === b.learners &&
    a.studyMs === b.studyMs &&
    a.views === b.views &&
    a.completed === b.completed &&
    a.quizTaker === b.quizTaker &&
    a.quizPasser === b.quizPasser &&
    a.departmentId === b.departmentId
  );
}

/**
 * What the rollup has counted for the record (in the member's current department unless it says otherwise),
 * or undefined when that cannot be known: no `folded`, and changed since the course's base less the margin.
 */
export function countedFigures(record: RolledRecord, departmentId: string, base: Date): FoldedFigures | undefined {
  if (record.folded) return { ...record.folded, departmentId: record.folded.departmentId ?? departmentId };
  if (new Date(record.updatedAt).getTime() < base.getTime() - WATERMARK_MARGIN_MS) return currentFigures(record, departmentId);
  return undefined;
}

/** Whether the record must carry `folded` after its course was read whole at `base` with these figures counted. */
export function needsFolded(record: RolledRecord, counted: FoldedFigures, base: Date): boolean {
  if (record.folded) return !sameFolded(record.folded, counted);
  // Changed near the read: whether the read saw the change is not known later, so it is written down now.
  return new Date(record.updatedAt).getTime() >= base.getTime() - WATERMARK_MARGIN_MS;
}

const zeroLearning = (): LearningSums => ({ learners: 0, completions: 0, studyMs: 0, views: 0, quizTakers: 0, quizPassers: 0 });

/** Department rows' changes, built record by record. */
class FoldTally {
  readonly rows = new Map<string, FoldRow>();

  add(record: RolledRecord, figures: FoldedFigures, sign: 1 | -1): void {
    if (figures.learners === 0) return;
    const departmentId = figures.departmentId as string;
    let row = this.rows.get(departmentId);
    if (!row) this.rows.set(departmentId, (row = { departmentId, sums: zeroLearning(), weeks: {} }));
    row.sums.learners += sign * figures.learners;
    row.sums.studyMs += sign * figures.studyMs;
    row.sums.views += sign * figures.views;
    if (figures.completed) row.sums.completions += sign;
    if (figures.quizTaker) row.sums.quizTakers += sign;
    if (figures.quizPasser) row.sums.quizPassers += sign;
    const week = (at: Date) => (row.weeks[weekOf(at)] ??= { learners: 0, completions: 0 });
    week(record.startedAt).learners += sign;
    if (figures.completed && record.completedAt) week(record.completedAt).completions += sign;
  }

  /** The rows that change, without zero weeks; and their total. */
  changes(): { rows: FoldRow[]; total: FoldRow } {
    const total: FoldRow = { departmentId: ALL_DEPARTMENTS, sums: zeroLearning(), weeks: {} };
    const rows: FoldRow[] = [];
    for (const row of this.rows.values()) {
      for (const [week, sums] of Object.entries(row.weeks)) if (sums.learners === 0 && sums.completions === 0) delete row.weeks[week];
      if (Object.values(row.sums).every((value) => value === 0) && Object.keys(row.weeks).length === 0) continue;
      rows.push(row);
      for (const [field, value] of Object.entries(row.sums)) total.sums[field as keyof LearningSums] += value;
      for (const [week, sums] of Object.entries(row.weeks)) {
        const into = (total.weeks[week] ??= { learners: 0, completions: 0 });
        into.learners += sums.learners;
        into.completions += sums.completions;
      }
    }
    return { rows, total };
  }
}

/** Update data adding a row's change (every learning field, and the full week shape, so rows keep their shape). */
function increments(db: Database, row: FoldRow): Record<string, unknown> {
  const _ = db.command;
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row.sums)) data[field] = _.inc(value);
  const weeks: Record<string, unknown> = {};
  for (const [week, sums] of Object.entries(row.weeks))
    weeks[week] = { learners: _.inc(sums.learners), completions: _.inc(sums.completions), shares: _.inc(0), conversions: _.inc(0) };
  if (Object.keys(weeks).length > 0) data.weeks = weeks;
  return data;
}

/** Applies a committed fold: each department row's change once, each record's `folded`. Repeatable. */
async function applyFold(db: Database, courseId: string, title: string, fold: CourseFold, now: Date): Promise<void> {
  const _ = db.command;
  await inParallel(fold.rows, PARALLEL_WRITES, async (row) => {
    const id = courseDeptId(courseId, row.departmentId);
    const applied = (await db
      .collection(COLLECTIONS.reportCourseDepts)
      // `neq` (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.neq.html)
      // is MongoDB's `$ne`, which also matches a row without the field (one read whole last):
      // https://www.mongodb.com/docs/manual/reference/operator/query/ne/
      // The `_id` at the top level keeps the update on the id index (an `and` of it would scan the collection).
      .where({ _id: id, lastFold: _.neq(fold.id) })
      .update({ data: { ...increments(db, row), lastFold: fold.id, updatedAt: now } })) as unknown as { stats: { updated: number } };
    if (applied.stats.updated > 0) return;
    // No row yet, or this fold applied already: the row is created under its id once.
    const weeks = Object.fromEntries(Object.entries(row.weeks).map(([week, sums]) => [week, { ...zeroWeek(), ...sums }]));
    const doc: Omit<ReportCourseDeptDoc, '_id'> = {
      ...zeroSums(),
      ...row.sums,
      courseId,
      courseTitle: title,
      departmentId: row.departmentId,
      weeks,
      lastFold: fold.id,
      updatedAt: now,
    };
    try {
      await db.collection(COLLECTIONS.reportCourseDepts).add({ data: { _id: id, ...doc } });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  });
  await inParallel(fold.records, PARALLEL_WRITES, async ({ id, folded }) => {
    await db
      .collection(COLLECTIONS.learningRecords)
      .doc(id)
      .update({ data: { folded: _.set(folded) } });
  });
}

export interface FoldResult {
  /** Departments whose rows changed (their totals follow), and courses folded. */
  departments: Set<string>;
  folded: number;
  /** Courses to read whole: not read whole yet, or with a record the rollup cannot account for. */
  rebuild: string[];
  /** The changed records, for their activity documents. */
  records: RolledRecord[];
}

/** Folds the records of `courseIds` changed at or after `since`. */
export async function foldCourses(db: Database, courseIds: readonly string[], since: Date, departments: DepartmentLookup, now: Date): Promise<FoldResult> {
  const _ = db.command;
  const records: RolledRecord[] = [];
  const [stars, courses] = await Promise.all([
    byIds<ReportCourseDeptDoc>(
      db,
      COLLECTIONS.reportCourseDepts,
      courseIds.map((id) => courseDeptId(id, ALL_DEPARTMENTS)),
    ),
    byIds<Pick<CourseDoc, '_id' | 'title' | 'stats'>>(db, COLLECTIONS.courses, courseIds),
    forEachDoc<RolledRecord>(
      db,
      COLLECTIONS.learningRecords,
      { courseId: _.in([...courseIds]), updatedAt: _.gte(since) },
      (record) => records.push(record),
      ROLLED_RECORD_FIELDS,
    ),
  ]);
  await departments.load(records.map((record) => record.memberId));
  const byCourse = new Map<string, RolledRecord[]>(courseIds.map((id) => [id, []]));
  for (const record of records) byCourse.get(record.courseId)?.push(record);
  const result: FoldResult = { departments: new Set(), folded: 0, rebuild: [], records };
  const committed: { star: string; fold: string }[] = [];
  await inParallel(courseIds, PARALLEL_COURSES, async (courseId) => {
    const course = courses.get(courseId);
    const starId = courseDeptId(courseId, ALL_DEPARTMENTS);
    const star = stars.get(starId);
    // Not read whole since folds began, gone, or retitled (every row carries the title): read it whole.
    if (!course || !star?.base || star.courseTitle !== course.title) return void result.rebuild.push(courseId);
    const mine = byCourse.get(courseId) ?? [];
    if (star.fold) {
      // A run stopped before this fold was applied everywhere: finish it first.
      await applyFold(db, courseId, star.courseTitle, star.fold, now);
      for (const row of star.fold.rows) if (row.departmentId !== ALL_DEPARTMENTS) result.departments.add(row.departmentId);
      const written = new Map(star.fold.records.map((entry) => [entry.id, entry.folded]));
      for (const record of mine) record.folded = written.get(record._id) ?? record.folded;
      await db
        .collection(COLLECTIONS.reportCourseDepts)
        .where({ _id: starId, 'fold.id': star.fold.id })
        .update({ data: { fold: null } });
    }
    const tally = new FoldTally();
    const base = new Date(star.base);
    const changed: CourseFold['records'] = [];
    for (const record of mine) {
      const departmentId = departments.of(record.memberId);
      const counted = countedFigures(record, departmentId, base);
      if (!counted) return void result.rebuild.push(courseId);
      const current = currentFigures(record, departmentId);
      if (sameFolded(counted, current)) continue;
      tally.add(record, current, 1);
      tally.add(record, counted, -1);
      changed.push({ id: record._id, folded: current });
    }
    const { rows, total } = tally.changes();
    let learners = star.learners;
    let completions = star.completions;
    if (changed.length > 0) {
      const fold: CourseFold = { id: randomUUID(), rows, records: changed };
      const commit = (await db
        .collection(COLLECTIONS.reportCourseDepts)
        // `null` matches a missing field too (no fold committed since the course was read whole):
        // https://www.mongodb.com/docs/manual/tutorial/query-for-null-fields/
        .where({ _id: starId, fold: null })
        .update({ data: { ...increments(db, total), fold: _.set(fold), updatedAt: now } })) as unknown as { stats: { updated: number } };
      // Another fold of the course is open (never expected while the lease holds): read the course whole instead.
      if (commit.stats.updated === 0) return void result.rebuild.push(courseId);
      committed.push({ star: starId, fold: fold.id });
      await applyFold(db, courseId, star.courseTitle, fold, now);
      for (const row of rows) result.departments.add(row.departmentId);
      learners += total.sums.learners;
      completions += total.sums.completions;
      result.folded += 1;
    }
    // The counters shown on the course and to its author follow the records (a set, never an increment).
    if (course.stats?.learners !== learners || course.stats?.completions !== completions)
      await db
        .collection(COLLECTIONS.courses)
        .doc(courseId)
        .update({ data: { stats: { learners, completions } } });
  });
  if (committed.length > 0)
    await db
      .collection(COLLECTIONS.reportCourseDepts)
      .where({ _id: _.in(committed.map((entry) => entry.star)), 'fold.id': _.in(committed.map((entry) => entry.fold)) })
      .update({ data: { fold: null } });
  return result;
}
