/**
 * learning.report writes the learning record with one update conditional on its version, without a
 * transaction (server/learning/report.ts). Races of one member's reports of one course (many devices, an
 * app's retries) credit each moment once and lose none; a quiz submitted during reports keeps both. Crashes:
 * a call killed after its write leaves a record the next report completes (the completion hand-over), and
 * every figure counted over records (course counters, views, the heatmap, the member's totals) comes from
 * the record alone; a rollup killed while deriving the activity documents is completed by the next run.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember, testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { callConcurrently, codeOfCall } from '../../helpers/concurrency';
import { courseDoc, quizDoc, seedCourses } from '../../helpers/courses';
import { nextRecord, report } from '../../../server/learning/report';
import { submitQuiz } from '../../../server/course/quiz';
import { newRecord, recordId, RECENT_SESSIONS, writeRecord } from '../../../server/learning/record';
import { runRollup } from '../../../server/report/rollup';
import { COLLECTIONS, findById } from '../../../server/core';
import type { Database } from '../../../server/core';
import type { CourseDoc, LearningRecordDoc } from '../../../typings/domain';
import type { ActionInput, ActionOutput } from '../../../typings/api';

jest.setTimeout(120_000);

/** Wednesday 2026-03-04 12:30 in Beijing: the lunch slot. */
const T0 = new Date('2026-03-04T04:30:00Z');
const SECOND = 1000;
const ADMIN = 'o-races-admin';
const cloud = useTestCloud();

type ReportInput = ActionInput<'learning', 'report'>;
type ReportOutput = ActionOutput<'learning', 'report'>;

function at(ms: number): Date {
  const instant = new Date(T0.getTime() + ms);
  setClock(instant);
  return instant;
}

/** Reports at once, as several instances would run them; answers each one's output or error code. */
function reportAtOnce(openid: string, inputs: ReportInput[]): Promise<(ReportOutput | string)[]> {
  return Promise.all(
    inputs.map(async (input) => {
      let output: ReportOutput | undefined;
      const code = await codeOfCall(
        callConcurrently<ReportOutput>(report as never, input, openid).then((answer) => {
          output = answer;
        }),
      );
      return output ?? code;
    }),
  );
}

const outputs = (answers: (ReportOutput | string)[]): ReportOutput[] => {
  expect(answers.filter((answer) => typeof answer === 'string')).toEqual([]);
  return answers as ReportOutput[];
};

const credited = (answers: ReportOutput[]) => answers.reduce((sum, answer) => sum + answer.creditedMs, 0);

const record = (memberId: string, courseId: string) =>
  cloud.database.getDocument('learningRecords', recordId(memberId, courseId)) as LearningRecordDoc | undefined;

const reading = (courseId: string, sessionId: string, seq: number, position = 0): ReportInput => ({ courseId, sessionId, seq, position, state: 'reading' });

async function ledgerOf(memberId: string): Promise<{ reason: string }[]> {
  const { data } = (await testDb().collection('pointsLedger').where({ memberId }).get()) as unknown as { data: { reason: string }[] };
  return data;
}

beforeAll(async () => {
  freezeClock(T0);
  await seedMember(ADMIN, 'm:races-admin', { roles: [grant('admin')] });
  for (const id of ['crowd', 'replay', 'finish', 'quiz', 'legacy', 'killed', 'derived', 'rollup-a', 'rollup-b']) await seedMember(`o-${id}`, `m:${id}`);
  await seedCourses(
    courseDoc('course:long', { format: 'article', durationMinutes: 60 }),
    courseDoc('course:short', { format: 'text', durationMinutes: 1 }),
    courseDoc('course:quiz', { format: 'article', durationMinutes: 60, quiz: quizDoc({ requiredForCompletion: false, attemptLimit: 0 }) }),
    courseDoc('course:killed', { format: 'text', durationMinutes: 1 }),
    courseDoc('course:derived', { format: 'text', durationMinutes: 10 }),
    courseDoc('course:rollup', { format: 'text', durationMinutes: 10 }),
  );
});

afterAll(() => {
  jest.useRealTimers();
});

describe('many reports of one member and course at once', () => {
  it('starts every session once and credits each moment once, with no CONFLICT', async () => {
    const sessions = Array.from({ length: RECENT_SESSIONS }, (_, i) => `device-${String(i).padStart(4, '0')}`);
    at(0);
    const started = outputs(
      await reportAtOnce(
        'o-crowd',
        sessions.map((id) => reading('course:long', id, 1)),
      ),
    );
    expect(credited(started)).toBe(0);
    expect(record('m:crowd', 'course:long')).toMatchObject({ sessionCount: RECENT_SESSIONS, studyMs: 0 });
    expect(Object.keys(record('m:crowd', 'course:long')?.sessions ?? {}).sort()).toEqual(sessions);
    // Every 15 s every device reports: the same 15 s of the member's time, credited once.
    for (const [seq, position] of [
      [2, 10],
      [3, 20],
    ] as const) {
      at((seq - 1) * 15 * SECOND);
      const answers = outputs(
        await reportAtOnce(
          'o-crowd',
          sessions.map((id) => reading('course:long', id, seq, position)),
        ),
      );
      expect(credited(answers)).toBe(15 * SECOND);
    }
    expect(record('m:crowd', 'course:long')).toMatchObject({ studyMs: 30 * SECOND, sessionCount: RECENT_SESSIONS, position: 20, furthest: 20 });
    expect(record('m:crowd', 'course:long')?.activity).toEqual({
      '2026-03-04|lunch': { studyMs: 30 * SECOND, sessions: RECENT_SESSIONS, at: new Date(T0.getTime() + 30 * SECOND) },
    });
  });

  it('applies a report retried many times at once exactly once, and loses no time across rounds', async () => {
    at(0);
    outputs(await reportAtOnce('o-replay', [reading('course:long', 'phone-000001', 1)]));
    let expected = 0;
    for (let round = 2; round <= 6; round += 1) {
      at((round - 1) * 15 * SECOND);
      // The app retries the same report (same session and seq) eight times at once.
      const answers = outputs(
        await reportAtOnce(
          'o-replay',
          Array.from({ length: 8 }, () => reading('course:long', 'phone-000001', round, round)),
        ),
      );
      expect(answers.filter((answer) => !answer.ignored)).toHaveLength(1);
      expect(credited(answers)).toBe(15 * SECOND);
      expected += 15 * SECOND;
      expect(record('m:replay', 'course:long')).toMatchObject({ studyMs: expected, sessionCount: 1 });
    }
  });

  it('completes once when reports of two devices cross the completion rule together, paying course_completed once', async () => {
    at(0);
    outputs(await reportAtOnce('o-finish', [reading('course:short', 'phone-000001', 1, 100), reading('course:short', 'pad-00000001', 1, 100)]));
    at(20 * SECOND);
    const answers = outputs(
      await reportAtOnce('o-finish', [
        ...Array.from({ length: 4 }, () => reading('course:short', 'phone-000001', 2, 100)),
        ...Array.from({ length: 4 }, () => reading('course:short', 'pad-00000001', 2, 100)),
      ]),
    );
    expect(answers.filter((answer) => answer.justCompleted)).toHaveLength(1);
    expect(credited(answers)).toBe(20 * SECOND);
    expect(record('m:finish', 'course:short')).toMatchObject({ completed: true, completionEmitted: true, studyMs: 20 * SECOND });
    expect((await ledgerOf('m:finish')).filter((entry) => entry.reason === 'course_completed')).toHaveLength(1);
  });

  it('keeps both a quiz submitted during reports and the time the reports credit', async () => {
    const answers = { q1: ['b'], q2: ['a', 'c'], q3: ['t'], q4: ['a'], q5: ['b'] };
    at(0);
    outputs(await reportAtOnce('o-quiz', [reading('course:quiz', 'phone-000001', 1)]));
    for (let round = 1; round <= 3; round += 1) {
      at(round * 15 * SECOND);
      const [quiz, ...reports] = await Promise.all([
        codeOfCall(callConcurrently(submitQuiz as never, { courseId: 'course:quiz', attemptId: `attempt-${round}-0001`, answers }, 'o-quiz')),
        ...Array.from({ length: 3 }, () => reportAtOnce('o-quiz', [reading('course:quiz', 'phone-000001', round + 1, round)])),
      ]);
      expect(quiz).toBe('OK');
      expect(credited(outputs(reports.flat()))).toBe(15 * SECOND);
    }
    expect(record('m:quiz', 'course:quiz')).toMatchObject({ quizAttempts: 3, quizPassed: true, quizBestScore: 100, studyMs: 45 * SECOND, position: 3 });
  });
});

describe('records written before they carried sessions', () => {
  it('take reports: the first starts a session afresh, the next credit as usual, the version from 1', async () => {
    const start = new Date(T0.getTime() - 86_400_000);
    // The record as written before: without version, sessions, session count or activity.
    const { version: _v, sessions: _s, sessionCount: _c, activity: _a, ...legacy } = newRecord('m:legacy', 'course:long', start);
    cloud.database.insertDocuments('learningRecords', [
      { ...legacy, position: 10, furthest: 10, percent: 17, studyMs: 60 * SECOND, creditedUntil: start } as unknown as Record<string, unknown>,
    ]);
    at(0);
    outputs(await reportAtOnce('o-legacy', [reading('course:long', 'phone-000001', 7, 12)]));
    at(15 * SECOND);
    expect(outputs(await reportAtOnce('o-legacy', [reading('course:long', 'phone-000001', 8, 14)]))[0]).toMatchObject({ creditedMs: 15 * SECOND });
    expect(record('m:legacy', 'course:long')).toMatchObject({ version: 2, studyMs: 75 * SECOND, sessionCount: 1, furthest: 14 });
  });
});

describe('a call killed between two operations', () => {
  /** What a report call did before it was killed: the record read and written, nothing after. */
  async function writtenThenKilled(memberId: string, courseId: string, input: ReportInput, now: Date): Promise<LearningRecordDoc> {
    setClock(now);
    const db = testDb();
    const course = (await findById<CourseDoc>(db, COLLECTIONS.courses, courseId)) as CourseDoc;
    const before = await findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, recordId(memberId, courseId));
    const outcome = nextRecord(course, memberId, before, input, now);
    expect(await writeRecord(db, before, outcome.record)).toBe(true);
    return outcome.record;
  }

  it('killed after the completing write: the next report hands the completion over, once', async () => {
    at(0);
    outputs(await reportAtOnce('o-killed', [reading('course:killed', 'phone-000001', 1, 100)]));
    const written = await writtenThenKilled('m:killed', 'course:killed', reading('course:killed', 'phone-000001', 2, 100), at(20 * SECOND));
    expect(written).toMatchObject({ completed: true, completionEmitted: false });
    expect(await ledgerOf('m:killed')).toEqual([]);
    at(35 * SECOND);
    const next = outputs(await reportAtOnce('o-killed', [reading('course:killed', 'phone-000001', 3, 100)]))[0];
    expect(next).toMatchObject({ justCompleted: false, progress: { completed: true } });
    expect(record('m:killed', 'course:killed')).toMatchObject({ completionEmitted: true });
    at(50 * SECOND);
    outputs(await reportAtOnce('o-killed', [reading('course:killed', 'phone-000001', 4, 100)]));
    expect((await ledgerOf('m:killed')).filter((entry) => entry.reason === 'course_completed')).toHaveLength(1);
  });

  it('killed before its write: nothing changed, and the retried report credits what it should', async () => {
    at(0);
    outputs(await reportAtOnce('o-derived', [reading('course:derived', 'phone-000001', 1)]));
    const before = record('m:derived', 'course:derived');
    // The retried call (same session and seq) after a call that read the record and died.
    at(15 * SECOND);
    await findById<LearningRecordDoc>(testDb(), COLLECTIONS.learningRecords, recordId('m:derived', 'course:derived'));
    expect(record('m:derived', 'course:derived')).toEqual(before);
    expect(outputs(await reportAtOnce('o-derived', [reading('course:derived', 'phone-000001', 2, 50)]))[0]).toMatchObject({ creditedMs: 15 * SECOND });
  });

  it('killed after an ordinary write: every figure counted over records follows from the record alone', async () => {
    await writtenThenKilled('m:derived', 'course:derived', reading('course:derived', 'phone-000001', 3, 60), at(30 * SECOND));
    // The member's totals are summed from the records when read.
    expect(dataOf(await callAction('course', 'myLearning', { pageSize: 1 }, { openid: 'o-derived' })).totals).toEqual({
      studySeconds: 30,
      coursesStarted: 1,
      coursesCompleted: 0,
    });
    // The rollup derives the course's counters, its views and the slot's activity.
    expect(await runRollup(testDb(), at(60 * SECOND))).toMatchObject({ ran: true });
    expect(cloud.database.getDocument('courses', 'course:derived')).toMatchObject({ stats: { learners: 1, completions: 0 } });
    expect(cloud.database.getDocument('learningActivity', 'm:derived:course:derived:2026-03-04:lunch')).toMatchObject({
      studyMs: 30 * SECOND,
      sessions: 1,
    });
    const detail = dataOf(await callAction('report', 'course', { courseId: 'course:derived', weeks: 1 }, { openid: ADMIN }));
    expect(detail.course).toMatchObject({ learners: 1, views: 1, avgStudySeconds: 30 });
  });

  it('a rollup killed while deriving activity documents is completed by the next run', async () => {
    at(5 * 60 * SECOND);
    for (const openid of ['o-rollup-a', 'o-rollup-b']) outputs(await reportAtOnce(openid, [reading('course:rollup', 'phone-000001', 1)]));
    at(5 * 60 * SECOND + 20 * SECOND);
    for (const openid of ['o-rollup-a', 'o-rollup-b']) outputs(await reportAtOnce(openid, [reading('course:rollup', 'phone-000001', 2, 40)]));
    // The run dies on its second activity document.
    const killed = killedOnActivityWrite(testDb(), 'course:rollup', 1);
    const runAt = at(6 * 60 * SECOND);
    await expect(runRollup(killed, runAt)).rejects.toThrow('killed');
    expect(cloud.database.listDocuments('learningActivity').filter((doc) => doc.courseId === 'course:rollup').length).toBeLessThan(2);
    // The next tick, once the dead run's lease has run out.
    expect(await runRollup(testDb(), at(6 * 60 * SECOND + 61 * SECOND))).toMatchObject({ ran: true, more: false });
    const docs = cloud.database.listDocuments('learningActivity').filter((doc) => doc.courseId === 'course:rollup');
    expect(docs.map((doc) => [doc.memberId, doc.studyMs, doc.sessions]).sort()).toEqual([
      ['m:rollup-a', 20 * SECOND, 1],
      ['m:rollup-b', 20 * SECOND, 1],
    ]);
    const heatmap = dataOf(await callAction('report', 'heatmap', { weeks: 1 }, { openid: ADMIN }));
    const lunch = heatmap.cells.find((cell) => cell.weekday === 3 && cell.slot === 'lunch');
    // Everyone's lunch on this Wednesday: the other tests' members too, each member once.
    const all = cloud.database.listDocuments('learningActivity').filter((doc) => doc.day === '2026-03-04' && doc.slot === 'lunch');
    expect(lunch).toMatchObject({
      studySeconds: Math.floor(all.reduce((sum, doc) => sum + (doc.studyMs as number), 0) / 1000),
      sessions: all.reduce((sum, doc) => sum + (doc.sessions as number), 0),
      active: new Set(all.map((doc) => doc.memberId)).size,
    });
  });
});

/** The database, with writes of `courseId`'s activity documents failing after `allowed` succeeded (the function killed). */
function killedOnActivityWrite(db: Database, courseId: string, allowed: number): Database {
  let written = 0;
  const bound = <T extends object>(target: T, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'collection') return bound(target, prop);
      return (name: string) => {
        const collection = target.collection(name);
        if (name !== 'learningActivity') return collection;
        return new Proxy(collection, {
          get(inner, key) {
            if (key !== 'doc') return bound(inner, key);
            return (id: string) => {
              const doc = inner.doc(id);
              return new Proxy(doc, {
                get(docTarget, method) {
                  if (method !== 'set' || !id.includes(`:${courseId}:`)) return bound(docTarget, method);
                  return async (options: unknown) => {
                    if (written >= allowed) throw new Error('killed');
                    written += 1;
                    return (docTarget.set as (o: unknown) => Promise<unknown>)(options);
                  };
                },
              });
            };
          },
        });
      };
    },
  });
}
