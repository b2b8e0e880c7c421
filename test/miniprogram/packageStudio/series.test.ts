/** 系列课: the list, the editor sheet (ordering courses, audiences, unlocking) and saving a new or existing series. */
import { failure } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';
import { authoredCourse, backend, callsOf, input, ok, openPage, page, text, texts } from './studio-fixtures';
import type { SeriesView } from '../../../typings/functions/authoring';

function series(overrides: Partial<SeriesView> = {}): SeriesView {
  return {
    seriesId: 's1',
    title: '新人训练营',
    summary: '',
    cover: null,
    courses: [
      { courseId: 'c1', title: '公司介绍', courseStatus: 'published' },
      { courseId: 'c2', title: '制度与流程', courseStatus: 'published' },
    ],
    stepUnlock: true,
    audiences: ['new_hire'],
    status: 'published',
    createdAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

test('edits a series: reorder, remove, add a published course, save; the list reloads', async () => {
  backend({
    'authoring.listSeries': () => ok(page([series()], 1, 1)),
    'authoring.listMyCourses': () => ok(page([authoredCourse('c1', '公司介绍', 'published'), authoredCourse('c3', '安全须知', 'published')], 1, 2, 50)),
    'authoring.updateSeries': () => ok(series()),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/series/index');
  expect(text(rendered.querySelector('.series-meta'))).toBe('2 门课程 · 逐级解锁 · 新员工');
  await tap(simulate, rendered.querySelector('.series')!);
  await tap(simulate, rendered.querySelectorAll('.move-down')[0]!);
  expect(texts(rendered.querySelectorAll('.series-course-title'))).toEqual(['1. 制度与流程', '2. 公司介绍']);
  await tap(simulate, rendered.querySelector('.add-course')!);
  await settle(simulate);
  await tap(simulate, rendered.querySelectorAll('.choice')[0]!);
  expect(wxStub().toasts).toEqual(['该课程已在系列中']);
  await tap(simulate, rendered.querySelectorAll('.choice')[1]!);
  await tap(simulate, rendered.querySelectorAll('.remove-course')[1]!);
  await tap(simulate, rendered.querySelector('.step-switch')!);
  await tap(simulate, rendered.querySelector('.audiences')!.querySelectorAll('.chip')[1]!);
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'updateSeries')).toEqual([
    { seriesId: 's1', title: '新人训练营', summary: '', cover: null, courseIds: ['c2', 'c3'], stepUnlock: false, audiences: ['new_hire', 'individual'] },
  ]);
  expect(rendered.querySelector('.editor')).toBeFalsy();
  expect(callsOf('authoring', 'listSeries')).toHaveLength(2);
});

test('a new series needs a name and a course; a refusal keeps the sheet open; a series can be assigned', async () => {
  backend({
    'authoring.listSeries': () => ok(page([series()], 1, 1)),
    'authoring.listMyCourses': () => ok(page([authoredCourse('c3', '安全须知', 'published')], 1, 1, 50)),
    'authoring.createSeries': () => failure('INVALID_INPUT', '课程 c3 尚未发布'),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/series/index');
  await tap(simulate, rendered.querySelector('.assign')!);
  expect(wxStub().navigations).toEqual([`/packageStudio/assignment-new/index?kind=series&id=s1&title=${encodeURIComponent('新人训练营')}`]);

  await tap(simulate, rendered.querySelector('.new-series')!);
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(text(rendered.querySelector('.error'))).toBe('请填写系列名称');
  await input(simulate, rendered.querySelector('.title-input'), '安全月');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(text(rendered.querySelector('.error'))).toBe('系列至少包含一门课程');
  await tap(simulate, rendered.querySelector('.add-course')!);
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.choice')!);
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(callsOf('authoring', 'createSeries')).toEqual([{ title: '安全月', summary: '', cover: null, courseIds: ['c3'], stepUnlock: false, audiences: [] }]);
  expect(text(rendered.querySelector('.error'))).toBe('课程 c3 尚未发布');
  expect(rendered.querySelector('.editor')).toBeTruthy();
});
