/**
 * 我的创作 and the author ladder through the authoring function: an author's courses with their figures,
 * level, progress and authoring points in a fixed number of database operations; a course passing review
 * pays its author once; the ladder an admin saves is checked, and new thresholds never take a level away.
 */
import { callAction, invoke } from '../../helpers/invoke';
import { authoringFunction } from '../../../server/authoring/actions';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { courseDoc, quizDoc, seedCourses } from '../../helpers/courses';
import { awardPointsForEvent } from '../../../server/points';
import { authorLevelOf } from '../../../server/authoring';
import type { AuthorLevelRule } from '../../../typings/functions/authors';

const cloud = useTestCloud();
const AT = new Date('2026-03-02T02:00:00Z');

function authoring(id: string, authorId: string, courseStatus = 'published') {
  return {
    _id: id,
    authorId,
    authorName: '作者',
    authorDepartmentId: 'dept:总部/信息技术部',
    title: id,
    format: 'article',
    category: 'general_skills',
    courseStatus,
    publishedRevision: courseStatus === 'draft' ? 0 : 1,
    latestRevision: 1,
    openRevision: null,
    openStatus: null,
    createdAt: AT,
    updatedAt: AT,
  };
}

const LADDER: AuthorLevelRule[] = [
  { name: '黄带', minCourses: 1, minCategories: 1, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 },
  { name: '蓝带', minCourses: 2, minCategories: 2, minQuizCourses: 1, minLearners: 50, minAverageRating: 4 },
];

beforeAll(async () => {
  await seedMember('o-writer', 'm:writer');
  await seedMember('o-hq-admin', 'm:hq-admin', { roles: [grant('admin')] });
  await seedMember('o-branch-admin', 'm:branch-admin', { roles: [grant('admin', 'dept:总部/信息技术部')] });
  await seedCourses(
    courseDoc('w:1', {
      authorId: 'm:writer',
      category: 'leadership',
      quiz: quizDoc(),
      stats: { learners: 40, completions: 30, ratingCount: 4, ratingSum: 18 },
      publishedAt: new Date('2026-02-01T00:00:00Z'),
    }),
    courseDoc('w:2', {
      authorId: 'm:writer',
      status: 'archived',
      stats: { learners: 10, completions: 2, ratingCount: 0, ratingSum: 0 },
      publishedAt: new Date('2026-01-01T00:00:00Z'),
    }),
    courseDoc('other', { authorId: 'm:someone' }),
  );
  await insertAll('courseAuthoring', [
    authoring('w:1', 'm:writer'),
    authoring('w:2', 'm:writer', 'archived'),
    authoring('w:3', 'm:writer', 'draft'),
    authoring('other', 'm:someone'),
  ]);
  await insertAll('reportCourseDepts', [
    {
      _id: 'w:1|*',
      courseId: 'w:1',
      courseTitle: 'w:1',
      departmentId: '*',
      audience: 0,
      views: 50,
      learners: 40,
      completions: 30,
      studyMs: 95 * 60_000,
      quizTakers: 20,
      quizPassers: 15,
      ratingCount: 4,
      ratingSum: 18,
      sharers: 0,
      shares: 0,
      opens: 0,
      conversions: 0,
      weeks: {},
      updatedAt: AT,
    },
  ]);
  await insertAll('courseRatings', [
    { _id: 'w:1:a', courseId: 'w:1', memberId: 'a', memberName: '甲', rating: 5, comment: '好课', hasComment: true, createdAt: AT, updatedAt: AT },
    { _id: 'w:1:b', courseId: 'w:1', memberId: 'b', memberName: '乙', rating: 4, comment: '', hasComment: false, createdAt: AT, updatedAt: AT },
    { _id: 'other:a', courseId: 'other', memberId: 'a', memberName: '甲', rating: 5, comment: '不算', hasComment: true, createdAt: AT, updatedAt: AT },
  ]);
  await awardPointsForEvent(testDb(), { type: 'course_published', memberId: 'm:writer', sourceId: 'w:1', occurredAt: AT });
  await awardPointsForEvent(testDb(), { type: 'course_learner', memberId: 'm:writer', sourceId: 'w:1:m:x', occurredAt: AT });
  await awardPointsForEvent(testDb(), { type: 'course_completed', memberId: 'm:writer', sourceId: 'other', occurredAt: AT });
});

it('shows each course with its figures, the level reached on read, progress and authoring points, in 9 operations', async () => {
  cloud.actions.reset();
  const view = dataOf(await callAction('authoring', 'myCreations', {}, { openid: 'o-writer' }));
  // Caller (1), authoring records, courses, settings, level, report totals, comments, points, awards: 9; recording a
  // new level adds its transaction (start, read, write, commit) and its certificate: the member read, the
  // insert-once transaction (start, read, add, commit) and the 获得证书 notification (6); the annual awards
  // won (1) and the 升级提醒 of the level reached (1).
  expect(cloud.actions.databaseOperations()).toBe(20);
  expect(view.courses.map((course) => course.courseId)).toEqual(['w:1', 'w:2']);
  expect(view.courses[0]).toEqual({
    courseId: 'w:1',
    title: '课程 w:1',
    status: 'published',
    learners: 40,
    completions: 30,
    completionRate: 75,
    studyMinutes: 95,
    ratingAverage: 4.5,
    ratingCount: 4,
    comments: 1,
    quizPassRate: 75,
  });
  expect(view.courses[1]).toMatchObject({ status: 'archived', completionRate: 20, quizPassRate: null, ratingAverage: null, comments: 0 });
  // Archived courses do not count for the level.
  expect(view.figures).toEqual({ courses: 1, categories: 1, quizCourses: 1, learners: 40, ratingCount: 4, averageRating: 4.5 });
  expect(view.pointsEarned).toBe(102);
  expect(view.level).toMatchObject({ rank: 1, name: '黄带' });
  expect(view.level.next).toEqual({
    name: '蓝带',
    items: [
      { label: '已发布课程', current: 1, required: 5 },
      { label: '覆盖类别', current: 1, required: 2 },
      { label: '带测验的课程', current: 1, required: 2 },
      { label: '学员人数', current: 40, required: 100 },
      { label: '平均评分', current: 4.5, required: 4 },
    ],
  });
  expect(view.level.history).toHaveLength(1);
  // The level is recorded once; the next read only reads it.
  cloud.actions.reset();
  dataOf(await callAction('authoring', 'myCreations', {}, { openid: 'o-writer' }));
  expect(cloud.actions.databaseOperations()).toBe(9);
  expect(await authorLevelOf(testDb(), 'm:writer')).toMatchObject({ rank: 1, name: '黄带' });
});

it('refuses a ladder whose rung asks less than the one below, changing nothing; only company-wide admins save', async () => {
  const bad = { levels: [LADDER[1]!, LADDER[0]!], ratedCourse: { minAverage: 4.5, minRatings: 10 } };
  cloud.actions.reset();
  expect(codeOf(await callAction('authoring', 'setAuthorSettings', bad, { openid: 'o-hq-admin' }))).toBe('INVALID_INPUT');
  const writes = Object.entries(cloud.actions.snapshot()).filter(([action]) => /insert|modify|remove|commit/i.test(action));
  expect(writes).toEqual([]);
  expect(
    codeOf(
      await callAction('authoring', 'setAuthorSettings', { levels: LADDER, ratedCourse: { minAverage: 4.5, minRatings: 10 } }, { openid: 'o-branch-admin' }),
    ),
  ).toBe('FORBIDDEN');
  expect(codeOf(await callAction('authoring', 'getAuthorSettings', {}, { openid: 'o-writer' }))).toBe('FORBIDDEN');
});

it('applies new thresholds from then on: a lower bar raises a member, a higher one never lowers them', async () => {
  const saved = dataOf(
    await callAction(
      'authoring',
      'setAuthorSettings',
      {
        levels: [
          { ...LADDER[0]!, minCourses: 1 },
          { ...LADDER[1]!, minCourses: 1, minCategories: 1, minLearners: 40 },
        ],
        ratedCourse: { minAverage: 4.5, minRatings: 10 },
      },
      { openid: 'o-hq-admin' },
    ),
  );
  expect(saved.levels.map((level) => level.name)).toEqual(['黄带', '蓝带']);
  expect(dataOf(await callAction('authoring', 'myCreations', {}, { openid: 'o-writer' })).level).toMatchObject({ rank: 2, name: '蓝带', next: null });
  // Much harder rules now: the 蓝带 stays, with its history.
  await callAction(
    'authoring',
    'setAuthorSettings',
    {
      levels: [
        { ...LADDER[0]!, minCourses: 3 },
        { ...LADDER[1]!, minCourses: 30 },
      ],
      ratedCourse: { minAverage: 4.5, minRatings: 10 },
    },
    { openid: 'o-hq-admin' },
  );
  const level = dataOf(await callAction('authoring', 'myCreations', {}, { openid: 'o-writer' })).level;
  expect(level).toMatchObject({ rank: 2, name: '蓝带' });
  expect(level.history.map((change) => change.name)).toEqual(['黄带', '蓝带']);
  expect(await cloud.database.getDocument('authorLevels', 'm:writer')).toMatchObject({ rank: 2 });
});

it('runs the authoring rewards on its hourly timer, and by hand for a company-wide admin only', async () => {
  const timer = { Type: 'Timer', TriggerName: 'hourlyAuthorRewards', Time: new Date().toISOString() };
  expect(dataOf(await invoke(authoringFunction.main, timer))).toMatchObject({ more: false });
  expect(dataOf(await callAction('authoring', 'runAuthorRewards', {}, { openid: 'o-hq-admin' }))).toMatchObject({ learners: 0, more: false });
  expect(codeOf(await callAction('authoring', 'runAuthorRewards', {}, { openid: 'o-branch-admin' }))).toBe('FORBIDDEN');
});

it('pays completions in a fixed number of operations per page and per payment', async () => {
  const at = new Date(Date.now() - 10 * 60_000);
  const learners = Array.from({ length: 10 }, (_, i) => `m:reader-${i}`);
  for (const id of learners) await seedMember(`o-${id}`, id);
  await insertAll(
    'learningRecords',
    learners.map((memberId) => ({ _id: `${memberId}:w:1`, memberId, courseId: 'w:1', completed: true, completedAt: at, updatedAt: at })),
  );
  // The author's level is settled first, so the run's second look at it only reads.
  dataOf(await callAction('authoring', 'myCreations', {}, { openid: 'o-writer' }));
  cloud.actions.reset();
  const run = dataOf(await callAction('authoring', 'runAuthorRewards', {}, { openid: 'o-hq-admin' }));
  expect(run).toMatchObject({ learners: 10, authors: 1 });
  // Fixed 11: caller (1), settings, watermarks, one page per source (3) plus the courses and the saved
  // watermark for completions, and the author's level looked at again (authoring records, courses, level).
  // Each payment 4, the points award's own count (test/server/points): the rules, the account, the ledger
  // entry added under its fixed id, the account's conditional update.
  expect(cloud.actions.databaseOperations()).toBe(11 + 4 * 10);
});

it('the earning rules carry the authoring kinds; a client that leaves them out keeps the saved values', async () => {
  const base = {
    points: { course_completed: 10, quiz_passed: 5, checkin: 2, streak_bonus: 5, competition_award: 50 },
    dailyCaps: { course_completed: null, quiz_passed: null, checkin: null, streak_bonus: null, competition_award: null },
    dailyTotalCap: 200,
    expiryEnabled: false,
  };
  const full = {
    points: { ...base.points, course_published: 150, course_learner: 3, course_rated: 20, course_award: 60 },
    dailyCaps: { ...base.dailyCaps, course_published: null, course_learner: 30, course_rated: null, course_award: null },
  };
  dataOf(await callAction('points', 'setRules', { ...base, ...full }, { openid: 'o-hq-admin' }));
  const kept = dataOf(await callAction('points', 'setRules', { ...base, dailyTotalCap: 300 }, { openid: 'o-hq-admin' }));
  expect(kept).toMatchObject({ points: full.points, dailyCaps: full.dailyCaps, dailyTotalCap: 300 });
  expect(dataOf(await callAction('points', 'getRules', {}, { openid: 'o-hq-admin' }))).toMatchObject({ points: full.points, dailyCaps: full.dailyCaps });
});
