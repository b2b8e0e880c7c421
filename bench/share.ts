/**
 * Share tracking and learning analytics: database operations and latency of recording an open (first
 * opens, repeated opens, outsiders), then report page latency over 1,000,000 learning records and 100,000
 * share events seeded in bulk straight into the local cloud's database, after the first rollup (its runs timed),
 * and the rollup after new and progressing records. Opens run the domain code in this process against its own
 * local cloud, as the race tests do; reports run it against the local cloud in a process of its own, as on
 * CloudBase (bench/db-cpu-server.ts), with each side's CPU apart. `BENCH_SHARE_SCALE` (default 1) scales the
 * seeded volume down for a quick try; `BENCH_SHARE_PROFILE=1` writes the local cloud's CPU profile
 * (`--cpu-prof`) to the working folder.
 */
import type { ChildProcess } from 'node:child_process';
import type { LocalCloud } from '../emulator/server';
import { askChild, type CpuUsage, cpuMicros, drainTally, type Recorder, withBenchCloud, withCloudProcess } from './harness';
import { forEachDoc } from '../server/core/db';
import { performance } from 'node:perf_hooks';
import { COLLECTIONS, resolveCaller } from '../server/core';
import type { Database } from '../server/core';
import { getCloud } from '../server/core/cloud';
import type { WxCloud } from '../server/core/cloud';
import * as wxCloud from 'wx-server-sdk';
import { DISCOVERY_WINDOW_MS, RUN_BUDGET_MS, runRollup } from '../server/report/rollup';
import { courseDetail, coursesPage, departmentsPage, heatmap, reportScope, trends } from '../server/report/read';
import { createShare } from '../server/share/create';
import { openShare } from '../server/share/open';
import { tallyOpens } from '../server/share/tally';
import { countsOf, SHARE_COUNTER_SHARDS } from '../server/share/counters';
import { beijingMoment } from '../server/core/calendar';
import type { LearningRecordDoc, MemberDoc } from '../typings/domain';
import { NOTHING_FOLDED } from '../typings/docs/report';
import { newRecord, writeRecord } from '../server/learning/record';
import type { RoleGrant } from '../typings/roles';

const SCALE = Number(process.env.BENCH_SHARE_SCALE ?? 1);
const RECORDS = Math.round(1_000_000 * SCALE);
const PER_MEMBER = 50;
const MEMBERS = RECORDS / PER_MEMBER;
const COURSES = 500;
const DEPARTMENTS = 40;
const SHARES = Math.round(20_000 * SCALE);
const OPENS = Math.round(80_000 * SCALE);
const DAY = 86_400_000;
const CHUNK = 50_000;

const department = (i: number) => `dept:总部/分公司${Math.floor(i / 10)}/部门${i % 10}`;

function member(i: number, roles: RoleGrant[] = []): MemberDoc {
  const departmentId = department(i % DEPARTMENTS);
  return {
    _id: `m:bs-${i}`,
    employeeNo: `BS${i}`,
    name: `员工${i}`,
    departmentId,
    departmentPath: departmentId.slice(5).split('/'),
    jobLevel: 'individual',
    hireDate: '2020-01-01',
    active: true,
    roles,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function measureOpens(db: Database, cloud: LocalCloud, record: Recorder): Promise<void> {
  const openers = Array.from({ length: 200 }, (_, i) => member(1_000_000 + i));
  cloud.database.insertDocuments('members', openers.map((m) => ({ ...m, boundOpenid: `o-${m._id}` })) as unknown as Record<string, unknown>[]);
  cloud.database.insertDocuments(
    'bindings',
    openers.map((m) => ({ _id: `o-${m._id}`, memberId: m._id, boundAt: new Date() })),
  );
  cloud.database.insertDocuments('courses', [{ _id: 'bs-shared', title: '分享基准课程', status: 'published', audiences: [], cover: null, seriesIds: [] }]);
  const sharer = openers[0] as MemberDoc;
  const share = await createShare(db, sharer, { targetKind: 'course', targetId: 'bs-shared', channel: 'chat', requestId: 'bench-share-0001' }, new Date());
  const open = async (openid: string) => {
    const caller = await resolveCaller(db, { openid, appid: null, unionid: null }, 'anyone');
    await openShare(db, caller, share._id, new Date());
  };
  const timed = async (label: string, openids: string[], note: string) => {
    const times: number[] = [];
    cloud.actions.reset();
    for (const openid of openids) {
      const started = performance.now();
      await open(openid);
      times.push(performance.now() - started);
    }
    record(`share: database operations per ${label}`, (cloud.actions.databaseOperations() / openids.length).toFixed(1), note);
    record(`share: ${label} latency p50 / p95`, `${ms(median(times))} / ${ms(percentile(times, 0.95))}`, `${openids.length} sequential, guard included`);
  };
  const colleagues = openers.slice(1).map((m) => `o-${m._id}`);
  await timed(
    'first open',
    colleagues,
    'guard 1, attribution read and insert, open record insert; the share kept per instance; counted afterwards by the timer (before: 12.0, a transaction of 3 reads and 3 writes)',
  );
  await timed('repeated open', colleagues, 'guard 1, attribution read, open record found a duplicate (before: 5.0)');
  await timed(
    'outsider open',
    Array.from({ length: 100 }, (_, i) => `o-outsider-${i}`),
    'no member: binding 1, share 1, outsider record 1, transaction',
  );
  // 199 colleagues opening within moments (a share posted in a large group chat), 50 requests in flight at
  // a time: one local process serves every request, so more at once only queues them past the SDK's timeout.
  const crowd = Array.from({ length: 199 }, (_, i) => member(2_000_000 + i));
  cloud.database.insertDocuments('members', crowd.map((m) => ({ ...m, boundOpenid: `o-${m._id}` })) as unknown as Record<string, unknown>[]);
  cloud.database.insertDocuments(
    'bindings',
    crowd.map((m) => ({ _id: `o-${m._id}`, memberId: m._id, boundAt: new Date() })),
  );
  // The sequential first opens above counted first, so the crowd's growth is its own.
  await tallyOpens(db, new Date());
  const before = (await countsOf(db, [share._id])).get(share._id)?.opens ?? 0;
  const started = performance.now();
  const outcomes: PromiseSettledResult<void>[] = [];
  for (let start = 0; start < crowd.length; start += 50)
    outcomes.push(...(await Promise.allSettled(crowd.slice(start, start + 50).map((m) => open(`o-${m._id}`)))));
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String((outcome.reason as { code?: string }).code ?? outcome.reason)] : []));
  const elapsed = performance.now() - started;
  // The timer's tally counts the crowd's opens (two overlapping runs), exactly once each.
  const tallyStarted = performance.now();
  cloud.actions.reset();
  const tallied = await drainTally(2, () => tallyOpens(db, new Date()));
  const tallyOperations = cloud.actions.databaseOperations();
  const counts = await countsOf(db, [share._id]);
  record(
    'share: 199 first opens of one share, 50 at once',
    `${ms(elapsed)} total`,
    `${failures.length} failed${failures.length ? ` (${[...new Set(failures)].join(', ')})` : ''}; reach grew by ${(counts.get(share._id)?.opens ?? 0) - before} (${SHARE_COUNTER_SHARDS} shards) once the timer counted ${tallied.counted} opens in ${ms(performance.now() - tallyStarted)}, ${(tallyOperations / Math.max(1, tallied.counted)).toFixed(1)} operations per open counted`,
  );
}

/** Figures the seed implies, by `<courseId>|*` and by department id (its total over every course). */
type Expected = Map<string, Record<string, number>>;
const CHECKED = ['learners', 'completions', 'studyMs', 'views', 'quizTakers', 'quizPassers', 'shares', 'opens', 'conversions'] as const;

function expect(expected: Expected, [courseId, departmentId]: [string, string], figures: Partial<Record<(typeof CHECKED)[number], number>>): void {
  for (const key of [`${courseId}|*`, departmentId, '*']) {
    const into = expected.get(key) ?? Object.fromEntries(CHECKED.map((field) => [field, 0]));
    for (const [field, value] of Object.entries(figures)) into[field] = (into[field] ?? 0) + (value as number);
    expected.set(key, into);
  }
}

/**
 * The rollup's course totals, department totals and company total against the figures the seed implies
 * (computed here as it seeds, not by the rollup's code): the count of rows that differ, and the first few.
 */
async function mismatches(db: Database, expected: Expected): Promise<string[]> {
  const found = new Map<string, Record<string, number>>();
  await forEachDoc<{ _id: string } & Record<string, number>>(db, COLLECTIONS.reportCourseDepts, { departmentId: '*' }, (row) => found.set(row._id, row));
  await forEachDoc<{ _id: string } & Record<string, number>>(db, COLLECTIONS.reportDepts, {}, (row) => found.set(row._id, row));
  const wrong: string[] = [];
  for (const [key, figures] of expected) {
    const row = found.get(key);
    const off = CHECKED.filter((field) => row?.[field] !== figures[field]);
    if (off.length > 0) wrong.push(`${key}: ${off.map((field) => `${field} ${row?.[field]} ≠ ${figures[field]}`).join(', ')}`);
  }
  return wrong;
}

/** 1,000,000 learning records (20,000 members × 50 courses) with their sessions, activity, and 100,000 share events. */
async function seedScale(insert: Insert, start: number): Promise<Expected> {
  const expected: Expected = new Map();
  await insert(
    'courses',
    Array.from({ length: COURSES }, (_, i) => ({
      _id: `bs-course-${i}`,
      title: `基准课程 ${i}`,
      status: 'published',
      audiences: [],
      cover: null,
      seriesIds: [],
    })),
  );
  await insert(
    'departments',
    Array.from({ length: DEPARTMENTS }, (_, i) => ({ _id: department(i), name: `部门${i % 10}`, path: department(i).slice(5).split('/'), parentId: null })),
  );
  for (let offset = 0; offset < MEMBERS; offset += CHUNK)
    await insert(
      'members',
      Array.from({ length: Math.min(CHUNK, MEMBERS - offset) }, (_, j) => member(offset + j)),
    );
  for (let offset = 0; offset < RECORDS; offset += CHUNK) {
    const records: object[] = [];
    const activity: object[] = [];
    for (let n = offset; n < Math.min(RECORDS, offset + CHUNK); n += 1) {
      const memberIndex = Math.floor(n / PER_MEMBER);
      const memberId = `m:bs-${memberIndex}`;
      const courseId = `bs-course-${(n * 7919) % COURSES}`;
      const at = new Date(start + (n % 84) * DAY + (n % 24) * 3_600_000);
      const completed = n % 3 === 0;
      expect(expected, [courseId, department(memberIndex % DEPARTMENTS)], {
        learners: 1,
        completions: completed ? 1 : 0,
        studyMs: 60_000 + (n % 10) * 30_000,
        views: n % 5 === 0 ? 1 : 0,
        quizTakers: n % 4 === 0 ? 1 : 0,
        quizPassers: n % 8 === 0 ? 1 : 0,
      });
      records.push({
        _id: `${memberId}:${courseId}`,
        memberId,
        courseId,
        position: 0,
        furthest: 0,
        percent: 0,
        studyMs: 60_000 + (n % 10) * 30_000,
        creditedUntil: at,
        completed,
        completedAt: completed ? at : null,
        completionEmitted: completed,
        quizAttempts: n % 4 === 0 ? 1 : 0,
        quizPassed: n % 8 === 0,
        quizBestScore: null,
        quizPassEmitted: false,
        startedAt: at,
        lastStudiedAt: at,
        updatedAt: at,
        // A fifth of the records had a player session (views); their activity is history already derived.
        sessionCount: n % 5 === 0 ? 1 : 0,
      });
      if (n % 5 === 0) {
        const moment = beijingMoment(at);
        activity.push({
          _id: `${memberId}:${moment.day}:${moment.slot}:${n}`,
          memberId,
          departmentId: department(memberIndex % DEPARTMENTS),
          ...moment,
          studyMs: 90_000,
          sessions: 1,
          updatedAt: at,
        });
      }
    }
    await insert('learningRecords', records);
    await insert('learningActivity', activity);
  }
  // 20,000 shares by 4,000 sharers over the courses, and 80,000 opens (a fifth converted), in 16 shards.
  const shares: object[] = [];
  const counters = new Map<string, { opens: number; conversions: number; share: { _id: string; sharerId: string; courseId: string; at: Date } }>();
  for (let s = 0; s < SHARES; s += 1) {
    const sharerId = `m:bs-${(s * 5) % MEMBERS}`;
    const courseId = `bs-course-${s % COURSES}`;
    const at = new Date(start + (s % 84) * DAY);
    const token = `bs${String(s).padStart(10, '0')}`;
    expect(expected, [courseId, department(((s * 5) % MEMBERS) % DEPARTMENTS)], { shares: 1 });
    shares.push({
      _id: token,
      sharerId,
      sharerName: '',
      sharerDepartmentId: department(((s * 5) % MEMBERS) % DEPARTMENTS),
      targetKind: 'course',
      targetId: courseId,
      targetTitle: '',
      channel: 'chat',
      requestId: token,
      boardKind: null,
      boardId: null,
      createdAt: at,
    });
  }
  await insert('shares', shares);
  const attributions: object[] = [];
  const opens: object[] = [];
  for (let o = 0; o < OPENS; o += 1) {
    const s = o % SHARES;
    const token = `bs${String(s).padStart(10, '0')}`;
    const courseId = `bs-course-${s % COURSES}`;
    const memberId = `m:bs-${(o * 13 + 1) % MEMBERS}`;
    const at = new Date(start + (s % 84) * DAY + 3_600_000);
    const converted = o % 5 === 0;
    expect(expected, [courseId, department(((s * 5) % MEMBERS) % DEPARTMENTS)], { opens: 1, conversions: converted ? 1 : 0 });
    const key = `${token}:${o % 16}`;
    const counter = counters.get(key) ?? { opens: 0, conversions: 0, share: { _id: token, sharerId: `m:bs-${(s * 5) % MEMBERS}`, courseId, at } };
    counter.opens += 1;
    if (converted) counter.conversions += 1;
    counters.set(key, counter);
    opens.push({ _id: `${token}:${memberId}:${o}`, token, memberId, openedAt: at });
    attributions.push({
      _id: `${memberId}:course:${courseId}:${o}`,
      memberId,
      targetKind: 'course',
      targetId: courseId,
      token,
      sharerId: `m:bs-${(s * 5) % MEMBERS}`,
      openedAt: at,
      convertedAt: converted ? at : null,
      updatedAt: at,
    });
  }
  await insert('shareOpens', opens);
  await insert('shareAttributions', attributions);
  await insert(
    'shareCounters',
    [...counters].map(([id, c]) => ({
      _id: id,
      token: c.share._id,
      shard: Number(id.split(':')[1]),
      sharerId: c.share.sharerId,
      targetKind: 'course',
      targetId: c.share.courseId,
      boardKind: null,
      boardId: null,
      opens: c.opens,
      outsiderOpens: 0,
      conversions: c.conversions,
      updatedAt: c.share.at,
    })),
  );
  return expected;
}

/** Opens only: first, repeated and outsider opens and a crowd on one share (quick; `--only share-opens`). */
export function runOpens(record: Recorder): Promise<void> {
  return withBenchCloud('share-opens', (cloud) => measureOpens(getCloud().database(), cloud, record));
}

export async function run(record: Recorder): Promise<void> {
  await runOpens(record);
  await runReports(record);
}

/** Inserts documents in bulk, straight into the local cloud's database (not counted as operations). */
type Insert = (collection: string, docs: object[]) => Promise<void>;

/** The local cloud in its own process (as on CloudBase): its operations and CPU, and this process's CPU. */
interface Sides {
  operations: number;
  server: CpuUsage;
  client: NodeJS.CpuUsage;
}

async function sides(child: ChildProcess): Promise<Sides> {
  return {
    operations: await askChild<number>(child, 'operations', 'operations'),
    server: await askChild<CpuUsage>(child, 'usage', 'usage'),
    client: process.cpuUsage(),
  };
}

/** What happened since `before`: operations, and each side's CPU seconds. */
async function since(child: ChildProcess, before: Sides): Promise<{ operations: number; functionCpu: number; cloudCpu: number; note: string }> {
  const after = await sides(child);
  const operations = after.operations - before.operations;
  const functionCpu = (cpuMicros(after.client) - cpuMicros(before.client)) / 1e6;
  const cloudCpu = (cpuMicros(after.server) - cpuMicros(before.server)) / 1e6;
  return {
    operations,
    functionCpu,
    cloudCpu,
    note: `${operations.toLocaleString('en')} database operations, CPU ${functionCpu.toFixed(1)} s in the function's process (the rollup and wx-server-sdk) and ${cloudCpu.toFixed(1)} s in the local cloud's`,
  };
}

/** One rollup run after some change: its time, operations and each side's CPU time. */
async function measureIncremental(child: ChildProcess, db: Database, record: Recorder, name: string, what: string): Promise<void> {
  const before = await sides(child);
  const started = performance.now();
  const result = await runRollup(db, new Date());
  const elapsed = performance.now() - started;
  const { note } = await since(child, before);
  record(name, ms(elapsed), `${what}: ${result.courses} courses folded or read whole, ${note}${result.more ? ', more left' : ''}`);
}

/** Report pages and the rollup over 1,000,000 learning records and 100,000 share events, the local cloud in its own process. */
export function runReports(record: Recorder): Promise<void> {
  return withCloudProcess(Boolean(process.env.BENCH_SHARE_PROFILE), async (child) => {
    // The rollup groups history a window at a time (server/report/rollup.ts), but a window of this bench's
    // scale still groups tens of thousands of rows in one aggregation, slow on a shared 2-core machine: the
    // SDK's 15 s request timeout is raised for this bench. (`timeout` reaches @cloudbase/node-sdk's init, whose
    // default it replaces; wx-server-sdk's types omit it. The SDK keeps its first init, so this runs before
    // getCloud's; after other areas it is the default.)
    wxCloud.init({ env: wxCloud.DYNAMIC_CURRENT_ENV as unknown as string, timeout: 10 * 60_000 } as Parameters<WxCloud['init']>[0]);
    const db = getCloud().database();
    const insert: Insert = async (collection, docs) => {
      await askChild<number>(child, { insert: { collection, docs } }, 'inserted');
    };

    const start = Date.UTC(2026, 0, 5);
    let started = performance.now();
    const expected = await seedScale(insert, start);
    record(
      'report: seeded',
      `${RECORDS.toLocaleString('en')} learning records, ${(SHARES + OPENS).toLocaleString('en')} share events`,
      `bulk insert ${((performance.now() - started) / 1000).toFixed(0)} s; ${COURSES} courses, ${MEMBERS.toLocaleString('en')} members, ${DEPARTMENTS} departments`,
    );

    // As the timer runs it: runs of the function's budget (RUN_BUDGET_MS), each continuing where the last stopped.
    started = performance.now();
    const first = await sides(child);
    const runs: string[] = [];
    const runTimes: number[] = [];
    let result: Awaited<ReturnType<typeof runRollup>>;
    do {
      const before = await sides(child);
      const run = performance.now();
      result = await runRollup(db, new Date());
      runTimes.push(performance.now() - run);
      const { operations, functionCpu, cloudCpu } = await since(child, before);
      runs.push(
        `${(runTimes[runTimes.length - 1] as number) / 1000 > 0 ? ((runTimes[runTimes.length - 1] as number) / 1000).toFixed(1) : '0'} s, ${operations.toLocaleString('en')} ops, CPU ${functionCpu.toFixed(1)} + ${cloudCpu.toFixed(1)} s`,
      );
      console.log(`report: first rollup, run ${runs.length}: ${runs[runs.length - 1]}`);
    } while (result.more);
    record(
      'report: first rollup over everything',
      `${((performance.now() - started) / 1000).toFixed(1)} s in ${runTimes.length} runs, the longest ${(Math.max(...runTimes) / 1000).toFixed(1)} s`,
      `${(await since(child, first)).note}; each run stops after its ${RUN_BUDGET_MS / 1000} s budget and history is grouped ${DISCOVERY_WINDOW_MS / DAY} days at a time; runs (time, operations, CPU function + cloud): ${runs.join('; ')}`,
    );
    const wrong = await mismatches(db, expected);
    record(
      'report: first rollup against the seed',
      wrong.length === 0 ? 'equal' : `${wrong.length} rows differ`,
      `${COURSES} course totals, ${DEPARTMENTS} department totals and the company total, ${CHECKED.join(', ')}: the figures the seeded records and share events imply, computed as they were seeded${wrong.length ? `; ${wrong.slice(0, 3).join('; ')}` : ''}`,
    );

    const admin = { roles: [{ role: 'admin' as const }] };
    const trainer = { roles: [{ role: 'trainer' as const, scopeDepartmentId: 'dept:总部/分公司1' }] };
    const now = new Date(start + 84 * DAY);
    const pages: [string, () => Promise<unknown>][] = [
      ['courses page (admin, company)', () => coursesPage(db, reportScope(admin, undefined), 'learners', { page: 1, pageSize: 20 })],
      ['courses page (trainer, 10 departments)', () => coursesPage(db, reportScope(trainer, undefined), 'learners', { page: 1, pageSize: 20 })],
      ['departments page (admin)', () => departmentsPage(db, reportScope(admin, undefined), { page: 1, pageSize: 20 })],
      ['course detail (admin)', () => courseDetail(db, reportScope(admin, undefined), 'bs-course-7', 12, now)],
      ['trends, 12 weeks (trainer)', () => trends(db, reportScope(trainer, undefined), undefined, 12, now)],
      ['heatmap, 12 weeks (admin)', () => heatmap(db, reportScope(admin, undefined), 12, now)],
    ];
    for (const [name, read] of pages) {
      await read();
      const times: number[] = [];
      const before = await sides(child);
      for (let i = 0; i < 5; i += 1) {
        const t = performance.now();
        await read();
        times.push(performance.now() - t);
      }
      const { operations } = await since(child, before);
      record(`report: ${name}`, `${ms(median(times))} median`, `5 reads; ${(operations / 5).toFixed(0)} database operations each`);
    }
    // The watermark queries are date ranges on indexed fields (updatedAt, at, createdAt): the local cloud
    // serves them from the index, as CloudBase does, so a run with nothing new reads only the documents in its margin.
    started = performance.now();
    const idleBefore = await sides(child);
    try {
      const idle = await runRollup(db, new Date());
      record(
        'report: rollup with nothing new',
        ms(performance.now() - started),
        `${idle.courses} courses re-read in the watermark margin; ${(await since(child, idleBefore)).note}`,
      );
    } catch (err) {
      record(
        'report: rollup with nothing new',
        'did not finish',
        `${(err as Error).message.slice(0, 80)} after ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    // 1,000 new learners, one record each (as the learning module writes a new record: nothing counted yet,
    // server/learning/record.ts), then the next run.
    const fresh = new Date();
    await insert(
      'members',
      Array.from({ length: 1_000 }, (_, j) => member(MEMBERS + j)),
    );
    await insert(
      'learningRecords',
      Array.from({ length: 1_000 }, (_, j) => ({
        ...newRecord(`m:bs-${MEMBERS + j}`, `bs-course-${j % COURSES}`, fresh),
        studyMs: 120_000,
        completed: j % 2 === 0,
        completedAt: j % 2 === 0 ? fresh : null,
        sessionCount: 1,
        folded: NOTHING_FOLDED,
        version: 1,
      })),
    );
    await measureIncremental(child, db, record, 'report: rollup after 1,000 new records', '1,000 new learners over all 500 courses');
    // 1,000 learners going on with a course they had started (their records as a progress report leaves them:
    // what the rollup counted kept in `folded`), then the next run.
    const later = new Date(fresh.getTime() + 60_000);
    for (let n = 0; n < 1_000; n += 1) {
      // The first 1,000 seeded records: two on each course (7919 and 500 share no factor).
      const id = `m:bs-${Math.floor(n / PER_MEMBER)}:bs-course-${(n * 7919) % COURSES}`;
      const { data: before } = (await db.collection('learningRecords').doc(id).get()) as unknown as { data: LearningRecordDoc };
      const after = { ...before, studyMs: before.studyMs + 60_000, sessionCount: (before.sessionCount ?? 0) + 1, updatedAt: later, lastStudiedAt: later };
      if (!(await writeRecord(db, before, after))) throw new Error(`record ${id} changed meanwhile`);
    }
    await measureIncremental(
      child,
      db,
      record,
      'report: rollup after 1,000 progressing records',
      '1,000 existing records over all 500 courses, more study time and a session each',
    );
  });
}
