/** 成绩公示: published rounds only (the latest first), the ranking with its parts, the awards, and sharing. */
import { backend, callsOf, contest, input, ok, openPage, round, text, texts } from './contest-fixtures';
import { inStatus } from '../harness';

const row = (n: number, overrides: Record<string, unknown> = {}) => ({
  entryId: `e${n}`,
  title: `作品${n}`,
  ownerName: `作者${n}`,
  teamName: null,
  branchId: 'b1',
  branchName: '华东分公司',
  dimensionAverages: { fit: 8 },
  judgeScore: 90 - n,
  judgeCount: 3,
  votes: 100 - n * 10,
  voteScore: 100 - n * 10,
  bonus: n === 1 ? 5 : 0,
  finalScore: 95 - n,
  rank: n,
  advances: n <= 1,
  ...overrides,
});

const results = (roundId: string, items: unknown[], status = 'published') => ({
  items,
  page: 1,
  pageSize: 10,
  total: items.length,
  hasMore: false,
  roundId,
  roundName: roundId === 'r3' ? '决赛' : '初赛',
  status,
  unscored: 0,
  maxVotes: 90,
  advancing: roundId === 'r3' ? 0 : 1,
  quotas: [],
});

test('the final with its awards; the ranking shows judges, votes, bonus, final and who advances; shareable', async () => {
  backend({
    'contest.detail': () =>
      ok(
        contest({
          finished: true,
          rounds: [round(0, { phase: 'closed', resultsPublished: true }), round(1, { phase: 'closed' }), round(2, { phase: 'closed', resultsPublished: true })],
        }),
      ),
    'contest.awards': () =>
      ok([
        { awardId: 'a1', kind: 'best_overall', name: '最佳微课', points: 500, winners: [{ entryId: 'e1', title: '作品1', ownerName: '作者1', teamName: '一队' }], branchName: null, basis: '最终得分 94.0', decidedAt: '2026-05-20T02:00:00.000Z' },
        { awardId: 'a2', kind: 'best_branch', name: '最佳组织单位', points: 0, winners: [], branchName: '华东分公司', basis: '参与率 12.5%', decidedAt: '2026-05-20T02:00:00.000Z' },
      ]),
    'contest.results': (call) => ok(results(String(call.event.roundId), call.event.roundId === 'r3' ? [row(1), row(2)] : [row(1), row(2), row(3)])),
  });
  const { page, simulate } = await openPage('packageContest/results/index', { contestId: 'k1' });
  // Only published rounds: 初赛 and 决赛, the final first.
  expect(page.instance.data.rounds.map((r: { name: string }) => r.name)).toEqual(['初赛', '决赛']);
  expect(callsOf('contest', 'results')).toEqual([{ roundId: 'r3', page: 1, pageSize: 10 }]);
  expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品1（一队 · 作者1）', '华东分公司']);
  expect(texts(page.querySelectorAll('.result-title'))).toEqual(['作品1晋级', '作品2']);
  expect(texts(page.querySelectorAll('.result-parts'))).toEqual(['评委 89.0（3 人） · 投票 90 票 → 90.0 · 加分 +5.0', '评委 88.0（3 人） · 投票 80 票 → 80.0']);
  expect(texts(page.querySelectorAll('.result-final'))).toEqual(['94.0', '93.0']);
  expect(page.instance.data.shareTarget).toEqual({ kind: 'contestResults', id: 'k1', title: '2026 微课大赛 成绩公示', imageUrl: 'http://127.0.0.1:8787/storage/poster.png' });

  await input(simulate, page.querySelector('.round-picker'), 0, 'change');
  expect(callsOf('contest', 'results')[1]).toEqual({ roundId: 'r1', page: 1, pageSize: 10 });
  expect(page.querySelectorAll('.result')).toHaveLength(3);
  expect(text(page.querySelector('.summary'))).toBe('共 3 件作品，1 件晋级');
});

test('nothing published yet: no ranking is asked for and the page says so', async () => {
  backend({ 'contest.detail': () => ok(contest()) });
  const { page } = await openPage('packageContest/results/index', { contestId: 'k1' });
  expect(callsOf('contest', 'results')).toEqual([]);
  expect(callsOf('contest', 'awards')).toEqual([]);
  expect(text(inStatus(page, '.state-empty'))).toContain('成绩尚未公布');
});
