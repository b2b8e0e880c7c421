/**
 * Recomputes one course's rollup documents from its records: learning records (learners, completions,
 * valid study time, quiz takers and passers, weekly starts and completions, sessions started = views),
 * ratings, required-assignment targets (audience), and its shares, counters and conversions. Each run
 * writes the whole set for the course (`set`, never increments), so a repeated or overlapping run writes
 * the same figures, and rows of departments that no longer have any figure are removed.
 *
 * The same pass derives what progress reports no longer write beside the record (server/learning/report.ts):
 * the course's `stats.learners` and `stats.completions` (set to the count of its records, when they differ)
 * and the `learningActivity` documents of the records' time slots changed since the rollup's last look
 * (./activity-docs.ts), answering their heatmap buckets.
 *
 * It is the course's whole read (its total row's `base`): afterwards its learning records are folded in by
 * their changes (./course-fold.ts); records whose `folded` figures differ from what was counted now carry
 * them again, and the base is written last.
 */
import type { AssignmentDoc, AssignmentTargetDoc, CourseDoc, CourseRatingDoc } from '../../typings/domain';
import type { ReportCourseDeptDoc, ReportSums, WeekSums } from '../../typings/docs/report';
import type { ShareAttributionDoc, ShareCounterDoc, ShareDoc } from '../../typings/docs/share';
import { COLLECTIONS, type Database, findById } from '../core';
import { docsOf } from '../core/db';
import { forEachDoc } from '../core/db';
import { inParallel } from '../core/parallel';
import { activityDocs } from './activity-docs';
import type { DepartmentLookup } from './scan';
import { addSums, addWeeks, zeroSums, zeroWeek } from './sums';
import { ALL_DEPARTMENTS, courseDeptId, currentFigures, needsFolded, ROLLED_RECORD_FIELDS, type RolledRecord, weekOf } from './course-fold';

class CourseTally {
  readonly sums = new Map<string, ReportSums>();
  readonly weeks = new Map<string, Record<string, WeekSums>>();

  sum(departmentId: string): ReportSums {
    let sums = this.sums.get(departmentId);
    if (!sums) this.sums.set(departmentId, (sums = zeroSums()));
    return sums;
  }

  week(departmentId: string, week: string): WeekSums {
    let weeks = this.weeks.get(departmentId);
    if (!weeks) this.weeks.set(departmentId, (weeks = {}));
    return (weeks[week] ??= zeroWeek());
  }
}

/** Activity documents written at once. */
const PARALLEL_WRITES = 8;

/**
 * Writes the `learningActivity` documents of the records' slots changed at or after `since` (all when null)
 * and answers their `<departmentId>|<week>` buckets.
 */
export async function deriveActivity(db: Database, records: readonly RolledRecord[], departments: DepartmentLookup, since: Date | null): Promise<string[]> {
  const docs = records.flatMap((record) => activityDocs(record, departments.of(record.memberId), since));
  await inParallel(docs, PARALLEL_WRITES, async ({ _id, ...data }) => db.collection(COLLECTIONS.learningActivity).doc(_id).set({ data }));
  return [...new Set(docs.map((doc) => `${doc.departmentId}|${doc.week}`))];
}

async function tallyLearning(
  db: Database,
  courseId: string,
  departments: DepartmentLookup,
  tally: CourseTally,
  activitySince: Date | null,
  base: Date,
): Promise<{ learners: number; completions: number; activity: string[] }> {
  const records: RolledRecord[] = [];
  await forEachDoc<RolledRecord>(db, COLLECTIONS.learningRecords, { courseId }, (record) => records.push(record), ROLLED_RECORD_FIELDS);
  await departments.load(records.map((record) => record.memberId));
  // Records whose `folded` no longer says what is counted now (server/report/course-fold.ts) carry it again.
  const fixes = records.flatMap((record) => {
    const counted = currentFigures(record, departments.of(record.memberId));
    return needsFolded(record, counted, base) ? [{ id: record._id, folded: counted }] : [];
  });
  await inParallel(fixes, PARALLEL_WRITES, async ({ id, folded }) => {
    await db
      .collection(COLLECTIONS.learningRecords)
      .doc(id)
      .update({ data: { folded: db.command.set(folded) } });
  });
  let completions = 0;
  for (const record of records) {
    const department = departments.of(record.memberId);
    const sums = tally.sum(department);
    sums.learners += 1;
    sums.studyMs += record.studyMs;
    sums.views += record.sessionCount ?? 0;
    if (record.completed) sums.completions += 1;
    if (record.completed) completions += 1;
    if (record.quizAttempts > 0) sums.quizTakers += 1;
    if (record.quizPassed) sums.quizPassers += 1;
    tally.week(department, weekOf(record.startedAt)).learners += 1;
    if (record.completed && record.completedAt) tally.week(department, weekOf(record.completedAt)).completions += 1;
  }
  const activity = await deriveActivity(db, records, departments, activitySince);
  const ratings: Pick<CourseRatingDoc, '_id' | 'memberId' | 'rating'>[] = [];
  await forEachDoc<(typeof ratings)[number]>(db, COLLECTIONS.courseRatings, { courseId }, (rating) => ratings.push(rating), { memberId: true, rating: true });
  await departments.load(ratings.map((rating) => rating.memberId));
  for (const rating of ratings) {
    const sums = tally.sum(departments.of(rating.memberId));
    sums.ratingCount += 1;
    sums.ratingSum += rating.rating;
  }
  return { learners: records.length, completions, activity };
}

/** Members pushed the course by an active required assignment, once each, in their department when targeted. */
async function tallyAudience(db: Database, courseId: string, tally: CourseTally): Promise<void> {
  const assignments = await docsOf<Pick<AssignmentDoc, '_id'>>(
    db.collection(COLLECTIONS.assignments).where({ status: 'active', courseIds: courseId }).field({ _id: true }).limit(1000),
  );
  if (assignments.length === 0) return;
  const seen = new Set<string>();
  await forEachDoc<Pick<AssignmentTargetDoc, '_id' | 'memberId' | 'departmentId'>>(
    db,
    COLLECTIONS.assignmentTargets,
    { assignmentId: db.command.in(assignments.map((assignment) => assignment._id)) },
    (target) => {
      if (seen.has(target.memberId)) return;
      seen.add(target.memberId);
      tally.sum(target.departmentId).audience += 1;
    },
    { memberId: true, departmentId: true },
  );
}

/** Shares of the course by the sharer's department: sharers, shares (and by week), opens, conversions (and by week). */
async function tallySharing(db: Database, courseId: string, tally: CourseTally): Promise<void> {
  const target = { targetKind: 'course', targetId: courseId };
  const departmentOf = new Map<string, string>();
  const sharers = new Set<string>();
  await forEachDoc<Pick<ShareDoc, '_id' | 'sharerId' | 'sharerDepartmentId' | 'createdAt'>>(
    db,
    COLLECTIONS.shares,
    target,
    (share) => {
      departmentOf.set(share._id, share.sharerDepartmentId);
      const sums = tally.sum(share.sharerDepartmentId);
      sums.shares += 1;
      if (!sharers.has(share.sharerId)) {
        sharers.add(share.sharerId);
        sums.sharers += 1;
      }
      tally.week(share.sharerDepartmentId, weekOf(share.createdAt)).shares += 1;
    },
    { sharerId: true, sharerDepartmentId: true, createdAt: true },
  );
  if (departmentOf.size === 0) return;
  await forEachDoc<Pick<ShareCounterDoc, '_id' | 'token' | 'opens' | 'conversions'>>(
    db,
    COLLECTIONS.shareCounters,
    target,
    (counter) => {
      const department = departmentOf.get(counter.token);
      if (department === undefined) return;
      const sums = tally.sum(department);
      sums.opens += counter.opens;
      sums.conversions += counter.conversions;
    },
    { token: true, opens: true, conversions: true },
  );
  await forEachDoc<Pick<ShareAttributionDoc, '_id' | 'token' | 'convertedAt'>>(
    db,
    COLLECTIONS.shareAttributions,
    { ...target, convertedAt: db.command.neq(null) },
    (attribution) => {
      const department = departmentOf.get(attribution.token);
      if (department !== undefined && attribution.convertedAt) tally.week(department, weekOf(attribution.convertedAt)).conversions += 1;
    },
    { token: true, convertedAt: true },
  );
}

export interface CourseRead {
  /** Departments whose rows `write` changes (writes or removes), for their totals. */
  departments: string[];
  /** Heatmap buckets (`<departmentId>|<week>`) whose activity documents were written. */
  activity: string[];
  /** Writes the course's rows (repeatable); the course is read whole once it has returned. */
  write(): Promise<void>;
}

/**
 * Reads the course whole and answers the rows to write; `activitySince`: the records' slots changed from then
 * on are derived into `learningActivity` (every slot when null, a first run). Its rows are written apart
 * (`write`), so the caller can save the departments they change first: a run that stops between the rows'
 * writes leaves rows that a read whole again finds unchanged, and only the saved list then tells which
 * department totals follow them (server/report/rollup.ts).
 */
export async function readCourse(
  db: Database,
  courseId: string,
  departments: DepartmentLookup,
  now: Date,
  activitySince: Date | null = null,
): Promise<CourseRead> {
  const course = await findById<Pick<CourseDoc, '_id' | 'title' | 'stats'>>(db, COLLECTIONS.courses, courseId);
  const tally = new CourseTally();
  let activity: string[] = [];
  // Records changed from here on (less the margin) are folded in later, not counted as they stand.
  const base = now;
  if (course) {
    const learning = await tallyLearning(db, courseId, departments, tally, activitySince, base);
    activity = learning.activity;
    // The counters shown on the course and to its author follow the records (a set, never an increment).
    if (course.stats?.learners !== learning.learners || course.stats?.completions !== learning.completions)
      await db
        .collection(COLLECTIONS.courses)
        .doc(courseId)
        .update({ data: { stats: { learners: learning.learners, completions: learning.completions } } });
    await tallyAudience(db, courseId, tally);
    await tallySharing(db, courseId, tally);
  }
  // Rows whose figures did not change are not written, and their departments' totals not recomputed: new
  // records of a course usually touch a few of its departments.
  const existing = await docsOf<ReportCourseDeptDoc>(db.collection(COLLECTIONS.reportCourseDepts).where({ courseId }).limit(1000));
  const before = new Map(existing.map((doc) => [doc.departmentId, doc]));
  const title = course?.title ?? '';
  const writes: { departmentId: string; sums: ReportSums; weeks: Record<string, WeekSums> }[] = [];
  const put = (departmentId: string, sums: ReportSums, weeks: Record<string, WeekSums>) => {
    const row = before.get(departmentId);
    if (!row || !sameFigures(row, title, sums, weeks)) writes.push({ departmentId, sums, weeks });
  };
  const total = zeroSums();
  const totalWeeks: Record<string, WeekSums> = {};
  const keep = new Set<string>();
  for (const [departmentId, sums] of tally.sums) {
    const weeks = tally.weeks.get(departmentId) ?? {};
    addSums(total, sums);
    addWeeks(totalWeeks, weeks);
    put(departmentId, sums, weeks);
    keep.add(departmentId);
  }
  if (keep.size > 0) {
    put(ALL_DEPARTMENTS, total, totalWeeks);
    keep.add(ALL_DEPARTMENTS);
  }
  const removed = existing.filter((doc) => !keep.has(doc.departmentId));
  const write = async () => {
    for (const row of writes) await writeRow(db, courseId, title, row.departmentId, row.sums, row.weeks, now);
    for (const doc of removed) await db.collection(COLLECTIONS.reportCourseDepts).doc(doc._id).remove();
    // Last: the course is read whole as of `base`, and no earlier fold is left open (a run stopping before this
    // reads the course whole again).
    if (keep.has(ALL_DEPARTMENTS))
      await db
        .collection(COLLECTIONS.reportCourseDepts)
        .doc(courseDeptId(courseId, ALL_DEPARTMENTS))
        .update({ data: { base, fold: null } });
  };
  const touched = new Set([...writes.map((row) => row.departmentId), ...removed.map((doc) => doc.departmentId)]);
  touched.delete(ALL_DEPARTMENTS);
  return { departments: [...touched], activity, write };
}

/** Whether a stored row already holds these figures (key order aside). */
function sameFigures(row: ReportCourseDeptDoc, title: string, sums: ReportSums, weeks: Record<string, WeekSums>): boolean {
  if (row.courseTitle !== title) return false;
  const stored = row as unknown as Record<string, unknown>;
  if (!Object.entries(sums).every(([key, value]) => stored[key] === value)) return false;
  const storedWeeks = row.weeks ?? {};
  const names = Object.keys(weeks);
  if (names.length !== Object.keys(storedWeeks).length) return false;
  return names.every((week) => {
    const mine = weeks[week] as WeekSums;
    const theirs = storedWeeks[week] as unknown as Record<string, unknown> | undefined;
    return theirs !== undefined && Object.entries(mine).every(([key, value]) => theirs[key] === value);
  });
}

async function writeRow(
  db: Database,
  courseId: string,
  courseTitle: string,
  departmentId: string,
  sums: ReportSums,
  weeks: Record<string, WeekSums>,
  now: Date,
): Promise<void> {
  const data: Omit<ReportCourseDeptDoc, '_id'> = { ...sums, courseId, courseTitle, departmentId, weeks, updatedAt: now };
  await db.collection(COLLECTIONS.reportCourseDepts).doc(courseDeptId(courseId, departmentId)).set({ data });
}
