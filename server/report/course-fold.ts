/**
 * Folds a course's changed learning records into its rows instead of reading the course's history again.
 *
 * A learning record carries what the rollup has counted for it (`folded`, typings/docs/report.ts
 * FoldedFigures): nothing for a new record, the figures the rollup last counted, or, when absent, the record
 * as it stands (it last changed before the course was read whole, its total row's `base`, less the margin).
 * Writers keep that true (server/learning/record.ts `foldedBefore`). A fold reads the records changed since
 * the watermark, adds each record's figures less what was counted, by department and ISO week, and:
 *
 * 1. commits the batch's fold on the rollup's fold ledger (./fold-ledger.ts) with one update: each course's rows'
 *    changes (its total row '*' among them), its counters, the records' new `folded` figures, and the
 *    departments' changes added to the run's department changes (applied to the department totals once per run).
 *    An update is atomic on its document:
 *    https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 * 2. applies it: each row gets its change once (an update conditional on the row's `lastFold`, or the row
 *    created under its deterministic id), each course its counters and each record its new `folded` (sets,
 *    repeatable);
 * 3. clears it.
 *
 * A run that stops anywhere between leaves the fold open on the ledger; the next run applies it first (every
 * step repeatable), so nothing is counted twice or lost. A record the rollup cannot account for
 * (no `folded`, changed since the base: written by code older than this) sends its course to be read whole
 * (server/report/course-rollup.ts `readCourse`), which sets `base` again.
 */
import { randomUUID } from 'node:crypto';
import chunk from 'lodash/chunk';
import type { CourseDoc, FoldedFigures, LearningRecordDoc } from '../../typings/domain';
import type { BatchFold, CourseFold, FoldRow, LearningSums, ReportCourseDeptDoc } from '../../typings/docs/report';
import type { FoldLedger } from './fold-ledger';
import { COLLECTIONS, type Database } from '../core';
import { byIds, docsOf, forEachDoc, isDuplicate } from '../core/db';
import { inParallel } from '../core/parallel';
import { beijingDate, isoWeek } from '../core/time';
import { recordFigures } from '../core/folded';
import type { DepartmentLookup } from './scan';
import { zeroSums, zeroWeek } from './sums';

/** Writes committed up to this long after their timestamp are still found (chosen: far above any request's duration). */
export const WATERMARK_MARGIN_MS = 5 * 60_000;
/** Courses folded together: their changed records, total rows and course documents are read with one query each. */
export const FOLD_BATCH = 50;
/** Ids one query asks for (CloudBase's largest page). */
const MAX_IDS = 1000;
/** Writes of a fold at once. */
const PARALLEL_WRITES = 16;

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

/** Adds `from`'s change into `into` (same department). */
export function addFoldRow(into: FoldRow, from: FoldRow): void {
  for (const [field, value] of Object.entries(from.sums)) into.sums[field as keyof LearningSums] += value;
  for (const [week, sums] of Object.entries(from.weeks)) {
    const target = (into.weeks[week] ??= { learners: 0, completions: 0 });
    target.learners += sums.learners;
    target.completions += sums.completions;
  }
}

/** Update data adding a row's change (every learning field, and the full week shape, so rows keep their shape). */
export function increments(db: Database, row: FoldRow): Record<string, unknown> {
  const _ = db.command;
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row.sums)) data[field] = _.inc(value);
  const weeks: Record<string, unknown> = {};
  for (const [week, sums] of Object.entries(row.weeks))
    weeks[week] = { learners: _.inc(sums.learners), completions: _.inc(sums.completions), shares: _.inc(0), conversions: _.inc(0) };
  if (Object.keys(weeks).length > 0) data.weeks = weeks;
  return data;
}

/** Creates a course row with a fold's change under its id; false when it is there already. */
async function createRow(db: Database, course: CourseFold, row: FoldRow, foldId: string, now: Date): Promise<boolean> {
  const weeks = Object.fromEntries(Object.entries(row.weeks).map(([week, sums]) => [week, { ...zeroWeek(), ...sums }]));
  const doc: Omit<ReportCourseDeptDoc, '_id'> = {
    ...zeroSums(),
    ...row.sums,
    courseId: course.courseId,
    courseTitle: course.title,
    departmentId: row.departmentId,
    weeks,
    lastFold: foldId,
    updatedAt: now,
  };
  try {
    await db.collection(COLLECTIONS.reportCourseDepts).add({ data: { _id: courseDeptId(course.courseId, row.departmentId), ...doc } });
    return true;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return false;
  }
}

/** Applies a committed fold: each course row's change once, each course's counters, each record's `folded`. Repeatable. */
export async function applyBatch(db: Database, fold: BatchFold, now: Date): Promise<void> {
  const _ = db.command;
  const applyRow = async (course: CourseFold, row: FoldRow) => {
    const id = courseDeptId(course.courseId, row.departmentId);
    // A row not there at the commit is created under its id; when it is there (this fold created it, before a
    // stop), the update below finds it applied.
    if (row.fresh && (await createRow(db, course, row, fold.id, now))) return;
    const applied = (await db
      .collection(COLLECTIONS.reportCourseDepts)
      // `neq` (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.neq.html)
      // is MongoDB's `$ne`, which also matches a row without the field (one read whole last):
      // https://www.mongodb.com/docs/manual/reference/operator/query/ne/
      // The `_id` at the top level keeps the update on the id index (an `and` of it would scan the collection).
      .where({ _id: id, lastFold: _.neq(fold.id) })
      .update({ data: { ...increments(db, row), lastFold: fold.id, updatedAt: now } })) as unknown as { stats: { updated: number } };
    if (applied.stats.updated > 0) return;
    // No row yet (a row thought there, removed since by a course read whole), or this fold applied already.
    if (!row.fresh) await createRow(db, course, row, fold.id, now);
  };
  // Every write of the fold is independent of the others: all of them at once, PARALLEL_WRITES in flight.
  const writes: (() => unknown)[] = [
    ...fold.courses.flatMap((course) => course.rows.map((row) => () => applyRow(course, row))),
    // The counters shown on the course and to its author follow the records (a set, never an increment).
    ...fold.courses.flatMap(({ courseId, stats }) =>
      stats
        ? [
            () =>
              db
                .collection(COLLECTIONS.courses)
                .doc(courseId)
                .update({ data: { stats: { learners: stats.learners, completions: stats.completions } } }),
          ]
        : [],
    ),
    ...fold.records.map(
      ({ id, folded }) =>
        () =>
          db
            .collection(COLLECTIONS.learningRecords)
            .doc(id)
            .update({ data: { folded: _.set(folded) } }),
    ),
  ];
  await inParallel(writes, PARALLEL_WRITES, async (write) => {
    await write();
  });
}

/**
 * The records of `courseIds` changed at or after `since`, in the order of `updatedAt` (then `_id` for a time
 * shared by a whole page): the order tells the database to walk the `updatedAt` index, which holds only the
 * changes since the watermark, rather than a course index holding every record of the batch's courses (the
 * same conditions ordered by `_id` leave both to a plan race). A page ends where its last time begins again.
 */
async function changedRecords(db: Database, courseIds: readonly string[], since: Date, visit: (record: RolledRecord) => void): Promise<void> {
  const _ = db.command;
  const courses = _.in([...courseIds]);
  const seen = new Set<string>();
  const take = (record: RolledRecord) => {
    if (seen.has(record._id)) return;
    seen.add(record._id);
    visit(record);
  };
  let from = since;
  for (;;) {
    const page = await docsOf<RolledRecord>(
      db
        .collection(COLLECTIONS.learningRecords)
        .where({ courseId: courses, updatedAt: _.gte(from) })
        .orderBy('updatedAt', 'asc')
        .limit(MAX_IDS)
        .field(ROLLED_RECORD_FIELDS),
    );
    for (const record of page) take(record);
    if (page.length < MAX_IDS) return;
    const last = new Date((page[page.length - 1] as RolledRecord).updatedAt);
    if (last.getTime() > from.getTime()) {
      from = last;
      continue;
    }
    // A whole page at one time: that time's records by `_id`, then what follows it.
    await forEachDoc<RolledRecord>(db, COLLECTIONS.learningRecords, { courseId: courses, updatedAt: last }, take, ROLLED_RECORD_FIELDS);
    from = new Date(last.getTime() + 1);
  }
}

export interface FoldResult {
  /** Courses folded. */
  folded: number;
  /** Courses to read whole: not read whole yet, or with a record the rollup cannot account for. */
  rebuild: string[];
  /** The changed records, for their activity documents. */
  records: RolledRecord[];
}

/**
 * Records one fold holds (chosen: its ledger document stays far below CloudBase's document size, about 200
 * bytes a record); a batch with more changed records is committed in several folds.
 */
const FOLD_RECORDS = 2_000;

/** Folds the records of `courseIds` changed at or after `since`, through the run's ledger (./fold-ledger.ts). */
export async function foldCourses(
  db: Database,
  courseIds: readonly string[],
  since: Date,
  departments: DepartmentLookup,
  ledger: FoldLedger,
): Promise<FoldResult> {
  const _ = db.command;
  const records: RolledRecord[] = [];
  const [stars, courses] = await Promise.all([
    // Not their weeks, nor the courses' content: a fold reads what it compares.
    byIds<Pick<ReportCourseDeptDoc, '_id' | 'courseTitle' | 'base' | 'fold' | 'learners' | 'completions'>>(
      db,
      COLLECTIONS.reportCourseDepts,
      courseIds.map((id) => courseDeptId(id, ALL_DEPARTMENTS)),
      { courseTitle: true, base: true, fold: true, learners: true, completions: true },
    ),
    byIds<Pick<CourseDoc, '_id' | 'title' | 'stats'>>(db, COLLECTIONS.courses, courseIds, { title: true, stats: true }),
    changedRecords(db, courseIds, since, (record) => records.push(record)),
  ]);
  await departments.load(records.map((record) => record.memberId));
  const byCourse = new Map<string, RolledRecord[]>(courseIds.map((id) => [id, []]));
  for (const record of records) byCourse.get(record.courseId)?.push(record);
  const result: FoldResult = { folded: 0, rebuild: [], records };
  const folds: { course: CourseFold; records: BatchFold['records'] }[] = [];
  for (const courseId of courseIds) {
    const course = courses.get(courseId);
    const star = stars.get(courseDeptId(courseId, ALL_DEPARTMENTS));
    // Not read whole since folds began, gone, retitled (every row carries the title), or with a fold left open
    // by older code: read it whole.
    if (!course || !star?.base || star.courseTitle !== course.title || star.fold) {
      result.rebuild.push(courseId);
      continue;
    }
    const tally = new FoldTally();
    const base = new Date(star.base);
    const changed: BatchFold['records'] = [];
    let unaccounted = false;
    for (const record of byCourse.get(courseId) ?? []) {
      const departmentId = departments.of(record.memberId);
      const counted = countedFigures(record, departmentId, base);
      if (!counted) {
        unaccounted = true;
        break;
      }
      const current = currentFigures(record, departmentId);
      if (sameFolded(counted, current)) continue;
      tally.add(record, current, 1);
      tally.add(record, counted, -1);
      changed.push({ id: record._id, folded: current });
    }
    if (unaccounted) {
      result.rebuild.push(courseId);
      continue;
    }
    const { rows, total } = tally.changes();
    const stats = { learners: star.learners + total.sums.learners, completions: star.completions + total.sums.completions };
    const statsChange = course.stats?.learners !== stats.learners || course.stats?.completions !== stats.completions;
    if (changed.length === 0 && !statsChange) continue;
    const moved = Object.values(total.sums).some((value) => value !== 0) || Object.keys(total.weeks).length > 0;
    folds.push({ course: { courseId, title: star.courseTitle, rows: moved ? [...rows, total] : rows, ...(statsChange ? { stats } : {}) }, records: changed });
    if (changed.length > 0) result.folded += 1;
  }
  // Which department rows are there already (the total rows are): the others are created, not updated first.
  const rowIds = folds.flatMap(({ course }) =>
    course.rows.filter((row) => row.departmentId !== ALL_DEPARTMENTS).map((row) => courseDeptId(course.courseId, row.departmentId)),
  );
  const existing = new Set<string>();
  for (const ids of chunk(rowIds, MAX_IDS))
    for (const id of (await byIds<{ _id: string }>(db, COLLECTIONS.reportCourseDepts, ids, { _id: true })).keys()) existing.add(id);
  for (const { course } of folds)
    for (const row of course.rows) if (row.departmentId !== ALL_DEPARTMENTS && !existing.has(courseDeptId(course.courseId, row.departmentId))) row.fresh = true;
  // Committed in folds of at most FOLD_RECORDS records (a course's records stay in one fold).
  let batch: typeof folds = [];
  let held = 0;
  const commit = async () => {
    if (batch.length === 0) return;
    await ledger.fold({ id: randomUUID(), courses: batch.map((entry) => entry.course), records: batch.flatMap((entry) => entry.records) });
    batch = [];
    held = 0;
  };
  for (const entry of folds) {
    if (held > 0 && held + entry.records.length > FOLD_RECORDS) await commit();
    batch.push(entry);
    held += entry.records.length;
  }
  await commit();
  return result;
}
