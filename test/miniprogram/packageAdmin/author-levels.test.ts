/** 作者等级 (admin): load the ladder, edit names and thresholds, add a level, checks before saving, save. */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text, texts, typeAt, typeInto } from '../harness';
import { backend, inputsOf } from '../../helpers/backend';
import type { AuthorSettingsView } from '../../../typings/functions/authors';

const SETTINGS: AuthorSettingsView = {
  levels: [
    { name: '黄带', minCourses: 1, minCategories: 1, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 },
    { name: '蓝带', minCourses: 5, minCategories: 2, minQuizCourses: 2, minLearners: 100, minAverageRating: 4 },
  ],
  ratedCourse: { minAverage: 4.5, minRatings: 10 },
  updatedAt: null,
};

const open = () => openPage('packageAdmin/author-levels/index');

test('shows the ladder; edits, a new level and the rating standard are saved', async () => {
  backend({
    'authoring.getAuthorSettings': () => ok(SETTINGS),
    'authoring.setAuthorSettings': (call) => {
      const { action: _action, ...settings } = call.event;
      return ok({ ...(settings as Omit<AuthorSettingsView, 'updatedAt'>), updatedAt: '2026-03-01T02:00:00.000Z' });
    },
  });
  const { page: rendered, simulate } = await open();
  expect(rendered.querySelectorAll('.level')).toHaveLength(2);
  expect(text(rendered.querySelector('.updated'))).toBe('当前为默认等级（黄带 / 蓝带 / 黑带），尚未保存过');
  await typeAt(simulate, rendered, '.level-name', 1, '绿带');
  await tap(simulate, rendered.querySelector('.add-level')!);
  await settle(simulate);
  await typeAt(simulate, rendered, '.level-name', 2, '黑带');
  // The new level copies the one below; its course count goes up.
  await typeAt(simulate, rendered, '.count-input', 8, '12');
  await typeAt(simulate, rendered, '.rating-input', 2, '4.5');
  await typeInto(simulate, rendered, '.rated-count', '5');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(inputsOf('authoring', 'setAuthorSettings')).toEqual([
    {
      levels: [
        SETTINGS.levels[0],
        { ...SETTINGS.levels[1], name: '绿带' },
        { name: '黑带', minCourses: 12, minCategories: 2, minQuizCourses: 2, minLearners: 100, minAverageRating: 4.5 },
      ],
      ratedCourse: { minAverage: 4.5, minRatings: 5 },
    },
  ]);
  expect(wxStub().toasts).toEqual(['作者等级已保存']);
  expect(text(rendered.querySelector('.updated'))).toBe('最近保存：2026-03-01 10:00');
});

test('bad values are marked and nothing is sent; a refusal from the server is shown', async () => {
  backend({
    'authoring.getAuthorSettings': () => ok(SETTINGS),
    'authoring.setAuthorSettings': () => failure('INVALID_INPUT', '「蓝带」的各项门槛不能低于「黄带」'),
  });
  const { page: rendered, simulate } = await open();
  await typeAt(simulate, rendered, '.level-name', 0, '');
  await typeAt(simulate, rendered, '.rating-input', 1, '6');
  await typeInto(simulate, rendered, '.rated-average', '0');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(inputsOf('authoring', 'setAuthorSettings')).toEqual([]);
  expect(texts(rendered.querySelectorAll('.level-error'))).toEqual(['等级名称须为 1 到 10 个字', '平均评分须为 0 到 5 之间的数（最多 1 位小数）']);
  expect(text(rendered.querySelector('.rated-error'))).toContain('好评平均分');
  await typeAt(simulate, rendered, '.level-name', 0, '黄带');
  await typeAt(simulate, rendered, '.rating-input', 1, '3');
  await typeInto(simulate, rendered, '.rated-average', '4');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(inputsOf('authoring', 'setAuthorSettings')).toHaveLength(1);
  expect(wxStub().toasts).toEqual(['「蓝带」的各项门槛不能低于「黄带」']);
});
