/** 学习 home: 必修 (overdue marked) first, 继续学习, 为你推荐, 系列课程; search and shortcuts lead to packageCourse. */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, tap, wxStub, openPage, text, fieldTarget } from '../harness';
import { callsOf, courseBackend, summary } from '../../helpers/pages/course';
import type { HomeView } from '../../../typings/functions/course';

const HOME: HomeView = {
  required: [
    {
      assignmentId: 'a1',
      kind: 'course',
      targetId: 'c9',
      title: '安全生产',
      coverUrl: null,
      dueDay: '2026-03-01',
      overdue: true,
      completed: false,
      percent: 30,
    },
    {
      assignmentId: 'a2',
      kind: 'series',
      targetId: 's1',
      title: '新员工之旅',
      coverUrl: null,
      dueDay: '2026-04-01',
      overdue: false,
      completed: true,
      percent: 100,
    },
  ],
  continueLearning: [{ ...summary(2), percent: 40, lastStudiedAt: '2026-03-02T01:00:00.000Z' }],
  recommended: [summary(3, { format: 'audio', rating: 4.5, learners: 12 })],
  series: [{ id: 's1', title: '新员工之旅', summary: '入职必学', coverUrl: null, courseCount: 5, stepUnlock: true, completedCount: 2 }],
};

const open = () => openPage('pages/learn/index');
const sectionTitles = (page: Awaited<ReturnType<typeof open>>['page']) => page.querySelectorAll('.section-title').map(text);

test('shows the sections in order: 必修 with due days and overdue marked, 继续学习, 为你推荐, 系列课程', async () => {
  courseBackend({ 'course.home': () => ok(HOME) });
  const { page } = await open();
  expect(callsOf('course.home')).toEqual([{ action: 'home' }]);
  expect(sectionTitles(page)).toEqual(['必修', '继续学习', '为你推荐', '系列课程']);

  const required = page.querySelectorAll('.required').map(text);
  expect(required[0]).toContain('安全生产');
  expect(required[0]).toContain('已逾期');
  expect(required[0]).toContain('课程 · 截止 2026-03-01');
  expect(required[1]).toContain('已完成');
  expect(required[1]).not.toContain('已逾期');
  expect(page.querySelectorAll('.required-overdue')).toHaveLength(1);

  expect(text(page.querySelector('.section-continue'))).toContain('课程2');
  const recommended = text(page.querySelector('.section-recommended'));
  expect(recommended).toContain('音频 · 3 分钟 · 领导力');
  expect(recommended).toContain('4.5 分 · 12 人学过');
  expect(text(page.querySelector('.series-progress'))).toBe('已完成 2/5 课 · 逐级解锁');
});

test('a required course opens the course page, a required series the series page, a series card its page', async () => {
  courseBackend({ 'course.home': () => ok(HOME) });
  const { page, simulate } = await open();
  const [course, series] = page.querySelectorAll('.required');
  await tap(simulate, course!);
  await tap(simulate, series!);
  await tap(simulate, page.querySelector('.series')!);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=c9', '/packageCourse/series/index?id=s1', '/packageCourse/series/index?id=s1']);
});

test('sections without items are left out; nothing at all shows the empty state', async () => {
  courseBackend({ 'course.home': () => ok({ ...HOME, required: [], series: [] }) });
  const { page } = await open();
  expect(sectionTitles(page)).toEqual(['继续学习', '为你推荐']);

  courseBackend({ 'course.home': () => ok({ required: [], continueLearning: [], recommended: [], series: [] }) });
  const empty = await open();
  expect(inStatus(empty.page, '.state-empty')).toBeTruthy();
  expect(text(empty.page)).toContain('暂无课程');
});

test('the search box opens the catalogue with the keyword; shortcuts open the catalogue and 我的学习', async () => {
  courseBackend({ 'course.home': () => ok(HOME) });
  const { page, simulate } = await open();
  fieldTarget(page.querySelector('.search-input')!).dispatchEvent('input', { detail: { value: ' 沟通 ' } });
  await settle(simulate);
  await tap(simulate, page.querySelector('.search-button')!);
  await tap(simulate, page.querySelector('.shortcut-catalogue')!);
  await tap(simulate, page.querySelector('.shortcut-my')!);
  expect(wxStub().navigations).toEqual([
    `/packageCourse/catalogue/index?keyword=${encodeURIComponent('沟通')}`,
    '/packageCourse/catalogue/index',
    '/packageCourse/my/index',
  ]);
});

test('an error shows its message and retries; NOT_MEMBER leads to binding', async () => {
  courseBackend({ 'course.home': () => failure('INTERNAL', '服务器开小差了，请稍后重试') });
  const { page, simulate } = await open();
  expect(text(inStatus(page, '.state-error'))).toContain('服务器开小差了，请稍后重试');
  courseBackend({ 'course.home': () => ok(HOME) });
  await tap(simulate, inStatus(page, '.retry')!);
  await settle(simulate);
  expect(sectionTitles(page)).toHaveLength(4);

  courseBackend({ 'course.home': () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份') });
  const gated = await open();
  expect(inStatus(gated.page, '.state-not-member')).toBeTruthy();
  expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member']);
});

test('pull-down refresh reloads and stops the indicator', async () => {
  let round = 0;
  courseBackend({
    'course.home': () => {
      round += 1;
      return ok({ ...HOME, recommended: Array.from({ length: round }, (_, i) => summary(10 + i)) });
    },
  });
  const { page, simulate } = await open();
  expect(text(page.querySelector('.section-recommended'))).not.toContain('课程11');
  await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  await settle(simulate);
  expect(text(page.querySelector('.section-recommended'))).toContain('课程11');
  expect(wxStub().stopPullDownRefreshCount).toBe(1);
});

test('每张必修卡 shows its progress and its state: 已完成, 已逾期 or 进行中, each in its status colour', async () => {
  const required: HomeView['required'] = [
    ...HOME.required,
    {
      assignmentId: 'a3',
      kind: 'series',
      targetId: 's2',
      title: '管理者之路',
      coverUrl: null,
      dueDay: '2026-05-01',
      overdue: false,
      completed: false,
      percent: 40,
    },
  ];
  courseBackend({ 'course.home': () => ok({ ...HOME, required }) });
  const { page } = await open();
  expect(page.querySelectorAll('.required-state').map(text)).toEqual(['已逾期', '已完成', '进行中']);
  expect(page.querySelectorAll('.required-state').map((tag) => /t-tag--(danger|success|primary)\b/.exec(tag.dom?.innerHTML ?? '')?.[1])).toEqual([
    'danger',
    'success',
    'primary',
  ]);
  expect(page.querySelectorAll('.required-progress').map(text)).toEqual(['已学 30%', '已完成 100%', '已完成 40%']);
  expect(page.querySelectorAll('.progress-bar').map((bar) => bar.dom?.getAttribute('style'))).toEqual(['width: 30%', 'width: 100%', 'width: 40%']);
});
