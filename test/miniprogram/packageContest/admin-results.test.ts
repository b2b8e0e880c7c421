/**
 * 成绩发布 (admin): the preview with missing scores and quotas, confirm then publish (a second confirmation
 * forces past missing scores), read-only afterwards; on the final, named awards are given from the ranking.
 */
import { adminContest } from './admin-fixtures';
import { backend, callsOf, ok, openPage, round, text, texts } from './contest-fixtures';
import { failure } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';

const row = (n: number) => ({
  entryId: `e${n}`,
  title: `作品${n}`,
  ownerName: `作者${n}`,
  teamName: null,
  branchId: `b${n}`,
  branchName: `分公司${n}`,
  dimensionAverages: {},
  judgeScore: 90 - n,
  judgeCount: 3,
  votes: 0,
  voteScore: 0,
  bonus: 0,
  finalScore: 90 - n,
  rank: n,
  advances: n === 1,
});

const view = (status: 'preview' | 'published', unscored = 0) => ({
  items: [row(1), row(2)],
  page: 1,
  pageSize: 10,
  total: 2,
  hasMore: false,
  roundId: 'r2',
  roundName: '复赛',
  status,
  unscored,
  maxVotes: 0,
  advancing: 1,
  quotas: [
    { branchId: 'b1', branchName: '华东分公司', headcount: 1200, slots: 1, advancing: 1 },
    { branchId: 'b2', branchName: '华南分公司', headcount: 300, slots: 0, advancing: 0 },
  ],
});

test('preview, confirm twice past missing scores, publish; the published results are read-only', async () => {
  let published = false;
  backend({
    'contest.adminDetail': () => ok(adminContest()),
    'contest.previewResults': () => ok(view('preview', 2)),
    'contest.publishResults': () => {
      published = true;
      return ok(view('published'));
    },
    'contest.results': () => ok(view('published')),
  });
  const { page, simulate } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r2' });
  expect(callsOf('contest', 'previewResults')).toEqual([{ roundId: 'r2', page: 1, pageSize: 10 }]);
  expect(text(page.querySelector('.unscored'))).toBe('还有 2 份评分未完成');
  expect(texts(page.querySelectorAll('.quota'))).toEqual(['华东分公司1200 人 · 名额 1 · 晋级 1', '华南分公司300 人 · 名额 0 · 晋级 0']);
  expect(texts(page.querySelectorAll('.result-title'))).toEqual(['作品1晋级', '作品2']);

  // Cancelling the forced publish sends nothing.
  wxStub().modalAnswers = [true, false];
  await tap(simulate, page.querySelector('.publish')!);
  expect(wxStub().modals.map((modal) => modal.title)).toEqual(['确认发布成绩', '仍有评分未完成']);
  expect(callsOf('contest', 'publishResults')).toEqual([]);

  wxStub().modalAnswers = [true, true];
  await tap(simulate, page.querySelector('.publish')!);
  // Two confirmations, the publish, the awards and the reload each take a tick.
  await settle(simulate, 6);
  expect(published).toBe(true);
  expect(callsOf('contest', 'publishResults')).toEqual([{ roundId: 'r2', force: true, page: 1, pageSize: 10 }]);
  expect(wxStub().toasts).toEqual(['成绩已发布']);
  expect(page.querySelector('.publish')).toBeFalsy();
  expect(page.instance.data.published).toBe(true);
  // The list now comes from the published results.
  expect(callsOf('contest', 'results')).toEqual([{ roundId: 'r2', page: 1, pageSize: 10 }]);
});

test('a refused publish (judging still open) says why', async () => {
  backend({
    'contest.adminDetail': () => ok(adminContest()),
    'contest.previewResults': () => ok(view('preview')),
    'contest.publishResults': () => failure('CONTEST_PHASE', '评审或投票尚未结束，不能发布成绩'),
  });
  const { page, simulate } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r2' });
  wxStub().modalAnswers = [true];
  await tap(simulate, page.querySelector('.publish')!);
  expect(text(page.querySelector('.form-error'))).toBe('评审或投票尚未结束，不能发布成绩');
  expect(page.querySelector('.publish')).toBeTruthy();
});

test('the published final shows the awards and gives a named award to entries picked from the ranking', async () => {
  const final = adminContest({
    finished: true,
    rounds: [round(0, { phase: 'closed', resultsPublished: true }), round(1, { phase: 'closed', resultsPublished: true }), round(2, { phase: 'closed', resultsPublished: true })],
    awards: [
      { id: 'a1', kind: 'best_overall', name: '最佳微课', dimensionId: null, winners: 1, points: 500 },
      { id: 'a9', kind: 'named', name: '最佳配音', dimensionId: null, winners: 1, points: 100 },
    ],
  });
  let given = false;
  backend({
    'contest.adminDetail': () => ok(final),
    'contest.results': () => ok({ ...view('published'), roundId: 'r3', advancing: 0, quotas: [] }),
    'contest.awards': () =>
      ok([
        { awardId: 'a1', kind: 'best_overall', name: '最佳微课', points: 500, winners: [{ entryId: 'e1', title: '作品1', ownerName: '作者1', teamName: null }], branchName: null, basis: '', decidedAt: '2026-05-20T00:00:00.000Z' },
        ...(given ? [{ awardId: 'a9', kind: 'named', name: '最佳配音', points: 100, winners: [{ entryId: 'e2', title: '作品2', ownerName: '作者2', teamName: null }], branchName: null, basis: '管理员指定', decidedAt: '2026-05-21T00:00:00.000Z' }] : []),
      ]),
    'contest.giveAward': () => {
      given = true;
      return ok({ awardId: 'a9', kind: 'named', name: '最佳配音', points: 100, winners: [], branchName: null, basis: '', decidedAt: '2026-05-21T00:00:00.000Z' });
    },
  });
  const { page, simulate } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r3' });
  expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品1（作者1）']);
  await tap(simulate, page.querySelector('.start-naming')!);
  await tap(simulate, page.querySelector('.give-award')!);
  expect(text(page.querySelector('.form-error'))).toBe('请在排名中点选获奖作品');
  await tap(simulate, page.querySelectorAll('.row-wrap')[1]!);
  expect(page.querySelectorAll('.row-wrap')[1]!.dom!.className).toContain('picked');
  await tap(simulate, page.querySelector('.give-award')!);
  expect(callsOf('contest', 'giveAward')).toEqual([{ contestId: 'k1', awardId: 'a9', entryIds: ['e2'] }]);
  expect(wxStub().toasts).toEqual(['奖项已颁发']);
  expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品1（作者1）', '作品2（作者2）']);
  expect(page.querySelector('.give-award')).toBeFalsy();
});
