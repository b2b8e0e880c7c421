/**
 * The rollup folding changed learning records into the course rows (server/report/course-fold.ts): new and
 * progressing records written through the learning module's own write (server/learning/record.ts), with the
 * figures checked against an independent computation and against the same data read whole; the database
 * operations of a fold run; a record written without `folded` (older code); a run stopped after every one of
 * its operations, then the next run; overlapping runs.
 */
import type { LearningRecordDoc, ReportCourseDeptDoc } from '../../../typings/domain';
import { NOTHING_FOLDED, type ReportDeptDoc, type ReportSums, type WeekSums } from '../../../typings/docs/report';
import { newRecord, writeRecord } from '../../../server/learning/record';
import { runRollup } from '../../../server/report/rollup';
import { addSums, addWeeks, figuresOf, sumsOf, zeroSums } from '../../../server/report/sums';
import type { ReportFigures } from '../../../typings/functions/report';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, readDoc, seedMember, testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { steppingClock } from '../../helpers/clock';
import { type Dataset, DEPARTMENTS, expectedSums, generate, seedDataset } from './dataset';
import { isInSubtree } from '../../../server/core';
import { stoppingDb } from '../../helpers/stopping-db';

jest.setTimeout(600_000);

const cloud = useTestCloud();
const ADMIN = 'o-fold-admin';
const PREFIX = 'f1';
let data: Dataset;

let clock: ReturnType<typeof steppingClock>;
/** Moves the clock past the rollup's lease (60 s), so a stopped run's lease has run out. */
const tick = (ms?: number) => clock.tick(ms);

beforeAll(async () => {
  clock = steppingClock(new Date('2026-03-25T04:00:00Z'));
  await seedMember(ADMIN, 'm:fold-admin', { roles: [grant('admin')] });
  data = generate(5, PREFIX, { members: 30, courses: 6 });
  seedDataset(cloud, data);
  expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
});

afterAll(() => {
  jest.useRealTimers();
});

/** The courses report for everyone, and within each department's subtree (summed from the department rows). */
async function reported(): Promise<Map<string, ReportFigures>[]> {
  const views: Map<string, ReportFigures>[] = [];
  for (const departmentId of [undefined, ...DEPARTMENTS]) {
    const page = dataOf(await callAction('report', 'courses', { pageSize: 50, ...(departmentId ? { departmentId } : {}) }, { openid: ADMIN }));
    views.push(new Map(page.items.filter((row) => row.courseId.startsWith(`${PREFIX}:`)).map(({ courseId, title: _t, ...figures }) => [courseId, figures])));
  }
  return views;
}

const expected = () =>
  [() => true, ...DEPARTMENTS.map((department) => (departmentId: string) => isInSubtree(departmentId, department))].map(
    (inScope) => new Map([...expectedSums(data, inScope)].map(([courseId, sums]) => [courseId, figuresOf(sums)])),
  );

/** The course rows' figures, without what only says when and how they were written. */
function rows(): Record<string, unknown>[] {
  return (
    (cloud.database.listDocuments('reportCourseDepts') as unknown as ReportCourseDeptDoc[])
      .filter((row) => row.courseId.startsWith(`${PREFIX}:`))
      // Weeks a fold left at zero are no figure.
      .map(({ updatedAt: _u, base: _b, fold: _f, lastFold: _l, courseTitle: _t, weeks, ...row }) => ({ ...row, weeks: nonZeroWeeks(weeks) }))
      .sort((a, b) => String(a._id).localeCompare(String(b._id)))
  );
}

const nonZeroWeeks = (weeks: Record<string, WeekSums>) =>
  Object.fromEntries(Object.entries(weeks).filter(([, sums]) => Object.values(sums).some((value) => value !== 0)));

/**
 * The department totals and the company total (the departments page reads them) against the course rows read
 * whole, department by department, as server/report/dept-rollup.ts recomputes them.
 */
function departmentTotals(): { stored: Record<string, unknown>; fromRows: Record<string, unknown> } {
  const whole = new Map<string, { sums: ReportSums; weeks: Record<string, WeekSums> }>();
  const into = (departmentId: string) => {
    let total = whole.get(departmentId);
    if (!total) whole.set(departmentId, (total = { sums: zeroSums(), weeks: {} }));
    return total;
  };
  for (const row of cloud.database.listDocuments('reportCourseDepts') as unknown as ReportCourseDeptDoc[]) {
    if (row.departmentId === '*') continue;
    for (const departmentId of [row.departmentId, '*']) {
      addSums(into(departmentId).sums, sumsOf(row));
      addWeeks(into(departmentId).weeks, row.weeks);
    }
  }
  const stored = Object.fromEntries(
    (cloud.database.listDocuments('reportDepts') as unknown as ReportDeptDoc[]).map((doc) => [doc._id, { sums: sumsOf(doc), weeks: nonZeroWeeks(doc.weeks) }]),
  );
  const fromRows = Object.fromEntries([...whole].map(([departmentId, total]) => [departmentId, { sums: total.sums, weeks: nonZeroWeeks(total.weeks) }]));
  return { stored, fromRows };
}

/** Every report reads the figures the records imply: the courses page, and the department totals. */
async function expectExact(label: Record<string, unknown> = {}): Promise<void> {
  expect({ ...label, figures: await reported() }).toEqual({ ...label, figures: expected() });
  const { stored, fromRows } = departmentTotals();
  expect({ ...label, totals: stored }).toEqual({ ...label, totals: fromRows });
}

let serial = 0;

/**
 * A learner's progress written as a progress report writes it: a new record (with `sessions` views), or
 * more study time, a session, a completion on the existing one. The dataset follows.
 */
async function progress(memberId: string, courseId: string, change: { studyMs: number; sessions: number; complete?: boolean }) {
  const id = `${memberId}:${courseId}`;
  const before = await readDoc<LearningRecordDoc>('learningRecords', id);
  const now = clock.now();
  const start = before ?? newRecord(memberId, courseId, now);
  const completed = start.completed || Boolean(change.complete);
  const after: LearningRecordDoc = {
    ...start,
    studyMs: start.studyMs + change.studyMs,
    sessionCount: (start.sessionCount ?? 0) + change.sessions,
    completed,
    completedAt: start.completedAt ?? (completed ? now : null),
    updatedAt: now,
    lastStudiedAt: now,
  };
  expect(await writeRecord(testDb(), before, after)).toBe(true);
  let record = data.records.find((r) => r.memberId === memberId && r.courseId === courseId);
  if (!record) {
    record = { memberId, courseId, studyMs: 0, completed: false, completedAt: null, quizAttempts: 0, quizPassed: false, startedAt: now, updatedAt: now };
    data.records.push(record);
  }
  Object.assign(record, { studyMs: after.studyMs, completed: after.completed, completedAt: after.completedAt, updatedAt: now });
  for (let k = 0; k < change.sessions; k += 1) data.sessions.push({ id: `${id}:n${serial++}`, memberId, courseId, at: now });
}

/** A member without a record of the course (one joins the roster when every member learns it). */
async function newcomer(courseId: string): Promise<string> {
  const member = data.members.find((m) => !data.records.some((r) => r.memberId === m.id && r.courseId === courseId));
  if (member) return member.id;
  const departmentId = data.members[data.members.length % 3]?.departmentId as string;
  const joining = { id: `${PREFIX}:m${data.members.length}`, departmentId };
  data.members.push(joining);
  await seedMember(`o-${joining.id}`, joining.id, { departmentId, departmentPath: departmentId.slice(5).split('/') });
  return joining.id;
}

/** Some learning: new learners on three courses, existing ones progressing (and completing while some have not). */
async function someLearning(): Promise<void> {
  for (const courseId of data.courses.slice(0, 3)) await progress(await newcomer(courseId), courseId, { studyMs: 60_000, sessions: 1 });
  const open = data.records.filter((r) => !r.completed);
  const progressing = open.length >= 3 ? open.slice(0, 3) : data.records.slice(-3);
  for (const record of progressing) await progress(record.memberId, record.courseId, { studyMs: 30_000, sessions: 1, complete: true });
}

describe('folding changed learning records', () => {
  it('adds new and progressing records to the rows without reading the courses again, as reading them whole would', async () => {
    tick();
    await someLearning();
    const before = cloud.actions.databaseOperations();
    const totalsBefore = new Map((cloud.database.listDocuments('reportDepts') as unknown as ReportDeptDoc[]).map((doc) => [doc._id, doc.updatedAt]));
    const result = await runRollup(testDb(), tick());
    const operations = cloud.actions.databaseOperations() - before;
    expect(result).toMatchObject({ ran: true, more: false });
    await expectExact();
    // The run's department changes reached each department total changed, and the company total, once
    // together (the fold ledger's one set of changes per run), not course by course.
    const changedTotals = (cloud.database.listDocuments('reportDepts') as unknown as ReportDeptDoc[]).filter(
      (doc) => String(doc.updatedAt) !== String(totalsBefore.get(doc._id)),
    );
    expect(changedTotals.map((doc) => doc._id)).toContain('*');
    expect(changedTotals.length).toBeGreaterThan(2);
    expect([...new Set(changedTotals.map((doc) => doc.lastFold))]).toEqual([expect.any(String)]);
    // Course stats follow the records.
    for (const courseId of data.courses) {
      const course = await readDoc<{ stats: { learners: number; completions: number } }>('courses', courseId);
      const records = data.records.filter((r) => r.courseId === courseId);
      expect(course?.stats).toMatchObject({ learners: records.length, completions: records.filter((r) => r.completed).length });
    }
    // The same figures as the records read whole (a first run from nothing).
    const folded = rows();
    await testDb().collection('reportState').doc('rollup').remove();
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    expect(rows()).toEqual(folded);
    // Six changed records over up to six courses: the discovery (its aggregations over the sources' time
    // ranges), one query each for the batch's records, total rows, courses and department rows there, the fold
    // ledger's read, commit and clear, per changed record its rows, `folded` and activity, and each changed
    // department total once; nowhere near reading six courses' records whole.
    expect(operations).toBeLessThanOrEqual(OPERATIONS_BOUND);
  });

  it('reads a course whole when one of its records was written without `folded` (by older code)', async () => {
    tick();
    const record = data.records.find((r) => r.courseId === data.courses[4]) as Dataset['records'][number];
    record.studyMs += 45_000;
    record.updatedAt = clock.now();
    await testDb()
      .collection('learningRecords')
      .doc(`${record.memberId}:${record.courseId}`)
      .update({ data: { studyMs: record.studyMs, updatedAt: record.updatedAt, folded: testDb().command.remove() } });
    await progress(await newcomer(data.courses[5] as string), data.courses[5] as string, { studyMs: 10_000, sessions: 2 });
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    await expectExact();
    // And folds it again afterwards.
    await progress(record.memberId, record.courseId, { studyMs: 5_000, sessions: 1 });
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    await expectExact();
  });
});

describe('a retitled course', () => {
  it('is read whole, so every row carries the new title', async () => {
    const courseId = data.courses[3] as string;
    await testDb()
      .collection('courses')
      .doc(courseId)
      .update({ data: { title: '课程 新名' } });
    await progress(await newcomer(courseId), courseId, { studyMs: 20_000, sessions: 1 });
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    const titles = new Set(
      (cloud.database.listDocuments('reportCourseDepts') as unknown as ReportCourseDeptDoc[])
        .filter((row) => row.courseId === courseId)
        .map((row) => row.courseTitle),
    );
    expect([...titles]).toEqual(['课程 新名']);
    await expectExact();
  });
});

/** Operations of a fold run with someLearning's changes (measured by the first test, set below). */
const OPERATIONS_BOUND = 48;

/**
 * Makes `change` (then a run) once to learn how many operations a whole run takes, then, for every operation
 * but the last, makes `change` again and stops a run after that many operations: the next run must end with
 * the exact figures.
 */
async function stopAfterEveryOperation(change: (label: string) => Promise<void>): Promise<void> {
  tick();
  await change('probe');
  const probe = stoppingDb(testDb(), Number.POSITIVE_INFINITY);
  expect(await runRollup(probe.db, tick())).toMatchObject({ ran: true, more: false });
  const total = probe.operations();
  await expectExact();
  let stopped = 0;
  for (let stop = 1; stop < total; stop += 1) {
    tick();
    await change(String(stop));
    const stopping = stoppingDb(testDb(), stop);
    const outcome = await runRollup(stopping.db, tick()).then(
      () => 'finished',
      (err: Error) => err.message,
    );
    await stopping.settled();
    // A run with fewer changes may finish within `stop` operations.
    if (outcome === 'finished') expect(stopping.operations()).toBeLessThanOrEqual(stop);
    else stopped += 1;
    // The stopped run's lease runs out; the next run finishes its work.
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    await expectExact({ stop });
  }
  expect(stopped).toBeGreaterThan(total / 2);
}

describe('a run stopped after any operation', () => {
  it('leaves nothing counted twice or lost: the next run ends with the exact figures', async () => {
    await stopAfterEveryOperation(() => someLearning());
  });

  it('reading courses whole: the department totals follow every row a stopped run wrote', async () => {
    // Retitled courses are read whole (server/report/course-rollup.ts), here with new learners among their records.
    await stopAfterEveryOperation(async (label) => {
      await someLearning();
      for (const courseId of data.courses.slice(0, 3))
        await testDb()
          .collection('courses')
          .doc(courseId)
          .update({ data: { title: `课程 ${label}` } });
    });
  });
});

describe('overlapping runs', () => {
  it('count every change once whichever run holds the lease', async () => {
    tick();
    await someLearning();
    const now = tick();
    const runs = await Promise.all(Array.from({ length: 6 }, () => runRollup(testDb(), now)));
    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    await expectExact();
  });
});

describe('a batch with more changed records than one query answers', () => {
  it('folds every one, a thousand and more sharing one time among them, as reading the course whole would', async () => {
    const courseId = data.courses[1] as string;
    const starBefore = (await readDoc<ReportCourseDeptDoc>('reportCourseDepts', `${courseId}|*`)) as ReportCourseDeptDoc;
    tick();
    const at = clock.now();
    const moment = new Date(at.getTime() + 1);
    // 1,500 new learners, as the learning module writes a new record (nothing counted yet): 1,200 at one
    // instant (more than a page of 1,000), 300 a moment later.
    const joining = Array.from({ length: 1_500 }, (_, i) => ({ _id: `${PREFIX}:bulk${i}`, departmentId: DEPARTMENTS[i % DEPARTMENTS.length] as string }));
    cloud.database.insertDocuments('members', joining);
    cloud.database.insertDocuments(
      'learningRecords',
      joining.map((member, i) => {
        const when = i < 1_200 ? at : moment;
        return {
          ...newRecord(member._id, courseId, when),
          studyMs: 1_000 * (i % 7),
          completed: i % 2 === 0,
          completedAt: i % 2 === 0 ? when : null,
          folded: NOTHING_FOLDED,
          version: 1,
        };
      }) as unknown as Record<string, unknown>[],
    );
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    const star = (await readDoc<ReportCourseDeptDoc>('reportCourseDepts', `${courseId}|*`)) as ReportCourseDeptDoc;
    expect({ learners: star.learners, completions: star.completions }).toEqual({
      learners: starBefore.learners + 1_500,
      completions: starBefore.completions + 750,
    });
    const { stored, fromRows } = departmentTotals();
    expect(stored).toEqual(fromRows);
    // The same rows as the records read whole (a first run from nothing).
    const folded = rows();
    await testDb().collection('reportState').doc('rollup').remove();
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    expect(rows()).toEqual(folded);
  });
});
