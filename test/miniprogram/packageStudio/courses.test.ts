/** 我的课程: each course with where it stands, paging, opening the editor, new course, assigning a published course. */
import { failure } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';
import { PROFILE, type BoundMe } from '../../helpers/pages/profile';
import type { AuthoredCourseView } from '../../../typings/functions/authoring';
import { backend, callsOf, ok, openPage, page, text, texts, type Handlers } from './studio-fixtures';

const TRAINER: BoundMe = { ...PROFILE, roles: [{ role: 'learner' }, { role: 'trainer' }] };
/** The page asks who I am to show trainers their series and 必修 buttons. */
const as = (profile: BoundMe, handlers: Handlers) => backend({ 'user.me': () => ok(profile), ...handlers });

function course(n: number, overrides: Partial<AuthoredCourseView> = {}): AuthoredCourseView {
  return {
    courseId: `c${n}`,
    title: `课程${n}`,
    format: 'video',
    category: 'leadership',
    courseStatus: 'draft',
    publishedRevision: 0,
    openRevision: { revision: 1, status: 'draft' },
    updatedAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

const open = () => openPage('packageStudio/courses/index');

test('lists drafts, courses in review, returned and published ones; pages on', async () => {
  as(TRAINER, {
    'authoring.listMyCourses': (call) =>
      call.event.page === 1
        ? ok(
            page(
              [
                course(1),
                course(2, { openRevision: { revision: 1, status: 'in_review' } }),
                course(3, { openRevision: { revision: 2, status: 'returned' }, courseStatus: 'published', publishedRevision: 1 }),
                course(4, { openRevision: null, courseStatus: 'published', publishedRevision: 3 }),
              ],
              1,
              11,
            ),
          )
        : ok(page([course(11)], 2, 11)),
  });
  const { page: rendered, simulate } = await open();
  expect(callsOf('authoring', 'listMyCourses')).toEqual([{ page: 1, pageSize: 10 }]);
  expect(texts(rendered.querySelectorAll('.course-title'))).toEqual(['课程1', '课程2', '课程3', '课程4']);
  expect(text(rendered.querySelector('.course-meta'))).toBe('领导力 · 视频 · 更新于 2026-03-01 10:00');
  const cards = rendered.querySelectorAll('.course').map(text);
  expect(cards[0]).toContain('未发布');
  expect(cards[0]).toContain('第 1 版草稿');
  expect(cards[1]).toContain('第 1 版审核中');
  expect(cards[2]).toContain('已发布');
  expect(cards[2]).toContain('第 2 版已退回');
  expect(cards[2]).toContain('评审意见');
  expect(rendered.querySelectorAll('.returned-hint')).toHaveLength(1);
  // Only published courses can be assigned.
  expect(rendered.querySelectorAll('.assign')).toHaveLength(2);

  await tap(simulate, rendered.querySelector('#status')!.querySelector('.load-more')!);
  await settle(simulate);
  expect(callsOf('authoring', 'listMyCourses')[1]).toEqual({ page: 2, pageSize: 10 });
  expect(texts(rendered.querySelectorAll('.course-title'))).toHaveLength(5);
});

test('opens the editor for a course or a new one, the series page, and the assignment form', async () => {
  as(TRAINER, { 'authoring.listMyCourses': () => ok(page([course(7, { title: '沟通 & 协作', openRevision: null, courseStatus: 'published' })], 1, 1)) });
  const { page: rendered, simulate } = await open();
  await tap(simulate, rendered.querySelector('.course')!);
  await tap(simulate, rendered.querySelector('.new-course')!);
  await tap(simulate, rendered.querySelector('.open-series')!);
  await tap(simulate, rendered.querySelector('.assign')!);
  expect(wxStub().navigations).toEqual([
    '/packageStudio/editor/index?courseId=c7',
    '/packageStudio/editor/index',
    '/packageStudio/series/index',
    `/packageStudio/assignment-new/index?kind=course&id=c7&title=${encodeURIComponent('沟通 & 协作')}`,
  ]);
});

test('a member without the trainer role authors courses but is offered neither series nor 必修', async () => {
  as(PROFILE, { 'authoring.listMyCourses': () => ok(page([course(7, { openRevision: null, courseStatus: 'published' })], 1, 1)) });
  const { page: rendered, simulate } = await open();
  expect(texts(rendered.querySelectorAll('.course-title'))).toEqual(['课程7']);
  expect(rendered.querySelector('.open-series')).toBeFalsy();
  expect(rendered.querySelector('.assign')).toBeFalsy();
  await tap(simulate, rendered.querySelector('.new-course')!);
  expect(wxStub().navigations).toEqual(['/packageStudio/editor/index']);
});

test('an empty list invites to create; a refusal shows the reason; coming back reloads', async () => {
  as(PROFILE, { 'authoring.listMyCourses': () => ok(page([], 1, 0)) });
  const empty = await open();
  expect(text(empty.page.querySelector('#status'))).toContain('还没有课程');

  as(PROFILE, { 'authoring.listMyCourses': () => failure('FORBIDDEN', '你没有权限进行此操作') });
  const refused = await open();
  expect(text(refused.page.querySelector('#status'))).toContain('你没有权限进行此操作');

  as(PROFILE, { 'authoring.listMyCourses': () => ok(page([course(1)], 1, 1)) });
  wxStub().calls = [];
  const instance = refused.page.instance as unknown as { onShow(): Promise<void> };
  await instance.onShow();
  expect(callsOf('authoring', 'listMyCourses')).toHaveLength(0);
  await instance.onShow();
  await settle(refused.simulate);
  expect(callsOf('authoring', 'listMyCourses')).toHaveLength(1);
  expect(texts(refused.page.querySelectorAll('.course-title'))).toEqual(['课程1']);
});
