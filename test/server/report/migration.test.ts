/**
 * Data migrations run by the reportRollup timer (server/core/migrations.ts), and the one that folds the old
 * `studySessions` into the learning records' view counts (server/learning/legacy-sessions.ts): old-shape
 * data (records without session counts, a record whose sessions span pages, a record written since with
 * sessions of its own, a session without a record), the views the reports then show, steps across runs, a
 * run stopped after any of its operations, the migration recorded as done, and an environment that never
 * had the collection.
 */
import type { LearningRecordDoc, MigrationDoc } from '../../../typings/domain';
import { runMigrations } from '../../../server/core/migrations';
import { LEGACY_STUDY_SESSIONS, legacySessionViews } from '../../../server/learning/legacy-sessions';
import { MIGRATIONS, rollupTick } from '../../../server/reportRollup/actions';
import { runRollup } from '../../../server/report/rollup';
import { newRecord, writeRecord } from '../../../server/learning/record';
import { callAction } from '../../helpers/invoke';
import { courseDoc } from '../../helpers/courses';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, memberDoc, readDoc, seedMember, testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { steppingClock } from '../../helpers/clock';
import { stoppingDb } from '../../helpers/stopping-db';

jest.setTimeout(600_000);

const cloud = useTestCloud();
const ADMIN = 'o-migration-admin';
const DEPARTMENT = 'dept:总部/销售部';

let clock: ReturnType<typeof steppingClock>;
/** Moves the clock past the rollup's lease (60 s), so a stopped run's lease has run out. */
const tick = (ms?: number) => clock.tick(ms);

beforeAll(async () => {
  clock = steppingClock(new Date('2026-03-25T04:00:00Z'));
  await seedMember(ADMIN, 'm:migration-admin', { roles: [grant('admin')] });
});

afterAll(() => {
  jest.useRealTimers();
});

const migrationDoc = () => readDoc<MigrationDoc>('migrations', legacySessionViews.id);

it('finds nothing to migrate where the old collection never existed, and is recorded as done', async () => {
  expect(cloud.database.collections()).not.toContain(LEGACY_STUDY_SESSIONS);
  expect(await runMigrations(testDb(), MIGRATIONS, tick(), 45_000)).toEqual({ done: true, steps: 1 });
  expect(await migrationDoc()).toMatchObject({ doneAt: clock.now(), cursor: null, lease: null, steps: 1 });
  // Later ticks read the migrations' documents once and step no more.
  const counting = stoppingDb(testDb(), Number.POSITIVE_INFINITY);
  expect(await runMigrations(counting.db, MIGRATIONS, tick(), 45_000)).toEqual({ done: true, steps: 0 });
  expect(counting.operations()).toBe(1);
});

/** An environment of the previous version: records without session counts, and their sessions apart. */
function seedOldEnvironment(prefix: string, sessionsPerRecord: readonly number[]) {
  const members = sessionsPerRecord.map((_, i) => `${prefix}:m${i}`);
  const courseId = `${prefix}:c`;
  cloud.database.insertDocuments(
    'members',
    members.map((id) => memberDoc(id, { departmentId: DEPARTMENT, departmentPath: ['总部', '销售部'] }) as unknown as Record<string, unknown>),
  );
  cloud.database.insertDocuments('courses', [courseDoc(courseId, { title: `课程 ${prefix}` }) as unknown as Record<string, unknown>]);
  const at = new Date('2026-03-10T02:00:00Z');
  cloud.database.insertDocuments(
    'learningRecords',
    // Records of the previous version: no version, sessions, session count, activity or `folded`.
    members.map((memberId) => {
      const { version: _v, sessions: _s, sessionCount: _c, activity: _a, ...old } = newRecord(memberId, courseId, at);
      return { ...old, percent: 10, studyMs: 60_000 };
    }),
  );
  const sessions = members.flatMap((memberId, i) =>
    Array.from({ length: sessionsPerRecord[i] as number }, (_, k) => ({
      _id: `${memberId}:${courseId}:s${String(k).padStart(5, '0')}`,
      memberId,
      courseId,
      sessionId: `s${k}`,
      seq: 3,
      state: 'paused',
      position: 30,
      at,
      clientTime: null,
    })),
  );
  // A session whose record is gone has nothing to count it.
  sessions.push({ ...(sessions[0] as (typeof sessions)[number]), _id: `${prefix}:gone:${courseId}:s0`, memberId: `${prefix}:gone` });
  cloud.database.insertDocuments(LEGACY_STUDY_SESSIONS, sessions);
  return { members, courseId, records: members.map((memberId) => `${memberId}:${courseId}`) };
}

async function courseViews(courseId: string): Promise<number> {
  const detail = dataOf(await callAction('report', 'course', { courseId }, { openid: ADMIN }));
  return detail.course.views;
}

describe('the old study sessions', () => {
  it('become the records’ view counts once, across runs, and the reports count them', async () => {
    cloud.database.management.createCollection(LEGACY_STUDY_SESSIONS);
    await testDb().collection('migrations').doc(legacySessionViews.id).remove();
    // 2,500 sessions of one record span three pages; the environment's rollup ran before the deploy.
    const env = seedOldEnvironment('mg1', [2500, 3, 1, 0]);
    await testDb().collection('reportState').doc('rollup').remove();
    expect(await runRollup(testDb(), tick())).toMatchObject({ ran: true, more: false });
    expect(await courseViews(env.courseId)).toBe(0);
    // The deploy's first ticks: a step each (no budget), the rollup waiting until the migration is done.
    let result = await rollupTick(testDb(), tick(), 0);
    expect(result).toMatchObject({ ran: false, more: true, migrationSteps: 1 });
    let ticks = 1;
    // A learner studies meanwhile: a session of the new version, counted by the record itself.
    const before = (await readDoc<LearningRecordDoc>('learningRecords', env.records[1] as string)) as LearningRecordDoc;
    expect(await writeRecord(testDb(), before, { ...before, sessionCount: 2, updatedAt: clock.now() })).toBe(true);
    for (; ticks < 20 && result.more; ticks += 1) result = await rollupTick(testDb(), tick(), 0);
    expect(result).toMatchObject({ ran: true, more: false });
    // 2,505 sessions: three steps, then the rollup (one item per run without budget).
    expect(ticks).toBeGreaterThanOrEqual(3);
    const views = await Promise.all(env.records.map(async (id) => (await readDoc<LearningRecordDoc>('learningRecords', id))?.sessionCount ?? 0));
    expect(views).toEqual([2500, 5, 1, 0]);
    expect(await courseViews(env.courseId)).toBe(2506);
    expect(await migrationDoc()).toMatchObject({ cursor: null, lease: null, doneAt: expect.any(Date) });
    // Done is done; and were it run again, no record would count its sessions twice.
    expect(await runMigrations(testDb(), MIGRATIONS, tick(), 45_000)).toEqual({ done: true, steps: 0 });
    await testDb().collection('migrations').doc(legacySessionViews.id).remove();
    expect(await runMigrations(testDb(), MIGRATIONS, tick(), 45_000)).toMatchObject({ done: true });
    expect((await readDoc<LearningRecordDoc>('learningRecords', env.records[0] as string))?.sessionCount).toBe(2500);
    await rollupTick(testDb(), tick());
    expect(await courseViews(env.courseId)).toBe(2506);
  });

  it('counts every session once when a run stops after any of its operations', async () => {
    /** A fresh old environment (the sessions of earlier ones gone), its migration not started. */
    const fresh = async (prefix: string) => {
      await testDb()
        .collection(LEGACY_STUDY_SESSIONS)
        .where({ _id: testDb().command.exists(true) })
        .remove();
      await testDb().collection('migrations').doc(legacySessionViews.id).remove();
      return seedOldEnvironment(prefix, [1200, 2, 1]);
    };
    const probe = stoppingDb(testDb(), Number.POSITIVE_INFINITY);
    const first = await fresh('mg2');
    await runMigrations(probe.db, [legacySessionViews], tick(), 45_000);
    const total = probe.operations();
    expect((await readDoc<LearningRecordDoc>('learningRecords', first.records[0] as string))?.sessionCount).toBe(1200);
    for (let stop = 1; stop < total; stop += 1) {
      const env = await fresh(`mg2-${stop}`);
      const stopping = stoppingDb(testDb(), stop);
      await runMigrations(stopping.db, [legacySessionViews], tick(), 45_000).catch(() => undefined);
      await stopping.settled();
      expect(await runMigrations(testDb(), [legacySessionViews], tick(), 45_000)).toMatchObject({ done: true });
      const views = await Promise.all(env.records.map(async (id) => (await readDoc<LearningRecordDoc>('learningRecords', id))?.sessionCount));
      expect({ stop, views }).toEqual({ stop, views: [1200, 2, 1] });
    }
  });
});
