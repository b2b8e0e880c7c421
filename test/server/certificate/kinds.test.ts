/**
 * Certificates of every kind issued where the achievement happens, each exactly once under many parallel
 * calls: a course passed with its quiz (课程), a series whose courses are all completed and quizzes passed
 * (系列), a contest award (every member of each winning entry), an author level reached. Each verifies by
 * its code. A course without a quiz, or a series not finished, certifies nothing.
 */
import type { CertificateDoc, ContestAwardDoc, ContestEntryDoc, LearningRecordDoc } from '../../../typings/domain';
import { certificateId } from '../../../server/core/certificates';
import { payAward } from '../../../server/contest/awards';
import { DEFAULT_AUTHOR_SETTINGS, reviewAuthorLevel } from '../../../server/authoring/levels';
import { newRecord } from '../../../server/learning/record';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, readWhere, testDb } from '../../helpers/db';
import { as, seedMembers } from '../../helpers/identities';
import { dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { courseDoc, quizDoc, seedCourses, seriesDoc } from '../../helpers/courses';

jest.setTimeout(120_000);

useTestCloud();
const T0 = new Date('2026-06-01T02:00:00Z');
const ANSWERS = { q1: ['b'], q2: ['a', 'c'], q3: ['t'], q4: ['a'], q5: ['b'] };
const PARALLEL = 12;

/** A record of a course whose content is done (read to the end, time enough): completed unless a quiz is required. */
const studied = (memberId: string, courseId: string, completed: boolean): LearningRecordDoc => ({
  ...newRecord(memberId, courseId, T0),
  furthest: 100,
  position: 100,
  percent: 100,
  studyMs: 600_000,
  completed,
  completedAt: completed ? T0 : null,
  completionEmitted: completed,
});

const certificates = (filter: Record<string, unknown>) => readWhere<CertificateDoc>('certificates', filter);

beforeAll(async () => {
  freezeClock(T0);
  await seedMembers(['m:cert-a', 'm:cert-b', 'm:cert-c', 'm:cert-d', 'm:cert-author']);
  await seedCourses(
    courseDoc('course:cert-quiz', { title: '安全生产规范', seriesIds: ['series:cert'], quiz: quizDoc({ attemptLimit: 0, requiredForCompletion: true }) }),
    courseDoc('course:cert-plain', { title: '入职须知', seriesIds: ['series:cert'] }),
    courseDoc('course:cert-alone', { title: '时间管理' }),
  );
  await insertAll('series', [seriesDoc('series:cert', ['course:cert-plain', 'course:cert-quiz'], { title: '新员工必修系列' })]);
  await insertAll('learningRecords', [
    studied('m:cert-a', 'course:cert-plain', true),
    studied('m:cert-a', 'course:cert-quiz', false),
    studied('m:cert-b', 'course:cert-quiz', false),
  ]);
});

it('a course passed with its quiz, and the series it completes, certify once however many submissions race', async () => {
  const submit = (n: number) =>
    callAction(
      'course',
      'submitQuiz',
      { courseId: 'course:cert-quiz', attemptId: `cert-attempt-${String(n).padStart(3, '0')}`, answers: ANSWERS },
      as('m:cert-a'),
    );
  const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, n) => submit(n)));
  expect(answers.every((answer) => dataOf(answer).passed)).toBe(true);
  const mine = await certificates({ memberId: 'm:cert-a' });
  expect(mine.map((doc) => doc._id).sort()).toEqual([
    certificateId('course', 'course:cert-quiz', 'm:cert-a'),
    certificateId('series', 'series:cert', 'm:cert-a'),
  ]);
  expect(mine.find((doc) => doc.kind === 'course')).toMatchObject({
    achievement: '安全生产规范',
    detail: '课程测验 100 分，通过',
    number: expect.stringMatching(/^KC20260601-[0-9A-F]{8}$/),
    issuedDay: '2026-06-01',
  });
  expect(mine.find((doc) => doc.kind === 'series')).toMatchObject({
    achievement: '新员工必修系列',
    detail: '完成全部 2 门课程，通过 1 项测验',
    number: expect.stringMatching(/^XL20260601-/),
  });
  // Each verifies by its code, for anyone.
  for (const doc of mine)
    expect(dataOf(await callAction('certificate', 'verify', { code: doc.code }, { openid: 'o-outsider' }))).toMatchObject({
      kind: doc.kind,
      achievement: doc.achievement,
    });
  // One 获得证书 notification each.
  expect(await readWhere('notifications', { memberId: 'm:cert-a', kind: 'certificate_issued' })).toHaveLength(2);
});

it('a series not finished certifies only the course; a course without a quiz certifies nothing of its own', async () => {
  await callAction('course', 'submitQuiz', { courseId: 'course:cert-quiz', attemptId: 'cert-attempt-b-01', answers: ANSWERS }, as('m:cert-b'));
  expect((await certificates({ memberId: 'm:cert-b' })).map((doc) => doc.kind)).toEqual(['course']);
  await insertAll('learningRecords', [studied('m:cert-c', 'course:cert-alone', false)]);
  const report = await callAction(
    'learning',
    'report',
    { courseId: 'course:cert-alone', sessionId: 'cert-session-1', seq: 1, position: 100, state: 'reading' },
    as('m:cert-c'),
  );
  expect(dataOf(report).justCompleted).toBe(true);
  expect(await certificates({ memberId: 'm:cert-c' })).toEqual([]);
  expect(await readWhere('learningRecords', { memberId: 'm:cert-c' })).toMatchObject([{ completed: true, certificatesEmitted: true }]);
});

it('a contest award certifies every member of each winning entry once, however often it is paid', async () => {
  const entry = (id: string, memberIds: string[], title: string): Partial<ContestEntryDoc> => ({
    _id: id,
    contestId: 'contest:cert',
    kind: 'team',
    title,
    memberIds,
    ownerId: memberIds[0],
    ownerName: '甲',
    submitted: true,
  });
  await insertAll('contestEntries', [entry('entry:cert-1', ['m:cert-a', 'm:cert-d'], '三分钟讲清楚'), entry('entry:cert-2', ['m:cert-b'], '安全第一')]);
  const award: ContestAwardDoc = {
    _id: 'contest:cert:best',
    contestId: 'contest:cert',
    awardId: 'best',
    kind: 'best_overall',
    name: '一等奖',
    entryIds: ['entry:cert-1', 'entry:cert-2'],
    branchId: null,
    basis: '决赛最终得分最高',
    points: 50,
    paidMemberIds: [],
    decidedAt: T0,
  };
  await insertAll('contestAwards', [award]);
  await Promise.all(Array.from({ length: PARALLEL }, () => payAward(testDb(), award, '2026 微课大赛')));
  const issued = await certificates({ kind: 'contest_award' });
  expect(issued.map((doc) => [doc.memberId, doc.achievement, doc.detail]).sort()).toEqual([
    ['m:cert-a', '2026 微课大赛 一等奖', '作品《三分钟讲清楚》'],
    ['m:cert-b', '2026 微课大赛 一等奖', '作品《安全第一》'],
    ['m:cert-d', '2026 微课大赛 一等奖', '作品《三分钟讲清楚》'],
  ]);
  expect(new Set(issued.map((doc) => doc.code)).size).toBe(3);
  // The points were paid once each too.
  expect(await readWhere('pointsLedger', { reason: 'competition_award' })).toHaveLength(3);
});

it('an author level reached certifies once, however many reviews race', async () => {
  const figures = { courses: 6, categories: 2, quizCourses: 2, learners: 150, ratingCount: 20, averageRating: 4.6 };
  await Promise.all(Array.from({ length: PARALLEL }, () => reviewAuthorLevel(testDb(), 'm:cert-author', figures, DEFAULT_AUTHOR_SETTINGS.levels, T0)));
  const issued = await certificates({ memberId: 'm:cert-author' });
  expect(issued).toHaveLength(1);
  expect(issued[0]).toMatchObject({ kind: 'author_level', source: 'rank2', achievement: '蓝带作者', number: expect.stringMatching(/^ZZ20260601-/) });
  expect(issued[0]?.detail).toContain('已发布 6 门课程');
  // A later, higher rung certifies that rung too.
  await reviewAuthorLevel(
    testDb(),
    'm:cert-author',
    { ...figures, courses: 15, categories: 3, quizCourses: 8, learners: 1000 },
    DEFAULT_AUTHOR_SETTINGS.levels,
    new Date('2026-06-05T02:00:00Z'),
  );
  expect((await certificates({ memberId: 'm:cert-author' })).map((doc) => doc.achievement).sort()).toEqual(['蓝带作者', '黑带作者']);
});
