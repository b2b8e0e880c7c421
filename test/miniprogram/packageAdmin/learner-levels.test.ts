/** 学员等级 (admin): load the ladder, edit names and thresholds, add a level, checks before saving, save. */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text, texts, typeAt } from '../harness';
import { backend, inputsOf } from '../../helpers/backend';
import type { LearnerLevelSettingsView } from '../../../typings/functions/points';

const SETTINGS: LearnerLevelSettingsView = {
  levels: [
    { name: '学习新星', minEarned: 50 },
    { name: '学习能手', minEarned: 300 },
  ],
  updatedAt: null,
};

const open = () => openPage('packageAdmin/learner-levels/index');

test('shows the ladder; edits and a new level are saved', async () => {
  backend({
    'points.getLearnerLevels': () => ok(SETTINGS),
    'points.setLearnerLevels': (call) => ok({ levels: call.event.levels as LearnerLevelSettingsView['levels'], updatedAt: '2026-03-01T02:00:00.000Z' }),
  });
  const { page: rendered, simulate } = await open();
  expect(rendered.querySelectorAll('.level')).toHaveLength(2);
  expect(text(rendered.querySelector('.updated'))).toBe('当前为默认等级，尚未保存过');
  await typeAt(simulate, rendered, '.earned-input', 1, '400');
  await tap(simulate, rendered.querySelector('.add-level')!);
  await settle(simulate);
  await typeAt(simulate, rendered, '.level-name', 2, '学习达人');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  // The new level starts at twice the one below.
  expect(inputsOf('points', 'setLearnerLevels')).toEqual([
    {
      levels: [
        { name: '学习新星', minEarned: 50 },
        { name: '学习能手', minEarned: 400 },
        { name: '学习达人', minEarned: 800 },
      ],
    },
  ]);
  expect(wxStub().toasts).toEqual(['学员等级已保存']);
  expect(text(rendered.querySelector('.updated'))).toBe('最近保存：2026-03-01 10:00');
});

test('bad values are marked and nothing is sent; a refusal from the server is shown', async () => {
  backend({
    'points.getLearnerLevels': () => ok(SETTINGS),
    'points.setLearnerLevels': () => failure('FORBIDDEN', '仅限全公司范围的管理员操作积分商城和积分规则'),
  });
  const { page: rendered, simulate } = await open();
  await typeAt(simulate, rendered, '.level-name', 0, '');
  await typeAt(simulate, rendered, '.earned-input', 1, '30');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(inputsOf('points', 'setLearnerLevels')).toEqual([]);
  expect(texts(rendered.querySelectorAll('.level-error'))).toEqual(['等级名称须为 1 到 10 个字']);
  await typeAt(simulate, rendered, '.level-name', 0, '学习新星');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(texts(rendered.querySelectorAll('.level-error'))).toEqual(['积分门槛须高于「学习新星」的 50']);
  expect(inputsOf('points', 'setLearnerLevels')).toEqual([]);
  await typeAt(simulate, rendered, '.level-name', 0, '学习能手');
  await typeAt(simulate, rendered, '.earned-input', 1, '500');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(texts(rendered.querySelectorAll('.level-error'))).toEqual(['等级名称不能重复']);
  await typeAt(simulate, rendered, '.level-name', 0, '学习新星');
  await typeAt(simulate, rendered, '.earned-input', 0, '0');
  await tap(simulate, rendered.querySelector('.save-button')!);
  expect(texts(rendered.querySelectorAll('.level-error'))).toEqual(['积分门槛须为 1 到 100000000 之间的整数']);
  await typeAt(simulate, rendered, '.earned-input', 0, '60');
  await tap(simulate, rendered.querySelector('.save-button')!);
  await settle(simulate);
  expect(inputsOf('points', 'setLearnerLevels')).toHaveLength(1);
  expect(wxStub().toasts).toEqual(['仅限全公司范围的管理员操作积分商城和积分规则']);
});
