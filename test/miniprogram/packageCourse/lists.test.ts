/** Catalogue filters and paging, the series page with locked steps, 我的学习 totals and tabs, and rating with the content check. */
import { failure, ok } from '../wx-stub';
import { pick, settle, tap, wxStub, openPage, text, page, fieldTarget, switchTab } from '../harness';
import { callsOf, courseBackend, detail, summary } from '../../helpers/pages/course';

test('catalogue: keyword from the link, category, format and series filters, paging keeps the filters', async () => {
  courseBackend({
    'course.list': (call) => ok(page([summary(Number(call.event.page))], Number(call.event.page), 12)),
    'course.seriesList': () =>
      ok(page([{ id: 's1', title: '新员工之旅', summary: '', coverUrl: null, courseCount: 3, stepUnlock: false, completedCount: 0 }], 1, 1, 50)),
  });
  const { page: rendered, simulate } = await openPage('packageCourse/catalogue/index', { keyword: encodeURIComponent('沟通') });
  expect(callsOf('course.list')).toEqual([{ action: 'list', page: 1, pageSize: 10, keyword: '沟通' }]);
  expect(callsOf('course.seriesList')).toEqual([{ action: 'seriesList', page: 1, pageSize: 50 }]);

  await pick(simulate, rendered.querySelector('.filter-category'), 3);
  await settle(simulate);
  await pick(simulate, rendered.querySelector('.filter-format'), 3);
  await settle(simulate);
  await pick(simulate, rendered.querySelector('.filter-series'), 1);
  await settle(simulate);
  expect(text(rendered.querySelector('.filters'))).toContain('领导力');
  expect(text(rendered.querySelector('.filters'))).toContain('视频');
  expect(text(rendered.querySelector('.filters'))).toContain('新员工之旅');
  expect(callsOf('course.list').at(-1)).toEqual({
    action: 'list',
    page: 1,
    pageSize: 10,
    keyword: '沟通',
    category: 'leadership',
    format: 'video',
    seriesId: 's1',
  });

  await tap(simulate, rendered.querySelector('#status')!.querySelector('.load-more')!);
  expect(callsOf('course.list').at(-1)).toEqual({
    action: 'list',
    page: 2,
    pageSize: 10,
    keyword: '沟通',
    category: 'leadership',
    format: 'video',
    seriesId: 's1',
  });
  expect(text(rendered)).toContain('课程2');
});

test('series: steps in order, locked ones with a lock that do not open; open ones open the course', async () => {
  const course = (n: number, extra: Record<string, unknown>) => ({ ...summary(n), index: n - 1, locked: false, completed: false, percent: 0, ...extra });
  courseBackend({
    'course.seriesDetail': () =>
      ok({
        id: 's1',
        title: '新员工之旅',
        summary: '入职必学',
        coverUrl: null,
        courseCount: 2,
        stepUnlock: true,
        completedCount: 1,
        courses: [course(1, { completed: true, percent: 100 }), course(2, { locked: true })],
      }),
  });
  const { page: rendered, simulate } = await openPage('packageCourse/series/index', { id: 's1' });
  expect(callsOf('course.seriesDetail')).toEqual([{ action: 'seriesDetail', seriesId: 's1' }]);
  expect(text(rendered.querySelector('.series-progress'))).toContain('共 2 课 · 已完成 1 课');
  // Each step is a course-card component; its elements are inside it.
  const steps = rendered.querySelectorAll('.step');
  expect(steps.map((step) => text(step.querySelector('.course-title')))).toEqual(['课程1', '🔒 课程2']);
  const cards = steps.map((step) => step.querySelector('.course-card')!);
  await tap(simulate, cards[1]!);
  expect(wxStub().navigations).toEqual([]);
  expect(wxStub().toasts).toEqual(['完成上一课后解锁']);
  await tap(simulate, cards[0]!);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=c1']);
});

test('我的学习: totals, history lines, and the 已完成 tab asks for completed courses only', async () => {
  const item = (n: number, extra: Record<string, unknown> = {}) => ({
    ...summary(n),
    percent: 50,
    lastStudiedAt: '2026-03-01T02:00:00.000Z',
    completed: false,
    completedAt: null,
    studySeconds: 600,
    ...extra,
  });
  courseBackend({
    'course.myLearning': (call) =>
      ok({
        ...page(call.event.completedOnly ? [item(2, { completed: true, completedAt: '2026-03-02T03:30:00.000Z' })] : [item(1)], 1, 1),
        totals: { studySeconds: 7500, coursesStarted: 4, coursesCompleted: 1 },
      }),
  });
  const { page: rendered, simulate } = await openPage('packageCourse/my/index');
  expect(callsOf('course.myLearning')).toEqual([{ action: 'myLearning', page: 1, pageSize: 10, completedOnly: false }]);
  expect(text(rendered.querySelector('.total-time'))).toBe('2 小时 5 分钟');
  expect(text(rendered.querySelector('.total-started'))).toBe('4');
  expect(text(rendered.querySelector('.history-line'))).toBe('有效学习 10 分钟 · 2026-03-01 10:00 学过');

  await switchTab(simulate, rendered, 1);
  await settle(simulate);
  expect(callsOf('course.myLearning').at(-1)).toEqual({ action: 'myLearning', page: 1, pageSize: 10, completedOnly: true });
  expect(text(rendered.querySelector('.history-line'))).toBe('有效学习 10 分钟 · 2026-03-02 11:30 完成');
});

test('rating: stars and comment are sent; the content check refusal shows under the form; comments list', async () => {
  let rated = 0;
  courseBackend({
    'course.detail': () => ok(detail({ format: 'text' }, { blocks: [{ type: 'paragraph', text: '正文' }], mediaUrl: null })),
    'course.comments': () => ok(page([{ courseId: 'c1', rating: 4, comment: '很实用', memberName: '王芳', updatedAt: '2026-03-01T02:00:00.000Z' }], 1, 1)),
    'course.rate': (call) => {
      rated += 1;
      return rated === 1
        ? failure('CONTENT_REJECTED', '内容含有违规信息，请修改后再提交')
        : ok({ rating: call.event.rating, comment: call.event.comment ?? '', ratingCount: 3, average: 4.3 });
    },
  });
  const { page: course, simulate } = await openPage('packageCourse/course/index', { id: 'c1' });
  await settle(simulate);
  const rendered = course.querySelector('#rating')!;
  expect(callsOf('course.comments')).toEqual([{ action: 'comments', courseId: 'c1', page: 1, pageSize: 10 }]);
  expect(text(rendered.querySelector('.comment'))).toContain('王芳');
  expect(text(rendered.querySelector('.comment'))).toContain('★★★★☆');

  await tap(simulate, rendered.querySelector('.submit-rating')!);
  expect(text(rendered.querySelector('.rating-error'))).toBe('请先选择评分');
  expect(callsOf('course.rate')).toEqual([]);

  await tap(simulate, rendered.querySelectorAll('.star')[4]!);
  fieldTarget(rendered.querySelector('.comment-input')!).dispatchEvent('input', { detail: { value: ' 不好的话 ' } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.submit-rating')!);
  await settle(simulate);
  expect(callsOf('course.rate')).toEqual([{ action: 'rate', courseId: 'c1', rating: 5, comment: '不好的话' }]);
  expect(text(rendered.querySelector('.rating-error'))).toBe('内容含有违规信息，请修改后再提交');

  await tap(simulate, rendered.querySelector('.submit-rating')!);
  await settle(simulate);
  expect(rendered.querySelector('.rating-error')).toBeFalsy();
  expect(text(rendered.querySelector('.rating-summary'))).toBe('平均 4.3 分 · 3 人评分');
  expect(callsOf('course.comments')).toHaveLength(2);
  (course.instance as unknown as { onUnload(): void }).onUnload();
});
