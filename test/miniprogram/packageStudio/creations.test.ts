/** 我的创作: level with progress and history, summary figures, each course's figures, the empty and failed states. */
import { failure } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';
import { backend, callsOf, ok, openPage, text, texts } from './studio-fixtures';
import type { MyCreationsView } from '../../../typings/functions/authors';

const CREATIONS: MyCreationsView = {
  level: {
    rank: 1,
    name: '黄带',
    reachedAt: '2026-02-01T02:00:00.000Z',
    next: {
      name: '蓝带',
      items: [
        { label: '已发布课程', current: 3, required: 5 },
        { label: '学员人数', current: 120, required: 100 },
      ],
    },
    history: [{ rank: 1, name: '黄带', at: '2026-02-01T02:00:00.000Z', reason: '已发布 1 门课程，覆盖 1 个类别，0 门带测验，学员 0 人，暂无评分' }],
  },
  figures: { courses: 3, categories: 1, quizCourses: 1, learners: 120, ratingCount: 8, averageRating: 4.63 },
  pointsEarned: 340,
  awards: [],
  courses: [
    {
      courseId: 'c1',
      title: '安全生产第一课',
      status: 'published',
      learners: 100,
      completions: 80,
      completionRate: 80,
      studyMinutes: 950,
      ratingAverage: 4.6,
      ratingCount: 8,
      comments: 3,
      quizPassRate: 75,
    },
    {
      courseId: 'c2',
      title: '沟通技巧',
      status: 'archived',
      learners: 0,
      completions: 0,
      completionRate: null,
      studyMinutes: 0,
      ratingAverage: null,
      ratingCount: 0,
      comments: 0,
      quizPassRate: null,
    },
  ],
};

const open = () => openPage('packageStudio/creations/index');

test('shows my level, the progress to the next, the history, the summary and each course', async () => {
  backend({ 'authoring.myCreations': () => ok(CREATIONS) });
  const { page: rendered } = await open();
  expect(callsOf('authoring', 'myCreations')).toHaveLength(1);
  expect(text(rendered.querySelector('.level-name'))).toBe('黄带');
  expect(text(rendered.querySelector('.level-reached'))).toBe('2026-02-01 获得');
  expect(text(rendered.querySelector('.next-title'))).toBe('距离「蓝带」');
  expect(texts(rendered.querySelectorAll('.progress-text'))).toEqual(['3 / 5', '120 / 100']);
  expect(texts(rendered.querySelectorAll('.history-title'))).toEqual(['2026-02-01 晋升「黄带」']);
  expect(texts(rendered.querySelectorAll('.summary-value'))).toEqual(['3', '120', '4.63', '340']);
  expect(texts(rendered.querySelectorAll('.course-title'))).toEqual(['安全生产第一课', '沟通技巧']);
  expect(texts(rendered.querySelectorAll('.figure-value'))).toEqual([
    '100',
    '80%',
    '950 分钟',
    '4.6（8 人）',
    '3',
    '75%',
    '0',
    '—',
    '0 分钟',
    '暂无',
    '0',
    '—',
  ]);
  expect(texts(rendered.querySelectorAll('.course-status'))).toEqual(['已发布', '已下架']);
});

test('at the top of the ladder says so instead of a next level', async () => {
  backend({ 'authoring.myCreations': () => ok({ ...CREATIONS, level: { ...CREATIONS.level, rank: 3, name: '黑带', next: null } }) });
  const { page: rendered } = await open();
  expect(text(rendered.querySelector('.top-level'))).toBe('已达到最高等级');
  expect(rendered.querySelector('.next')).toBeFalsy();
});

test('without published courses: no level yet and a way to start one', async () => {
  backend({
    'authoring.myCreations': () => ok({ ...CREATIONS, level: { rank: 0, name: null, reachedAt: null, next: CREATIONS.level.next, history: [] }, courses: [] }),
  });
  const { page: rendered, simulate } = await open();
  expect(text(rendered.querySelector('.level-name'))).toBe('暂无等级');
  expect(text(rendered.querySelector('.level-reached'))).toBe('发布第一门课程即可获得等级');
  await tap(simulate, rendered.querySelector('.open-courses')!);
  await settle(simulate);
  expect(wxStub().navigations).toEqual(['/packageStudio/courses/index']);
});

test('a failed load shows the error and retries', async () => {
  let calls = 0;
  backend({ 'authoring.myCreations': () => (++calls === 1 ? failure('INTERNAL', '服务繁忙') : ok(CREATIONS)) });
  const { page: rendered, simulate } = await open();
  expect(rendered.querySelector('.level')).toBeFalsy();
  rendered.querySelector('#status')!.dispatchEvent('retry');
  await settle(simulate);
  expect(text(rendered.querySelector('.level-name'))).toBe('黄带');
});

test('shows my annual author awards; tapping one opens its certificate', async () => {
  backend({
    'authoring.myCreations': () =>
      ok({
        ...CREATIONS,
        awards: [
          {
            year: 2025,
            awardId: 'a1',
            kind: 'most_learners',
            title: '年度最受欢迎作者',
            basis: '全年学员 300 人',
            points: 500,
            certificateCode: 'ABCDEFGHJKLMNPQR',
          },
        ],
      }),
  });
  const { page: rendered, simulate } = await open();
  expect(texts(rendered.querySelectorAll('.award-title'))).toEqual(['2025 年度最受欢迎作者+500 积分']);
  expect(texts(rendered.querySelectorAll('.award-basis'))).toEqual(['全年学员 300 人']);
  await tap(simulate, rendered.querySelector('.award')!);
  await settle(simulate);
  expect(wxStub().navigations).toEqual(['/packageNotice/certificate/index?code=ABCDEFGHJKLMNPQR']);
});

test('shows no awards card before any award', async () => {
  backend({ 'authoring.myCreations': () => ok(CREATIONS) });
  const { page: rendered } = await open();
  expect(rendered.querySelector('.awards')).toBeFalsy();
});

test('leads to the winners of the annual author awards', async () => {
  backend({ 'authoring.myCreations': () => ok(CREATIONS) });
  const { page: rendered, simulate } = await open();
  await tap(simulate, rendered.querySelector('.open-winners')!);
  await settle(simulate);
  expect(wxStub().navigations).toEqual(['/packageStudio/author-awards/index']);
});
