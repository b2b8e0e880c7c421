/**
 * Authoring rewards (server/authoring/rewards.ts) against the local cloud: 500 learners completing one
 * author's course at once (50 through the real learning action), then reward runs racing each other: the author's
 * per-learner points are paid exactly once per learner and never beyond the day's cap; ratings reaching the
 * standard and contest awards pay once.
 */
import { DEFAULT_RULES } from '../../../server/points/rules';
import { runAuthorRewards, SETTLE_MS } from '../../../server/authoring/rewards';
import { report } from '../../../server/learning/report';
import { runRollup } from '../../../server/report/rollup';
import type { EarningRules } from '../../../typings/functions/points';
import type { LedgerEntryDoc } from '../../../typings/docs/points';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, readWhere, seedBoundMembers, seedMember } from '../../helpers/db';
import { runConcurrently } from '../../helpers/concurrency';
import { courseAuthoringDoc, courseDoc, seedCourses } from '../../helpers/courses';
import { freezeClock, setClock } from '../../helpers/clock';
import { testDb } from '../../helpers/db';

jest.setTimeout(600_000);

const cloud = useTestCloud();
const T0 = new Date('2026-03-02T01:00:00Z');
const LEARNERS = 500;
const REAL = 50;
const asAction = (action: unknown) => action as Parameters<typeof runConcurrently>[0];

const RULES: EarningRules = {
  points: { ...DEFAULT_RULES.points, course_award: 80 },
  dailyCaps: {
    course_completed: null,
    quiz_passed: null,
    checkin: null,
    streak_bonus: null,
    competition_award: null,
    course_published: null,
    course_learner: 600,
    course_rated: null,
    course_award: null,
    session_attended: null,
  },
  dailyTotalCap: null,
  expiryEnabled: false,
};

const authorEntries = (reason: string) => readWhere<LedgerEntryDoc>('pointsLedger', { memberId: 'm:author', reason });
const later = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  freezeClock(T0);
  await testDb()
    .collection('pointsRules')
    .doc('current')
    .set({ data: { ...RULES, updatedAt: T0, updatedBy: 'm:admin' } });
  await seedMember('o-author', 'm:author');
  await seedCourses(courseDoc('course:popular', { format: 'text', durationMinutes: 1 }), courseDoc('course:rated'), courseDoc('course:won'));
  await insertAll(
    'courseAuthoring',
    ['course:popular', 'course:rated', 'course:won'].map((id) => courseAuthoringDoc(id, 'm:author', T0)),
  );
  await seedBoundMembers(Array.from({ length: LEARNERS }, (_, i) => ({ openid: `o-crowd-${i}`, memberId: `m:crowd-${i}` })));
  // The author reads their own course too: that completion pays them nothing.
  await seedMember('o-self', 'm:self');
});

afterAll(() => {
  jest.useRealTimers();
});

/** `calls` with at most `inFlight` running at any time (more sockets at once exceed one local process's listen backlog). */
async function pooled(calls: (() => Promise<string>)[], inFlight: number): Promise<string[]> {
  const codes: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < calls.length) {
        const call = calls[next] as () => Promise<string>;
        next += 1;
        codes.push(await call());
      }
    }),
  );
  return codes;
}

/** Completed records written as the learning action writes them, all at the same instant. */
async function seedCompletions(memberIds: string[], at: Date): Promise<void> {
  const records = memberIds.map((memberId) => ({
    _id: `${memberId}:course:popular`,
    memberId,
    courseId: 'course:popular',
    position: 100,
    furthest: 100,
    percent: 100,
    studyMs: 40_000,
    creditedUntil: at,
    completed: true,
    completedAt: at,
    completionEmitted: true,
    quizAttempts: 0,
    quizPassed: false,
    quizBestScore: null,
    quizPassEmitted: false,
    startedAt: T0,
    lastStudiedAt: at,
    updatedAt: at,
  }));
  await Promise.all(
    Array.from({ length: 10 }, (_, k) =>
      insertAll(
        'learningRecords',
        records.filter((_, i) => i % 10 === k),
      ),
    ),
  );
}

async function completeAll(openids: string[]): Promise<string[]> {
  // A learner's app retries a report refused with CONFLICT (none is expected: a report writes the learner's
  // own record only, and the course's counters are the rollup's).
  const send = (openid: string, seq: number, position: number) => async () => {
    for (let attempt = 0; ; attempt += 1) {
      const code = await runConcurrently(
        asAction(report),
        { courseId: 'course:popular', sessionId: 'session-crowd-01', seq, position, state: 'reading' },
        openid,
      );
      if (code !== 'CONFLICT' || attempt === 5) return code;
    }
  };
  setClock(T0);
  const started = await pooled(
    openids.map((openid) => send(openid, 1, 0)),
    50,
  );
  setClock(later(40_000));
  // Read to the end after 40 s of a 1-minute text (30% needed): every one of them completes in this burst.
  const completed = await pooled(
    openids.map((openid) => send(openid, 2, 100)),
    100,
  );
  return [...started, ...completed];
}

describe('per-learner points', () => {
  it('pays the author once per learner of 500 completing at once, and never beyond the daily cap', async () => {
    // 50 learners complete through the learning action, in one burst; 450 more completed at the same instant
    // are written as that action writes them (500 real completions take minutes on a shared 2-core machine).
    const codes = await completeAll(Array.from({ length: REAL }, (_, i) => `o-crowd-${i}`));
    expect(codes.filter((code) => code !== 'OK')).toEqual([]);
    // The course's counters are derived from the records by the report rollup.
    expect(await runRollup(testDb(), later(40_000))).toMatchObject({ ran: true, more: false });
    expect(await cloud.database.getDocument('courses', 'course:popular')).toMatchObject({ stats: { completions: REAL } });
    expect(await cloud.database.getDocument('learningRecords', 'm:crowd-0:course:popular')).toMatchObject({ completed: true });
    await seedCompletions(
      Array.from({ length: LEARNERS - REAL }, (_, i) => `m:crowd-${REAL + i}`),
      later(40_000),
    );
    // Nothing is paid to the author during the learners' requests.
    expect(await authorEntries('course_learner')).toHaveLength(0);

    // Three runs at once, after the completions settled.
    const now = later(40_000 + SETTLE_MS + 1000);
    const runs = await Promise.all([runAuthorRewards(testDb(), now), runAuthorRewards(testDb(), now), runAuthorRewards(testDb(), now)]);
    expect(runs.every((run) => !run.more)).toBe(true);
    const entries = await authorEntries('course_learner');
    // 600 a day at 2 a learner: exactly 300 learners pay, each once.
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((entry) => entry.source)).size).toBe(300);
    expect(entries.every((entry) => entry.amount === 2 && entry.source.startsWith('course:popular:m:crowd-'))).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.learners, 0)).toBe(300);
    expect(await cloud.database.getDocument('pointsAccounts', 'm:author')).toMatchObject({
      balance: 600,
      earnedTotal: 600,
      days: { '2026-03-02': { total: 600, byType: { course_learner: 600 } } },
    });

    // A later run (a new day) pays nothing for the capped completions of that day.
    const again = await runAuthorRewards(testDb(), later(2 * 86_400_000));
    expect(again.learners).toBe(0);
    expect(await authorEntries('course_learner')).toHaveLength(300);
  });
});

describe('ratings and contest awards', () => {
  it('pays a course whose average reaches the standard with enough ratings, once', async () => {
    // Default standard: 4.5 over at least 10 ratings.
    const at = later(3 * 86_400_000);
    await testDb()
      .collection('courses')
      .doc('course:rated')
      .update({ data: { stats: { learners: 12, completions: 12, ratingCount: 10, ratingSum: 46 } } });
    await testDb()
      .collection('courses')
      .doc('course:won')
      .update({ data: { stats: { learners: 12, completions: 12, ratingCount: 3, ratingSum: 15 } } });
    const ratings = Array.from({ length: 10 }, (_, i) => ({
      _id: `course:rated:m:crowd-${i}`,
      courseId: 'course:rated',
      memberId: `m:crowd-${i}`,
      memberName: '学员',
      rating: i < 6 ? 5 : 4,
      comment: '',
      hasComment: false,
      createdAt: at,
      updatedAt: at,
    }));
    await insertAll('courseRatings', [
      ...ratings,
      {
        _id: 'course:won:m:crowd-1',
        courseId: 'course:won',
        memberId: 'm:crowd-1',
        memberName: '学员',
        rating: 5,
        comment: '好',
        hasComment: true,
        createdAt: at,
        updatedAt: at,
      },
    ]);
    const result = await runAuthorRewards(testDb(), new Date(at.getTime() + SETTLE_MS + 1000));
    expect(result.rated).toBe(1);
    expect((await authorEntries('course_rated')).map((entry) => [entry.source, entry.amount])).toEqual([['course:rated', 30]]);
    // A new rating later pays nothing more.
    const newer = new Date(at.getTime() + 3_600_000);
    await insertAll('courseRatings', [
      {
        _id: 'course:rated:m:crowd-20',
        courseId: 'course:rated',
        memberId: 'm:crowd-20',
        memberName: '学员',
        rating: 5,
        comment: '',
        hasComment: false,
        createdAt: newer,
        updatedAt: newer,
      },
    ]);
    expect((await runAuthorRewards(testDb(), new Date(newer.getTime() + SETTLE_MS + 1000))).rated).toBe(0);
    expect(await authorEntries('course_rated')).toHaveLength(1);
  });

  it('pays the author of every course in a winning entry, once per award and course', async () => {
    const decidedAt = later(4 * 86_400_000);
    await insertAll('contestEntryCourses', [
      { _id: 'entry:1:course:won', entryId: 'entry:1', courseId: 'course:won', revision: 1, fields: {}, submittedAt: decidedAt },
    ]);
    await insertAll('contestAwards', [
      {
        _id: 'contest:1:best',
        contestId: 'contest:1',
        awardId: 'best',
        kind: 'best_overall',
        name: '最佳课程',
        entryIds: ['entry:1'],
        branchId: null,
        basis: '第一名',
        points: 50,
        paidMemberIds: [],
        decidedAt,
      },
      {
        _id: 'contest:1:branch',
        contestId: 'contest:1',
        awardId: 'branch',
        kind: 'best_branch',
        name: '最佳组织',
        entryIds: [],
        branchId: 'dept:a',
        basis: '参与率',
        points: 0,
        paidMemberIds: [],
        decidedAt,
      },
    ]);
    const now = new Date(decidedAt.getTime() + SETTLE_MS + 1000);
    const [first, second] = await Promise.all([runAuthorRewards(testDb(), now), runAuthorRewards(testDb(), now)]);
    expect(first!.awards + second!.awards).toBe(1);
    expect((await authorEntries('course_award')).map((entry) => [entry.source, entry.amount])).toEqual([['contest:1:best:course:won', 80]]);
  });

  it('looks at the levels of the authors it paid: three published courses in one category make a 黄带', async () => {
    const level = await cloud.database.getDocument('authorLevels', 'm:author');
    expect(level).toMatchObject({ rank: 1, name: '黄带' });
    expect((level as { history: unknown[] }).history).toHaveLength(1);
  });
});
