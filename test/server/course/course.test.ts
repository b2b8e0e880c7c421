/**
 * The course function through the real main and the local cloud: audience filtering, filters and search,
 * quizzes (shuffling per attempt, grading, attempt limit, resubmission counted once, answers never sent
 * before submission), ratings with the content check, the home composition and its operation count.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { courseDoc, quizDoc, seedCourses, seriesDoc } from '../../helpers/courses';
import { FUNCTIONS } from '../../../server/functions';
import { getCloud } from '../../../server/core/cloud';

const T0 = new Date('2026-03-02T01:00:00Z');
const cloud = useTestCloud();
const LEARNER = { openid: 'o-c1' };
const MANAGER = { openid: 'o-c2' };

beforeAll(async () => {
  freezeClock(T0);
  await seedMember(LEARNER.openid, 'm:C1', { name: '学员甲' });
  await seedMember(MANAGER.openid, 'm:C2', { jobLevel: 'middle_senior_manager' });
  await seedCourses(
    courseDoc('course:a', {
      title: '高效沟通',
      tags: ['沟通'],
      seriesIds: ['series:1'],
      category: 'general_skills',
      publishedAt: new Date('2026-01-03T00:00:00Z'),
    }),
    courseDoc('course:b', {
      title: '领导力基础',
      tags: ['管理'],
      category: 'leadership',
      audiences: ['middle_senior_manager'],
      publishedAt: new Date('2026-01-04T00:00:00Z'),
    }),
    courseDoc('course:c', {
      title: '视频课 (a+b)',
      tags: ['安全'],
      format: 'video',
      audiences: ['individual'],
      seriesIds: ['series:1'],
      publishedAt: new Date('2026-01-05T00:00:00Z'),
      quiz: quizDoc(),
    }),
    courseDoc('course:d', { title: '草稿', status: 'draft' }),
  );
  await insertAll('series', [seriesDoc('series:1', ['course:c', 'course:a'], { stepUnlock: true })]);
});

afterAll(async () => {
  jest.useRealTimers();
});

const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

describe('catalogue', () => {
  it('shows only published courses for my audiences or everyone, newest first', async () => {
    expect(ids(dataOf(await callAction('course', 'list', {}, LEARNER)))).toEqual(['course:c', 'course:a']);
    expect(ids(dataOf(await callAction('course', 'list', {}, MANAGER)))).toEqual(['course:b', 'course:a']);
    expect(codeOf(await callAction('course', 'detail', { courseId: 'course:b' }, LEARNER))).toBe('NOT_FOUND');
  });

  it('filters by category, format and series and searches titles and tags with escaped keywords', async () => {
    expect(ids(dataOf(await callAction('course', 'list', { format: 'video' }, LEARNER)))).toEqual(['course:c']);
    expect(ids(dataOf(await callAction('course', 'list', { category: 'leadership' }, MANAGER)))).toEqual(['course:b']);
    expect(ids(dataOf(await callAction('course', 'list', { seriesId: 'series:1' }, LEARNER)))).toEqual(['course:c', 'course:a']);
    expect(ids(dataOf(await callAction('course', 'list', { keyword: '沟通' }, LEARNER)))).toEqual(['course:a']);
    expect(ids(dataOf(await callAction('course', 'list', { keyword: '安全' }, LEARNER)))).toEqual(['course:c']);
    // Regular-expression characters are literal.
    expect(ids(dataOf(await callAction('course', 'list', { keyword: '(a+b)' }, LEARNER)))).toEqual(['course:c']);
    expect(ids(dataOf(await callAction('course', 'list', { keyword: '.*' }, LEARNER)))).toEqual([]);
  });

  it('locks the second step of a step-by-step series and hides its content', async () => {
    const second = dataOf(await callAction('course', 'detail', { courseId: 'course:a' }, LEARNER));
    expect(second).toMatchObject({ locked: true, content: null, series: [{ seriesId: 'series:1', index: 1, count: 2, stepUnlock: true }] });
    const series = dataOf(await callAction('course', 'seriesDetail', { seriesId: 'series:1' }, LEARNER));
    expect(series.courses.map((course) => [course.id, course.locked])).toEqual([
      ['course:c', false],
      ['course:a', true],
    ]);
  });
});

const ANSWERS = { q1: ['b'], q2: ['a', 'c'], q3: ['t'], q4: ['a'], q5: ['b'] };

describe('quizzes', () => {
  it('shuffles per attempt, deterministically from the attempt id', async () => {
    const order = async (attemptId: string) =>
      dataOf(await callAction('course', 'quiz', { courseId: 'course:c', attemptId }, LEARNER))
        .questions.map((q) => q.id)
        .join();
    const first = await order('attempt-one-001');
    expect(await order('attempt-one-001')).toBe(first);
    const others = await Promise.all(['attempt-two-002', 'attempt-three-3', 'attempt-four-04', 'attempt-five-05'].map(order));
    expect(others.some((other) => other !== first)).toBe(true);
  });

  it('grades on the server, counts a resubmitted attempt once, enforces the limit and reveals answers only at the end', async () => {
    const wrong = { ...ANSWERS, q1: ['a'], q2: ['a'], q3: ['f'] };
    const failed = dataOf(await callAction('course', 'submitQuiz', { courseId: 'course:c', attemptId: 'attempt-fail-01', answers: wrong }, LEARNER));
    expect(failed).toMatchObject({ score: 40, passed: false, correctCount: 2, attemptsUsed: 1, attemptsLeft: 1 });
    expect(failed.questions.every((q) => q.answer === null)).toBe(true);
    const again = dataOf(await callAction('course', 'submitQuiz', { courseId: 'course:c', attemptId: 'attempt-fail-01', answers: ANSWERS }, LEARNER));
    expect(again).toMatchObject({ score: 40, attemptsUsed: 1 });
    const passed = dataOf(await callAction('course', 'submitQuiz', { courseId: 'course:c', attemptId: 'attempt-pass-01', answers: ANSWERS }, LEARNER));
    expect(passed).toMatchObject({ score: 100, passed: true, attemptsUsed: 2, attemptsLeft: 0 });
    expect(passed.questions.find((q) => q.questionId === 'q2')?.answer).toEqual(['a', 'c']);
    const refused = await callAction('course', 'submitQuiz', { courseId: 'course:c', attemptId: 'attempt-more-01', answers: ANSWERS }, LEARNER);
    expect(codeOf(refused)).toBe('QUIZ_ATTEMPTS_USED');
    const ledger = (await testDb().collection('pointsLedger').where({ memberId: 'm:C1' }).get()) as unknown as { data: unknown[] };
    expect(ledger.data).toHaveLength(1);
  });

  it('never sends an answer key in any app-facing output before submission', async () => {
    await seedMember('o-c3', 'm:C3');
    const who = { openid: 'o-c3' };
    // A take-away file, so fileUrl answers one too.
    const fileContent = Buffer.from('%PDF-1.4 notes');
    const { fileID } = (await getCloud().uploadFile({ cloudPath: 'uploads/o-author/course-file/notes.pdf', fileContent })) as { fileID: string };
    await testDb()
      .collection('courses')
      .doc('course:c')
      .update({ data: { files: [{ name: '笔记.pdf', fileID, fileType: 'pdf', size: fileContent.length }] } });
    const outputs = [
      await callAction('course', 'list', {}, who),
      await callAction('course', 'detail', { courseId: 'course:c' }, who),
      await callAction('course', 'fileUrl', { courseId: 'course:c', index: 0 }, who),
      await callAction('course', 'quiz', { courseId: 'course:c', attemptId: 'attempt-scan-01' }, who),
      await callAction('course', 'seriesList', {}, who),
      await callAction('course', 'seriesDetail', { seriesId: 'series:1' }, who),
      await callAction('course', 'home', {}, who),
      await callAction('course', 'myLearning', {}, who),
      await callAction('course', 'comments', { courseId: 'course:c' }, who),
      await callAction('course', 'discussionList', { courseId: 'course:c' }, who),
      await callAction('course', 'discussionQueue', {}, who),
    ];
    expect(outputs.map(codeOf)).toEqual(outputs.map(() => 'OK'));
    for (const output of outputs) expect(JSON.stringify(output)).not.toMatch(/"answer"|"explanation"/);
    // Every action of the function is in the scan except those that grade or write.
    // The discussion's actions never read a quiz (server/course/discussion).
    expect(Object.keys(FUNCTIONS.course.actions).sort()).toEqual([
      'comments',
      'detail',
      'discussionAccept',
      'discussionAnswer',
      'discussionAsk',
      'discussionDelete',
      'discussionHide',
      'discussionLike',
      'discussionList',
      'discussionQueue',
      'discussionThread',
      'fileUrl',
      'home',
      'list',
      'myLearning',
      'quiz',
      'rate',
      'seriesDetail',
      'seriesList',
      'submitQuiz',
    ]);
  });
});

describe('ratings', () => {
  it('keeps one rating per member, maintains the counters and refuses a blocked comment', async () => {
    expect(dataOf(await callAction('course', 'rate', { courseId: 'course:a', rating: 4, comment: '很实用' }, LEARNER))).toMatchObject({
      ratingCount: 1,
      average: 4,
    });
    expect(dataOf(await callAction('course', 'rate', { courseId: 'course:a', rating: 2 }, LEARNER))).toMatchObject({ ratingCount: 1, average: 2 });
    expect(dataOf(await callAction('course', 'rate', { courseId: 'course:a', rating: 5, comment: '好课' }, MANAGER))).toMatchObject({
      ratingCount: 2,
      average: 3.5,
    });
    cloud.openapi.setBlockList({ text: ['违禁词'], imageSha256: [] });
    expect(codeOf(await callAction('course', 'rate', { courseId: 'course:a', rating: 1, comment: '这是违禁词' }, MANAGER))).toBe('CONTENT_REJECTED');
    expect(await cloud.database.getDocument('courses', 'course:a')).toMatchObject({ stats: { ratingCount: 2, ratingSum: 7 } });
    const comments = dataOf(await callAction('course', 'comments', { courseId: 'course:a' }, LEARNER));
    expect(comments.items.map((item) => item.comment)).toEqual(['好课']);
  });
});

describe('home', () => {
  it('composes continue learning, recommended and series within bounded reads', async () => {
    cloud.actions.reset();
    const home = dataOf(await callAction('course', 'home', {}, LEARNER));
    expect(home.continueLearning.map((item) => item.id)).toEqual(['course:c']);
    expect(home.recommended.map((item) => item.id)).toEqual(['course:a']);
    expect(home.series).toMatchObject([{ id: 'series:1', courseCount: 2 }]);
    // Guard 1, assignments 1, records 1, newest courses 1, series count + page 2, then course titles,
    // started records and series completion 3 (the assignment module adds at most 2 more with assignments).
    expect(cloud.actions.databaseOperations()).toBeLessThanOrEqual(11);
    const mine = dataOf(await callAction('course', 'myLearning', {}, LEARNER));
    expect(mine.items.map((item) => item.id)).toEqual(['course:c']);
  });
});
