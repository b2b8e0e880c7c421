/**
 * The reportRollup run: brings the report rollups up to date incrementally.
 *
 * 1. Takes the lease on `reportState/rollup` (server/core/lease.ts): a run that finds another run's
 *    lease unexpired does nothing, so overlapping timer ticks never work at once.
 * 2. Unless work is left from an earlier run, looks up what changed since each source's watermark (minus
 *    WATERMARK_MARGIN_MS, because a write commits a little after the timestamp it carries): the courses whose
 *    learning records, ratings, assignments, shares, counters or conversions changed, the heatmap
 *    buckets (department × ISO week) whose activity changed, and the share board rows touched. Recomputing
 *    a course also derives the activity documents of its records' slots changed since then, and their
 *    buckets join the work (server/report/course-rollup.ts). Lookups group
 *    on the database (one aggregation per source over an indexed time range), never reading raw records.
 * 3. Folds the changed learning records of a course into its rows (./course-fold.ts: only the records changed
 *    since the watermark are read, each change counted once however a run stops), and their departments'
 *    changes into the department totals once per run (./fold-ledger.ts); reads a course whole
 *    (./course-rollup.ts) on the first run, when another of its sources changed (ratings, assignments, shares),
 *    or when a record cannot be accounted for; recomputes heatmap buckets, the totals of the departments of
 *    courses read whole, and share board rows whole (idempotent). What is left is saved every few items; a
 *    run that reaches its time budget stops and reports `more`, and the next run continues.
 * 4. When nothing is left, moves the watermarks and records `updatedAt` = the instant the changes were looked
 *    up: every figure is up to date at least to then.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ReportStateDoc, RollupPending } from '../../typings/docs/report';
import type { ShareBoardKind } from '../../typings/docs/share';
import type { RollupResult } from '../../typings/functions/report';
import { COLLECTIONS, type CollectionName, type Database } from '../core';
import { insertOnce } from '../core/once';
import { takeLease, type LeaseSite } from '../core/lease';
import { isoDate } from '../core/published';
import { recomputeBoard } from '../share';
import { deriveActivity, readCourse } from './course-rollup';
import { FOLD_BATCH, foldCourses, WATERMARK_MARGIN_MS } from './course-fold';
import { recomputeActivity, recomputeCompany, recomputeDepartment } from './dept-rollup';
import { forEachDoc } from '../core/db';
import { FoldLedger } from './fold-ledger';
import { DepartmentLookup, PAGE } from './scan';
import { ROLLUP_STATE_ID, readRollupState } from '../core/rollup-state';

/** Time a run may work before it stops and leaves the rest (the function's timeout is 60 s). */
export const RUN_BUDGET_MS = 45_000;
/** A lease outlives the function's timeout, so a crashed run's lease has expired by the next tick. */
const LEASE_MS = 60_000;
/** Progress is saved after this many steps, so a crash loses little work. */
const SAVE_EVERY = 10;
/** Courses read whole at once. */
const PARALLEL_COURSES = 4;

type Group = { _id: unknown; last: Date };

/** One aggregation per page of groups: `match` on a time range [from, to), then group by `key`. */
async function groupsSince(
  db: Database,
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  timeField: string,
  { from, to }: Window,
  key: unknown,
  extraMatch: Record<string, unknown> = {},
  unwind?: string,
): Promise<Group[]> {
  const $ = db.command.aggregate;
  const groups: Group[] = [];
  for (let skip = 0; ; skip += PAGE) {
    let pipeline = db
      .collection(collection)
      .aggregate()
      .match({ ...extraMatch, [timeField]: to ? db.command.gte(from).and(db.command.lt(to)) : db.command.gte(from) });
    if (unwind) pipeline = pipeline.unwind(unwind);
    const { list } = (await pipeline
      .group({ _id: key, last: $.max(`$${timeField}`) })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(PAGE)
      .end()) as unknown as { list: Group[] };
    groups.push(...list);
    if (list.length < PAGE) return groups;
  }
}

/**
 * The span of a source one discovery looks at. History is grouped a window at a time (a first run over a
 * year of records, or a rollup that stopped for weeks), so no aggregation groups a whole collection in one
 * request; the rest is left to the next discovery (`partial`).
 */
export const DISCOVERY_WINDOW_MS = 14 * 86_400_000;

interface Window {
  from: Date;
  /** null: up to whatever is written (the last window; a write stamped a little ahead is still found). */
  to: Date | null;
  /** The window ends before now: the source has more to look at. */
  partial: boolean;
}

interface Discovery {
  /** Courses whose learning records changed (folded in), and courses read whole. */
  courses: Set<string>;
  rebuild: Set<string>;
  activity: Set<string>;
  boards: Set<string>;
  watermarks: Record<string, Date>;
  /** Some source was looked at only up to its window's end. */
  partial: boolean;
}

function advance(discovery: Discovery, source: string, groups: readonly Group[]): void {
  for (const group of groups) {
    const last = new Date(group.last);
    const current = discovery.watermarks[source];
    if (!current || last > current) discovery.watermarks[source] = last;
  }
}

async function discover(db: Database, watermarks: Record<string, Date>, now: Date, windowMs: number): Promise<Discovery> {
  const discovery: Discovery = {
    courses: new Set(),
    rebuild: new Set(),
    activity: new Set(),
    boards: new Set(),
    watermarks: { ...watermarks },
    partial: false,
  };
  const windows = new Map<string, Window>();
  /** From the watermark (minus the margin), or from the oldest document of a source never looked at (an index read). */
  const windowOf = async (source: string, collection: CollectionName, field: string, mark = watermarks[source]): Promise<Window> => {
    const known = windows.get(source);
    if (known) return known;
    const oldest = async () => {
      const { data } = (await db
        .collection(collection)
        .orderBy(field, 'asc')
        .limit(1)
        .field({ [field]: true })
        .get()) as unknown as {
        data: Record<string, Date>[];
      };
      return data[0] ? new Date(data[0][field] as Date) : now;
    };
    const from = mark === undefined ? await oldest() : new Date(Math.max(0, new Date(mark).getTime() - WATERMARK_MARGIN_MS));
    const end = from.getTime() + windowMs;
    const window = end < now.getTime() ? { from, to: new Date(end), partial: true } : { from, to: null, partial: false };
    windows.set(source, window);
    return window;
  };
  /** After grouping a window: its end becomes the watermark when the source has more; else the newest seen. */
  const settle = (source: string, window: Window, groups: readonly Group[]) => {
    if (!window.to) return advance(discovery, source, groups);
    discovery.watermarks[source] = window.to;
    discovery.partial = true;
  };
  // A source never rolled up (the first run) touches every course: listing the courses is far cheaper than
  // grouping a whole collection (1,000,000 records, say).
  let allCourses = false;
  const coursesSince = async (source: string, collection: CollectionName, field: string, key: string, match: Record<string, unknown> = {}, unwind?: string) => {
    if (watermarks[source] === undefined) {
      // Every course is recomputed from everything written so far: the source is covered up to now (the
      // margin covers writes in flight).
      allCourses = true;
      discovery.watermarks[source] = now;
      return;
    }
    const window = await windowOf(source, collection, field);
    const groups = await groupsSince(db, collection, field, window, key, match, unwind);
    // Changed learning records are folded in; a change of any other source reads the course whole.
    const into = source === 'learningRecords' ? discovery.courses : discovery.rebuild;
    for (const group of groups) into.add(group._id as string);
    settle(source, window, groups);
  };
  await coursesSince('learningRecords', COLLECTIONS.learningRecords, 'updatedAt', '$courseId');
  await coursesSince('courseRatings', COLLECTIONS.courseRatings, 'updatedAt', '$courseId');
  await coursesSince('assignments', COLLECTIONS.assignments, 'updatedAt', '$courseIds', {}, '$courseIds');
  await coursesSince('assignmentTargets', COLLECTIONS.assignmentTargets, 'createdAt', '$courseIds', {}, '$courseIds');
  for (const [source, collection, field] of [
    ['shares', COLLECTIONS.shares, 'createdAt'],
    ['shareCounters', COLLECTIONS.shareCounters, 'updatedAt'],
    ['shareAttributions', COLLECTIONS.shareAttributions, 'updatedAt'],
  ] as const) {
    await coursesSince(source, collection, field, '$targetId', { targetKind: 'course' });
    if (source === 'shareAttributions') continue;
    // The board rows have their own watermark (`<source>:boards`): on a first run every course is recomputed
    // at once, while the boards are grouped a window at a time.
    const boards = `${source}:boards`;
    // A state saved before boards had their own watermark continues from the source's.
    const window = await windowOf(boards, collection, field, watermarks[boards] ?? watermarks[source]);
    const boardGroups = await groupsSince(
      db,
      collection,
      field,
      window,
      { kind: '$boardKind', board: '$boardId', sharer: '$sharerId' },
      { boardKind: db.command.neq(null) },
    );
    for (const group of boardGroups) {
      const { kind, board, sharer } = group._id as { kind: string; board: string; sharer: string };
      discovery.boards.add(`${kind}|${board}|${sharer}`);
    }
    settle(boards, window, boardGroups);
  }
  if (allCourses) await forEachDoc<{ _id: string }>(db, COLLECTIONS.courses, {}, (course) => discovery.rebuild.add(course._id), { _id: true });
  for (const courseId of discovery.rebuild) discovery.courses.delete(courseId);
  const activityWindow = await windowOf('learningActivity', COLLECTIONS.learningActivity, 'updatedAt');
  const activity = await groupsSince(db, COLLECTIONS.learningActivity, 'updatedAt', activityWindow, { department: '$departmentId', week: '$week' });
  for (const group of activity) {
    const { department, week } = group._id as { department: string; week: string };
    discovery.activity.add(`${department}|${week}`);
  }
  settle('learningActivity', activityWindow, activity);
  return discovery;
}

const ROLLUP_LEASE: LeaseSite = { collection: COLLECTIONS.reportState, id: ROLLUP_STATE_ID, field: 'lease' };

/** Takes the rollup's lease (server/core/lease.ts) and answers the state, or null while another run holds it. */
async function acquireLease(db: Database, owner: string, now: Date): Promise<ReportStateDoc | null> {
  if (!(await takeLease(db, ROLLUP_LEASE, owner, now, LEASE_MS))) {
    // The very first run finds no state document: it creates it (once, whoever races) and tries again.
    if (await readRollupState(db)) return null;
    await insertOnce<ReportStateDoc>(db, COLLECTIONS.reportState, { _id: ROLLUP_STATE_ID, watermarks: {}, pending: null, lease: null, updatedAt: null });
    if (!(await takeLease(db, ROLLUP_LEASE, owner, now, LEASE_MS))) return null;
  }
  return readRollupState(db);
}

async function saveState(db: Database, owner: string, fields: Partial<Omit<ReportStateDoc, '_id'>>): Promise<void> {
  // Only the lease holder writes; a run whose lease was taken over (it overran) stops writing state.
  // Objects are replaced whole (`_.set`): update would otherwise merge them field by field.
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    data[key] = value !== null && typeof value === 'object' && !(value instanceof Date) ? db.command.set(value) : value;
  await db.collection(COLLECTIONS.reportState).where({ _id: ROLLUP_STATE_ID, 'lease.holder': owner }).update({ data });
}

export interface RollupOptions {
  /** The clock (tests move it); defaults to the real one. */
  clock?: () => Date;
  budgetMs?: number;
  /** How much history one discovery looks at (DISCOVERY_WINDOW_MS). */
  windowMs?: number;
}

export async function runRollup(db: Database, now: Date, options: RollupOptions = {}): Promise<RollupResult> {
  const clock = options.clock ?? (() => new Date());
  const budget = options.budgetMs ?? RUN_BUDGET_MS;
  // A monotonic clock for the budget (the wall clock may be moved by tests or NTP).
  const started = performance.now();
  const owner = randomUUID();
  const state = await acquireLease(db, owner, now);
  if (!state) {
    const current = await readRollupState(db);
    return { courses: 0, activityBuckets: 0, boards: 0, more: true, ran: false, updatedAt: isoDate(current?.updatedAt ?? null) };
  }
  const done = { courses: 0, activityBuckets: 0, boards: 0 };
  // Every run does at least one item, so a run always makes progress whatever its budget.
  let worked = false;
  const outOfTime = () => worked && performance.now() - started > budget;
  const departments = new DepartmentLookup(db);
  // What a stopped run left of its folds is finished before anything is read whole (./fold-ledger.ts).
  const ledger = new FoldLedger(db, clock);
  await ledger.recover();
  /** Works through `start` until it is done or the budget is spent; answers what is left. */
  const work = async (start: RollupPending): Promise<RollupPending> => {
    let pending = start;
    let sinceSave = 0;
    const progress = async () => {
      worked = true;
      sinceSave += 1;
      if (sinceSave >= SAVE_EVERY) {
        sinceSave = 0;
        await saveState(db, owner, { pending });
      }
    };
    const touched = new Set(pending.departments);
    const since = pending.activitySince === undefined || pending.activitySince === null ? null : new Date(pending.activitySince);
    const rebuildLeft = () => pending.rebuild ?? [];
    /**
     * Courses read whole, a few at once: their reads overlap (the database serves them in parallel). The
     * departments whose rows they change are saved before any row is written: rows a stopped run wrote are
     * found unchanged by the next read, so only the saved list keeps their department totals following.
     */
    const rebuild = async (batch: readonly string[]) => {
      const reads = await Promise.all(batch.map((courseId) => readCourse(db, courseId, departments, clock(), since)));
      const fresh = reads.flatMap((read) => read.departments).filter((department) => !touched.has(department));
      if (fresh.length > 0) {
        for (const department of fresh) touched.add(department);
        await saveState(db, owner, { pending: { ...pending, departments: [...touched] } });
      }
      await Promise.all(reads.map((read) => read.write()));
      return reads.flatMap((read) => read.activity);
    };
    const settleBatch = (update: Partial<RollupPending>, activity: readonly string[], count: number) => {
      // Activity documents derived from the records: their heatmap buckets follow in this run.
      const buckets = new Set([...pending.activity, ...activity]);
      pending = { ...pending, ...update, departments: [...touched], activity: [...buckets].sort() };
      done.courses += count;
    };
    while (rebuildLeft().length > 0 && !outOfTime()) {
      const batch = rebuildLeft().slice(0, PARALLEL_COURSES);
      settleBatch({ rebuild: rebuildLeft().slice(batch.length) }, await rebuild(batch), batch.length);
      await progress();
    }
    while (rebuildLeft().length === 0 && pending.courses.length > 0 && !outOfTime()) {
      const batch = pending.courses.slice(0, FOLD_BATCH);
      // A pending list saved before folds existed has no `since`: its courses are read whole.
      if (!since) {
        settleBatch({ courses: pending.courses.slice(batch.length), rebuild: batch }, [], 0);
        continue;
      }
      const folded = await foldCourses(db, batch, since, departments, ledger);
      const rebuilt = new Set(folded.rebuild);
      const activity = await deriveActivity(
        db,
        folded.records.filter((record) => !rebuilt.has(record.courseId)),
        departments,
        since,
      );
      activity.push(...(await rebuild(folded.rebuild)));
      settleBatch({ courses: pending.courses.slice(batch.length) }, activity, batch.length);
      await progress();
    }
    // The department changes of this run's folds reach the department totals before any total is read whole.
    await ledger.flush();
    while (pending.courses.length === 0 && rebuildLeft().length === 0 && pending.departments.length > 0 && !outOfTime()) {
      const [departmentId, ...rest] = pending.departments as [string, ...string[]];
      await recomputeDepartment(db, departmentId, clock());
      pending = { ...pending, departments: rest };
      if (rest.length === 0) await recomputeCompany(db, clock());
      await progress();
    }
    while (pending.activity.length > 0 && !outOfTime()) {
      const [bucket, ...rest] = pending.activity as [string, ...string[]];
      const cut = bucket.lastIndexOf('|');
      await recomputeActivity(db, bucket.slice(0, cut), bucket.slice(cut + 1), clock());
      pending = { ...pending, activity: rest };
      done.activityBuckets += 1;
      await progress();
    }
    done.boards += await recomputeBoards(db, pending, outOfTime, clock, (rest) => (pending = { ...pending, boards: rest }));
    return pending;
  };
  const isDone = (pending: RollupPending) =>
    pending.courses.length === 0 &&
    (pending.rebuild ?? []).length === 0 &&
    pending.departments.length === 0 &&
    pending.activity.length === 0 &&
    pending.boards.length === 0;
  const discoverFrom = async (watermarks: Record<string, Date>) => {
    const pending = await newPending(db, watermarks, now, options.windowMs ?? DISCOVERY_WINDOW_MS);
    await saveState(db, owner, { pending });
    return pending;
  };
  let pending = await work(state.pending ?? (await discoverFrom(state.watermarks)));
  // History discovered a window at a time: the next window while the budget lasts.
  while (isDone(pending) && pending.partial && !outOfTime()) pending = await work(await discoverFrom(pending.watermarks));
  const finished = isDone(pending) && !pending.partial;
  const fields: Partial<Omit<ReportStateDoc, '_id'>> = finished
    ? { pending: null, watermarks: pending.watermarks, updatedAt: pending.discoveredAt, lease: null }
    : isDone(pending)
      ? // A window's work is done, not history's: the watermarks move, the figures' date does not.
        { pending: null, watermarks: pending.watermarks, lease: null }
      : { pending, lease: null };
  await saveState(db, owner, fields);
  return { ...done, more: !finished, ran: true, updatedAt: isoDate(finished ? pending.discoveredAt : state.updatedAt) };
}

async function newPending(db: Database, watermarks: Record<string, Date>, now: Date, windowMs: number): Promise<RollupPending> {
  const discovery = await discover(db, watermarks, now, windowMs);
  const recordsMark = watermarks.learningRecords;
  return {
    partial: discovery.partial,
    discoveredAt: now,
    // Record slots changed since the records were last looked at (with the margin) become activity documents;
    // every slot on the records' first look.
    activitySince: recordsMark === undefined ? null : new Date(Math.max(0, new Date(recordsMark).getTime() - WATERMARK_MARGIN_MS)),
    courses: [...discovery.courses].sort(),
    rebuild: [...discovery.rebuild].sort(),
    activity: [...discovery.activity].sort(),
    boards: [...discovery.boards].sort(),
    departments: [],
    watermarks: discovery.watermarks,
  };
}

/** Board rows grouped by board, so each board's sharers are recomputed in batches. */
async function recomputeBoards(
  db: Database,
  pending: RollupPending,
  outOfTime: () => boolean,
  clock: () => Date,
  left: (rest: string[]) => void,
): Promise<number> {
  let rest = [...pending.boards];
  let written = 0;
  while (rest.length > 0 && !outOfTime()) {
    const [kind, board] = (rest[0] as string).split('|') as [ShareBoardKind, string];
    const prefix = `${kind}|${board}|`;
    const sharers = rest.filter((row) => row.startsWith(prefix)).map((row) => row.slice(prefix.length));
    written += await recomputeBoard(db, kind, board, sharers, clock());
    rest = rest.filter((row) => !row.startsWith(prefix));
    left(rest);
  }
  return written;
}
