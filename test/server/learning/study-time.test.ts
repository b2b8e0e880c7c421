/**
 * learning.report against a frozen server clock: crediting only real elapsed time between active reports
 * (capped at 60 s per gap), nothing across pauses or background, replays and out-of-order reports ignored,
 * two devices at once counted once, completion rules per format, counters, revisions keeping progress, the
 * course_completed event paid once under parallel retries, and database operations per report. The rules
 * are this project's choice (server/learning/credit.ts, completion.ts); CloudBase documents no such feature.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { courseDoc, quizDoc, seedCourses, seriesDoc } from '../../helpers/courses';
import { insertAll } from '../../helpers/db';
import { COURSE_TTL_MS, forgetReportCourses, report } from '../../../server/learning/report';
import { runRollup } from '../../../server/report/rollup';
import { performance } from 'node:perf_hooks';
import type { ActionInput } from '../../../typings/api';

const T0 = new Date('2026-03-02T01:00:00Z');
const SECOND = 1000;
const cloud = useTestCloud();
let clock = T0.getTime();

function at(ms: number): void {
  clock = T0.getTime() + ms;
  setClock(new Date(clock));
}

type ReportInput = ActionInput<'learning', 'report'>;

async function send(openid: string, input: Partial<ReportInput> & Pick<ReportInput, 'courseId' | 'seq'>) {
  return callAction('learning', 'report', { sessionId: 'session-A-0001', position: 0, state: 'playing', ...input }, { openid });
}

async function record(memberId: string, courseId: string): Promise<Record<string, unknown> | undefined> {
  return cloud.database.getDocument('learningRecords', `${memberId}:${courseId}`);
}

/** The member's study totals as their 我的学习 page shows them (summed from the records when read). */
async function totals(openid: string) {
  return dataOf(await callAction('course', 'myLearning', { pageSize: 1 }, { openid })).totals;
}

/** The report rollup, which derives the course's learners and completions from the records. */
async function rollUp(): Promise<void> {
  expect(await runRollup(testDb(), new Date(clock))).toMatchObject({ ran: true, more: false });
}

beforeAll(async () => {
  freezeClock(T0);
  for (const n of [1, 2, 3, 4, 5, 6, 7]) await seedMember(`o-l${n}`, `m:L${n}`);
  await seedCourses(
    courseDoc('course:video', { format: 'video', durationMinutes: 2, content: { blocks: [], mediaFileID: 'cloud://env.bucket/v.mp4', mediaSeconds: 100 } }),
    courseDoc('course:article', { format: 'article', durationMinutes: 10 }),
    courseDoc('course:h5', { format: 'h5', durationMinutes: 2, content: { blocks: [], h5Url: 'https://example.com/h5' } }),
    courseDoc('course:quizgate', { format: 'text', durationMinutes: 1, quiz: quizDoc({ requiredForCompletion: true, attemptLimit: 0 }) }),
    courseDoc('course:s1', { seriesIds: ['series:steps'], durationMinutes: 1 }),
    courseDoc('course:s2', { seriesIds: ['series:steps'], durationMinutes: 1 }),
    courseDoc('course:hidden', { audiences: ['middle_senior_manager'] }),
    courseDoc('course:draft', { status: 'draft' }),
  );
  await insertAll('series', [seriesDoc('series:steps', ['course:s1', 'course:s2'], { stepUnlock: true })]);
});

afterAll(async () => {
  jest.useRealTimers();
});

describe('valid study time', () => {
  it('credits the real elapsed time between active reports, capped at 60 s per gap', async () => {
    at(0);
    expect(dataOf(await send('o-l1', { courseId: 'course:article', seq: 1, state: 'reading' })).creditedMs).toBe(0);
    at(15 * SECOND);
    expect(dataOf(await send('o-l1', { courseId: 'course:article', seq: 2, state: 'reading', position: 10 })).creditedMs).toBe(15 * SECOND);
    at(15 * SECOND + 10 * 60 * SECOND);
    // Ten minutes of silence (the app was suspended): only the last 60 s are believed.
    expect(dataOf(await send('o-l1', { courseId: 'course:article', seq: 3, state: 'reading', position: 20 })).creditedMs).toBe(60 * SECOND);
    expect(await record('m:L1', 'course:article')).toMatchObject({ studyMs: 75 * SECOND, position: 20, furthest: 20, completed: false });
    expect(await totals('o-l1')).toEqual({ studySeconds: 75, coursesStarted: 1, coursesCompleted: 0 });
  });

  it('ignores the client clock entirely', async () => {
    at(0);
    await send('o-l2', { courseId: 'course:article', seq: 1, state: 'reading', clientTime: T0.getTime() });
    at(5 * SECOND);
    const answer = dataOf(await send('o-l2', { courseId: 'course:article', seq: 2, state: 'reading', clientTime: T0.getTime() + 3_600_000 }));
    expect(answer.creditedMs).toBe(5 * SECOND);
  });

  it('credits nothing for gaps starting or ending paused or in the background', async () => {
    at(0);
    await send('o-l3', { courseId: 'course:article', seq: 1, state: 'reading' });
    at(10 * SECOND);
    expect(dataOf(await send('o-l3', { courseId: 'course:article', seq: 2, state: 'paused' })).creditedMs).toBe(0);
    at(40 * SECOND);
    expect(dataOf(await send('o-l3', { courseId: 'course:article', seq: 3, state: 'reading' })).creditedMs).toBe(0);
    at(50 * SECOND);
    expect(dataOf(await send('o-l3', { courseId: 'course:article', seq: 4, state: 'background' })).creditedMs).toBe(0);
    at(55 * SECOND);
    expect(dataOf(await send('o-l3', { courseId: 'course:article', seq: 5, state: 'reading' })).creditedMs).toBe(0);
    at(65 * SECOND);
    expect(dataOf(await send('o-l3', { courseId: 'course:article', seq: 6, state: 'reading' })).creditedMs).toBe(10 * SECOND);
    expect(await record('m:L3', 'course:article')).toMatchObject({ studyMs: 10 * SECOND });
  });

  it('ignores a replayed or out-of-order seq and changes nothing', async () => {
    at(0);
    await send('o-l4', { courseId: 'course:article', seq: 5, state: 'reading' });
    at(20 * SECOND);
    await send('o-l4', { courseId: 'course:article', seq: 6, state: 'reading', position: 30 });
    const before = await record('m:L4', 'course:article');
    at(40 * SECOND);
    const replay = dataOf(await send('o-l4', { courseId: 'course:article', seq: 6, state: 'reading', position: 30 }));
    expect(replay).toMatchObject({ ignored: true, creditedMs: 0 });
    const older = dataOf(await send('o-l4', { courseId: 'course:article', seq: 4, state: 'reading', position: 90 }));
    expect(older).toMatchObject({ ignored: true, creditedMs: 0 });
    expect(await record('m:L4', 'course:article')).toEqual(before);
  });

  it('counts two devices studying at the same time once', async () => {
    const phone = { courseId: 'course:article', sessionId: 'phone-000001', state: 'reading' as const };
    const pad = { courseId: 'course:article', sessionId: 'pad-00000001', state: 'reading' as const };
    at(0);
    await send('o-l5', { ...phone, seq: 1 });
    at(5 * SECOND);
    await send('o-l5', { ...pad, seq: 1 });
    at(15 * SECOND);
    expect(dataOf(await send('o-l5', { ...phone, seq: 2 })).creditedMs).toBe(15 * SECOND);
    at(20 * SECOND);
    // The pad's gap (5 s → 20 s) overlaps the phone's credit up to 15 s: only 5 s are new.
    expect(dataOf(await send('o-l5', { ...pad, seq: 2 })).creditedMs).toBe(5 * SECOND);
    at(30 * SECOND);
    expect(dataOf(await send('o-l5', { ...phone, seq: 3 })).creditedMs).toBe(10 * SECOND);
    at(35 * SECOND);
    expect(dataOf(await send('o-l5', { ...pad, seq: 3 })).creditedMs).toBe(5 * SECOND);
    expect(await record('m:L5', 'course:article')).toMatchObject({ studyMs: 35 * SECOND });
  });
});

describe('completion rules (server/learning/completion.ts)', () => {
  it('video: 90% of the media reached with enough valid time; seeking to the end alone does not complete', async () => {
    at(0);
    await send('o-l6', { courseId: 'course:video', seq: 1, position: 0 });
    at(10 * SECOND);
    const seeked = dataOf(await send('o-l6', { courseId: 'course:video', seq: 2, position: 95 }));
    expect(seeked.progress).toMatchObject({ furthest: 95, percent: 95, completed: false });
    let seq = 3;
    for (let t = 20; t <= 50; t += 10) {
      at(t * SECOND);
      const answer = dataOf(await send('o-l6', { courseId: 'course:video', seq: seq++, position: 96 }));
      // 45% of 100 s = 45 s of valid time: reached at 50 s.
      expect(answer.progress.completed).toBe(t >= 50);
      expect(answer.justCompleted).toBe(t === 50);
    }
    at(60 * SECOND);
    const after = dataOf(await send('o-l6', { courseId: 'course:video', seq: seq++, position: 10 }));
    expect(after.progress).toMatchObject({ completed: true, position: 10, furthest: 96 });
    await rollUp();
    expect(await cloud.database.getDocument('courses', 'course:video')).toMatchObject({ stats: { learners: 1, completions: 1 } });
    expect(await totals('o-l6')).toMatchObject({ coursesStarted: 1, coursesCompleted: 1 });
  });

  it('article: read to the end and at least 30% of the stated duration', async () => {
    at(0);
    await send('o-l6', { courseId: 'course:article', seq: 1, state: 'reading', position: 100 });
    let seq = 2;
    // 10 minutes stated → 3 minutes of valid time.
    for (let t = 60; t <= 180; t += 60) {
      at(t * SECOND);
      const answer = dataOf(await send('o-l6', { courseId: 'course:article', seq: seq++, state: 'reading', position: 100 }));
      expect(answer.progress.completed).toBe(t >= 180);
    }
  });

  it('h5: minimum time only, progress shown as a share of it', async () => {
    at(0);
    await send('o-l6', { courseId: 'course:h5', seq: 1, state: 'reading' });
    at(30 * SECOND);
    expect(dataOf(await send('o-l6', { courseId: 'course:h5', seq: 2, state: 'reading' })).progress).toMatchObject({ percent: 50, completed: false });
    at(60 * SECOND);
    expect(dataOf(await send('o-l6', { courseId: 'course:h5', seq: 3, state: 'reading' })).progress).toMatchObject({ percent: 100, completed: true });
  });

  it('a quiz required for completion holds completion until it is passed', async () => {
    at(0);
    await send('o-l6', { courseId: 'course:quizgate', seq: 1, state: 'reading', position: 100 });
    at(20 * SECOND);
    await send('o-l6', { courseId: 'course:quizgate', seq: 2, state: 'reading', position: 100 });
    at(40 * SECOND);
    expect(dataOf(await send('o-l6', { courseId: 'course:quizgate', seq: 3, state: 'reading', position: 100 })).progress.completed).toBe(false);
    const answers = { q1: ['b'], q2: ['a', 'c'], q3: ['t'], q4: ['a'], q5: ['b'] };
    const result = dataOf(await callAction('course', 'submitQuiz', { courseId: 'course:quizgate', attemptId: 'attempt-gate-1', answers }, { openid: 'o-l6' }));
    expect(result).toMatchObject({ passed: true, score: 100, courseCompleted: true });
  });
});

describe('access', () => {
  it('refuses courses not published or not for my audiences, and a locked step of a series', async () => {
    at(0);
    expect(codeOf(await send('o-l7', { courseId: 'course:hidden', seq: 1 }))).toBe('NOT_FOUND');
    expect(codeOf(await send('o-l7', { courseId: 'course:draft', seq: 1 }))).toBe('NOT_FOUND');
    expect(codeOf(await send('o-l7', { courseId: 'course:s2', seq: 1 }))).toBe('COURSE_LOCKED');
    expect(await record('m:L7', 'course:s2')).toBeUndefined();
    await send('o-l7', { courseId: 'course:s1', seq: 1, state: 'reading', position: 100 });
    at(20 * SECOND);
    expect(dataOf(await send('o-l7', { courseId: 'course:s1', seq: 2, state: 'reading', position: 100 })).progress.completed).toBe(true);
    expect(codeOf(await send('o-l7', { courseId: 'course:s2', seq: 1 }))).toBe('OK');
  });
});

describe('revisions and the points hook', () => {
  it('keeps progress across a new revision (records are keyed by course)', async () => {
    const before = await record('m:L1', 'course:article');
    await testDb()
      .collection('courses')
      .doc('course:article')
      .update({ data: { revision: 2, title: '新版课程' } });
    at(100 * 60 * SECOND);
    await send('o-l1', { courseId: 'course:article', sessionId: 'session-rev-0001', seq: 1, state: 'reading', position: 20 });
    const detail = dataOf(await callAction('course', 'detail', { courseId: 'course:article' }, { openid: 'o-l1' }));
    expect(detail).toMatchObject({ revision: 2, title: '新版课程', progress: { position: 20, studySeconds: Math.floor((before?.studyMs as number) / 1000) } });
  });

  it('pays course_completed once under parallel retries of the completing report', async () => {
    const openid = 'o-race';
    await seedMember(openid, 'm:RACE');
    await seedCourses(courseDoc('course:race', { durationMinutes: 1 }));
    at(0);
    await send(openid, { courseId: 'course:race', seq: 1, state: 'reading', position: 100 });
    at(30 * SECOND);
    const input: ReportInput = { courseId: 'course:race', sessionId: 'session-A-0001', seq: 2, position: 100, state: 'reading' };
    const codes = await Promise.all(Array.from({ length: 8 }, () => runConcurrently(report as never, input, openid)));
    expect(codes.every((code) => code === 'OK')).toBe(true);
    expect(await record('m:RACE', 'course:race')).toMatchObject({ completed: true, completionEmitted: true, studyMs: 30 * SECOND });
    const ledger = (await testDb().collection('pointsLedger').where({ memberId: 'm:RACE' }).get()) as unknown as { data: { source: string }[] };
    expect(ledger.data).toHaveLength(1);
    await rollUp();
    expect(await cloud.database.getDocument('courses', 'course:race')).toMatchObject({ stats: { learners: 1, completions: 1 } });
  });
});

describe('required assignments', () => {
  it("completing an assigned course advances the member's assignment once", async () => {
    const openid = 'o-assigned';
    await seedMember(openid, 'm:ASSIGNED');
    await seedCourses(courseDoc('course:required', { durationMinutes: 1 }));
    const created = new Date(T0);
    await insertAll('assignments', [
      {
        _id: 'assignment:req',
        kind: 'course',
        courseId: 'course:required',
        seriesId: null,
        title: '必修课',
        courseIds: ['course:required'],
        departmentIds: [],
        departmentNames: [],
        roles: [],
        audiences: [],
        scopeDepartmentIds: null,
        dueDay: '2026-03-31',
        status: 'active',
        assignedCount: 1,
        completedCount: 0,
        createdById: 'm:T',
        createdByName: '培训',
        createdAt: created,
        updatedAt: created,
      },
    ]);
    await insertAll('assignmentTargets', [
      {
        _id: 'assignment:req:m:ASSIGNED',
        assignmentId: 'assignment:req',
        memberId: 'm:ASSIGNED',
        name: '学员',
        employeeNo: null,
        departmentId: 'dept:总部',
        departmentPath: ['总部'],
        courseIds: ['course:required'],
        completedCourseIds: [],
        done: false,
        doneAt: null,
        createdAt: created,
      },
    ]);
    at(0);
    await send(openid, { courseId: 'course:required', seq: 1, state: 'reading', position: 100 });
    at(30 * SECOND);
    await send(openid, { courseId: 'course:required', seq: 2, state: 'reading', position: 100 });
    at(40 * SECOND);
    await send(openid, { courseId: 'course:required', seq: 3, state: 'reading', position: 100 });
    expect(await cloud.database.getDocument('assignmentTargets', 'assignment:req:m:ASSIGNED')).toMatchObject({
      done: true,
      completedCourseIds: ['course:required'],
    });
    expect(await cloud.database.getDocument('assignments', 'assignment:req')).toMatchObject({ completedCount: 1 });
  });
});

describe('database operations per report', () => {
  it('is 3 for a report that credits time, 4 when the instance does not keep the course', async () => {
    at(200 * 60 * SECOND);
    await send('o-l2', { courseId: 'course:article', seq: 20, state: 'reading' });
    cloud.actions.reset();
    at(200 * 60 * SECOND + 15 * SECOND);
    await send('o-l2', { courseId: 'course:article', seq: 21, state: 'reading' });
    // The caller's member (the guard, one query); the course is kept; the record (read), and one update of
    // it conditional on its version: 3. The session, the credit and the slot's activity are in the record.
    expect(cloud.actions.snapshot()).toEqual({
      'database.getDocument': 2,
      'database.modifyDocument': 1,
    });
    expect(cloud.actions.databaseOperations()).toBe(3);
    forgetReportCourses();
    cloud.actions.reset();
    at(200 * 60 * SECOND + 30 * SECOND);
    await send('o-l2', { courseId: 'course:article', seq: 22, state: 'reading' });
    expect(cloud.actions.databaseOperations()).toBe(4);
  });

  it('is 3 for the first report of a course (the record inserted), 12 for the completing report with its hand-over', async () => {
    await seedMember('o-ops-a', 'm:OPS-A');
    await seedMember('o-ops-b', 'm:OPS-B');
    await seedCourses(courseDoc('course:ops', { durationMinutes: 1 }));
    at(250 * 60 * SECOND);
    // Another learner's report keeps the course on this instance.
    await send('o-ops-a', { courseId: 'course:ops', seq: 1, state: 'reading' });
    cloud.actions.reset();
    await send('o-ops-b', { courseId: 'course:ops', seq: 1, state: 'reading', position: 100 });
    // The guard, the record (absent), its insert.
    expect(cloud.actions.snapshot()).toEqual({ 'database.getDocument': 2, 'database.insertDocument': 1 });
    at(250 * 60 * SECOND + 20 * SECOND);
    cloud.actions.reset();
    expect(dataOf(await send('o-ops-b', { courseId: 'course:ops', seq: 2, state: 'reading', position: 100 })).justCompleted).toBe(true);
    // The report's own 3, then the hand-over (server/learning/events.ts, each step idempotent): the points
    // award (course_completed), the member's required assignments, the share that brought them, and the
    // record's flag saying it was handed over: 12 (20 before the record carried the session).
    expect(cloud.actions.snapshot()).toEqual({ 'database.getDocument': 8, 'database.modifyDocument': 2, 'database.insertDocument': 2 });
    expect(cloud.actions.databaseOperations()).toBe(12);
  });

  it('refuses reports on a withdrawn course once COURSE_TTL_MS has passed', async () => {
    at(300 * 60 * SECOND);
    await seedCourses(courseDoc('course:withdrawn', { durationMinutes: 1 }));
    expect(codeOf(await send('o-l3', { courseId: 'course:withdrawn', sessionId: 'session-W-0001', seq: 1 }))).toBe('OK');
    await testDb()
      .collection('courses')
      .doc('course:withdrawn')
      .update({ data: { status: 'archived' } });
    // The instance's own time passing (InstanceCache reads the monotonic clock).
    const later = performance.now() + COURSE_TTL_MS + 1;
    const clockSpy = jest.spyOn(performance, 'now').mockReturnValue(later);
    try {
      expect(codeOf(await send('o-l3', { courseId: 'course:withdrawn', sessionId: 'session-W-0001', seq: 2 }))).toBe('NOT_FOUND');
    } finally {
      clockSpy.mockRestore();
    }
  });
});
