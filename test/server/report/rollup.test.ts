/**
 * The reportRollup against an independent computation over generated records (two seeds): course figures
 * for everyone and within a trainer's subtree, department rows, heatmap cells and weekly trends; an
 * incremental run after new records; repeated and overlapping runs writing the same figures; the lease.
 */
import { figuresOf } from '../../../server/report/sums';
import { runRollup } from '../../../server/report/rollup';
import { isInSubtree } from '../../../server/core';
import type { ReportFigures } from '../../../typings/functions/report';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { type Dataset, DEPARTMENTS, expectedSums, generate, seedDataset } from './dataset';

jest.setTimeout(90_000);

const cloud = useTestCloud();
/** After every generated record (they lie in 2026-03-02 … 03-21): new writes come after the watermarks. */
const NOW = new Date('2026-03-25T04:00:00Z');
const ADMIN = 'o-report-admin';
const TRAINER = 'o-report-trainer';
const SALES = DEPARTMENTS[0];

beforeAll(async () => {
  freezeClock(NOW);
  await seedMember(ADMIN, 'm:report-admin', { roles: [grant('admin')] });
  await seedMember(TRAINER, 'm:report-trainer', { roles: [grant('trainer', SALES)] });
});

afterAll(async () => {
  jest.useRealTimers();
});

const report = <A extends 'courses' | 'departments' | 'heatmap' | 'trends' | 'course'>(
  action: A,
  input: Parameters<typeof callAction<'report', A>>[2],
  openid = ADMIN,
) => callAction('report', action, input, { openid });

function byCourse(rows: (ReportFigures & { courseId: string })[]): Map<string, ReportFigures> {
  return new Map(rows.map(({ courseId, ...figures }) => [courseId, { ...figures } as ReportFigures]));
}

function expectedFigures(data: Dataset, inScope: (departmentId: string) => boolean): Map<string, ReportFigures> {
  return new Map([...expectedSums(data, inScope)].map(([courseId, sums]) => [courseId, figuresOf(sums)]));
}

async function reportedCourses(openid: string, prefix: string): Promise<Map<string, ReportFigures>> {
  const page = dataOf(await report('courses', { pageSize: 50 }, openid));
  const rows = page.items.filter((row) => row.courseId.startsWith(`${prefix}:`)).map(({ title: _title, ...row }) => row);
  return byCourse(rows);
}

describe.each([
  [1, 'r1'],
  [20261127, 'r2'],
])('seed %i', (seed, prefix) => {
  let data: Dataset;

  beforeAll(async () => {
    data = generate(seed, prefix);
    seedDataset(cloud, data);
    // Each seed's records are history older than the last run's watermarks: start the rollup afresh.
    await testDb().collection('reportState').doc('rollup').remove();
    const result = await runRollup(testDb(), NOW);
    expect(result).toMatchObject({ ran: true, more: false });
  });

  it('reports every course as computed independently from the records, for everyone', async () => {
    expect(await reportedCourses(ADMIN, prefix)).toEqual(expectedFigures(data, () => true));
  });

  it("reports only the trainer's subtree, and refuses a department outside it", async () => {
    expect(await reportedCourses(TRAINER, prefix)).toEqual(expectedFigures(data, (department) => isInSubtree(department, SALES)));
    const east = DEPARTMENTS[1];
    const narrowed = dataOf(await report('courses', { pageSize: 50, departmentId: east }, TRAINER));
    const expected = expectedFigures(data, (department) => department === east);
    expect(byCourse(narrowed.items.filter((row) => row.courseId.startsWith(`${prefix}:`)).map(({ title: _t, ...row }) => row))).toEqual(expected);
    expect(codeOf(await report('courses', { departmentId: DEPARTMENTS[2] }, TRAINER))).toBe('FORBIDDEN');
    expect(codeOf(await report('heatmap', { departmentId: DEPARTMENTS[2] }, TRAINER))).toBe('FORBIDDEN');
  });

  it('answers the heatmap cells summed from the activity of the window', async () => {
    const view = dataOf(await report('heatmap', { weeks: 4 }, TRAINER));
    expect([view.fromWeek, view.toWeek]).toEqual(['2026-W10', '2026-W13']);
    expect(view.cells).toHaveLength(42);
    for (const cell of view.cells) {
      // Other seeds' activity lies in the same weeks: compare with everything seeded so far in the subtree.
      const matching = allActivity().filter((a) => a.weekday === cell.weekday && a.slot === cell.slot && isInSubtree(a.departmentId, SALES));
      expect(cell.studySeconds).toBe(Math.round(matching.reduce((sum, a) => sum + a.studyMs, 0) / 1000));
      expect(cell.sessions).toBe(matching.reduce((sum, a) => sum + a.sessions, 0));
      expect(cell.active).toBe(matching.length);
    }
    expect(view.updatedAt).toBe(NOW.toISOString());
  });

  it('answers weekly starts and completions of a course by Beijing ISO week', async () => {
    const courseId = data.courses[0] as string;
    const trend = dataOf(await report('trends', { courseId, weeks: 4 }, ADMIN));
    const weekOf = (at: Date) => {
      const beijing = new Date(at.getTime() + 8 * 3_600_000);
      const monday = Date.UTC(2026, 2, 2);
      const index = Math.floor((Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()) - monday) / (7 * 86_400_000));
      return `2026-W${10 + index}`;
    };
    for (const week of trend.weeks) {
      const records = data.records.filter((r) => r.courseId === courseId);
      expect(week.learners).toBe(records.filter((r) => weekOf(r.startedAt) === week.week).length);
      expect(week.completions).toBe(records.filter((r) => r.completedAt && weekOf(r.completedAt) === week.week).length);
      expect(week.studySeconds).toBeNull();
    }
  });

  it('writes the same figures when run again, and picks up new records incrementally', async () => {
    const before = cloud.database.listDocuments('reportCourseDepts').map(({ updatedAt: _u, ...doc }) => doc);
    setClock(new Date(NOW.getTime() + 60_000));
    const again = await runRollup(testDb(), new Date());
    expect(again.ran).toBe(true);
    expect(cloud.database.listDocuments('reportCourseDepts').map(({ updatedAt: _u, ...doc }) => doc)).toEqual(before);
    // A new learner of one course: only that course (and what the margin re-reads) is recomputed.
    const courseId = data.courses[1] as string;
    const newcomer = data.members.find((m) => !data.records.some((r) => r.memberId === m.id && r.courseId === courseId));
    if (!newcomer) return;
    const record = {
      memberId: newcomer.id,
      courseId,
      studyMs: 120_000,
      completed: true,
      completedAt: new Date(),
      quizAttempts: 0,
      quizPassed: false,
      startedAt: new Date(),
      updatedAt: new Date(),
    };
    data.records.push(record);
    cloud.database.insertDocuments('learningRecords', [{ _id: `${newcomer.id}:${courseId}`, ...record }]);
    const incremental = await runRollup(testDb(), new Date());
    // The new record's course, plus what the watermark margin re-reads (as the repeated run did).
    expect(incremental.courses).toBeLessThanOrEqual(again.courses + 1);
    expect(incremental.updatedAt).toBe(new Date().toISOString());
    expect(await reportedCourses(ADMIN, prefix)).toEqual(expectedFigures(data, () => true));
  });
});

function allActivity() {
  return cloud.database.listDocuments('learningActivity') as unknown as Dataset['activity'];
}

describe('overlapping runs', () => {
  it('lets one run work while another holds the lease, and the figures stay exact', async () => {
    const data = generate(7, 'r3');
    seedDataset(cloud, data);
    await testDb().collection('reportState').doc('rollup').remove();
    const [a, b] = await Promise.all([runRollup(testDb(), new Date()), runRollup(testDb(), new Date())]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    if (!a.ran || !b.ran) await runRollup(testDb(), new Date());
    expect(await reportedCourses(ADMIN, 'r3')).toEqual(expectedFigures(data, () => true));
  });

  it('continues next run where a run stopped for time', async () => {
    const data = generate(11, 'r4', { members: 12, courses: 6 });
    seedDataset(cloud, data);
    await testDb().collection('reportState').doc('rollup').remove();
    const first = await runRollup(testDb(), new Date(), { budgetMs: 0 });
    expect(first).toMatchObject({ ran: true, more: true });
    let result = first;
    for (let i = 0; i < 50 && result.more; i += 1) result = await runRollup(testDb(), new Date(), { budgetMs: 0 });
    expect(result.more).toBe(false);
    expect(await reportedCourses(ADMIN, 'r4')).toEqual(expectedFigures(data, () => true));
  });

  it('discovers history a window at a time: a first run over weeks of records ends across runs with the same figures', async () => {
    const data = generate(13, 'r5', { members: 12, courses: 6 });
    seedDataset(cloud, data);
    await testDb().collection('reportState').doc('rollup').remove();
    // Records lie over about three weeks: five-day windows take several discoveries.
    const options = { windowMs: 5 * 86_400_000, budgetMs: 0 };
    const first = await runRollup(testDb(), new Date(), options);
    expect(first).toMatchObject({ ran: true, more: true, updatedAt: null });
    let result = first;
    let runs = 1;
    for (; runs < 200 && result.more; runs += 1) result = await runRollup(testDb(), new Date(), options);
    expect(result).toMatchObject({ more: false, updatedAt: new Date().toISOString() });
    expect(runs).toBeGreaterThan(4);
    expect(await reportedCourses(ADMIN, 'r5')).toEqual(expectedFigures(data, () => true));
    const view = dataOf(await report('heatmap', { weeks: 4 }, ADMIN));
    for (const cell of view.cells) {
      const matching = allActivity().filter((a) => a.weekday === cell.weekday && a.slot === cell.slot);
      expect(cell.sessions).toBe(matching.reduce((sum, a) => sum + a.sessions, 0));
      expect(cell.active).toBe(matching.length);
    }
  });
});
