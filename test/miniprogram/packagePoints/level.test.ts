/** 我的等级: the level held, progress to the next rung, every change newest first; the top rung; a failure. */
import { failure } from '../wx-stub';
import { openPage, text, texts } from '../harness';
import { backend, okWith } from '../../helpers/pages/points';
import type { LearnerLevelView } from '../../../typings/functions/points';

const LEVEL: LearnerLevelView = {
  rank: 2,
  name: '学习能手',
  reachedAt: '2026-03-02T02:00:00.000Z',
  earnedTotal: 450,
  next: { name: '学习达人', minEarned: 1000 },
  history: [
    { rank: 1, name: '学习新星', at: '2026-03-01T02:00:00.000Z', reason: '累计获得 60 积分' },
    { rank: 2, name: '学习能手', at: '2026-03-02T02:00:00.000Z', reason: '累计获得 310 积分' },
  ],
};

const open = () => openPage('packagePoints/level/index');

test('shows the level, the points to the next rung and the changes, newest first', async () => {
  backend({ myLevel: okWith(LEVEL) });
  const { page: rendered } = await open();
  expect(text(rendered.querySelector('.level-name'))).toBe('学习能手');
  expect(text(rendered.querySelector('.level-earned'))).toBe('累计获得 450 积分');
  expect(text(rendered.querySelector('.level-reached'))).toBe('2026-03-02 10:00 获得');
  expect(text(rendered.querySelector('.level-next'))).toBe('再获得 550 积分升为「学习达人」（需累计 1000）');
  expect(texts(rendered.querySelectorAll('.change-title'))).toEqual(['2026-03-02 10:00 升为「学习能手」', '2026-03-01 10:00 升为「学习新星」']);
  expect(texts(rendered.querySelectorAll('.change-reason'))).toEqual(['累计获得 310 积分', '累计获得 60 积分']);
});

test('at the top rung, and before the first', async () => {
  backend({ myLevel: okWith({ ...LEVEL, next: null }) });
  const { page: top } = await open();
  expect(text(top.querySelector('.level-top'))).toBe('已是最高等级');
  backend({ myLevel: okWith({ rank: 0, name: null, reachedAt: null, earnedTotal: 10, next: { name: '学习新星', minEarned: 50 }, history: [] }) });
  const { page: none } = await open();
  expect(text(none.querySelector('.level-name'))).toBe('暂无等级');
  expect(text(none.querySelector('.history-empty'))).toContain('还没有获得等级');
});

test('a failure is shown with a retry', async () => {
  backend({ myLevel: () => failure('INTERNAL', '服务器开小差了，请稍后重试') });
  const { page: rendered } = await open();
  expect(text(rendered)).toContain('服务器开小差了，请稍后重试');
});
