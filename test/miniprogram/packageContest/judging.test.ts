/** The judge pages (workbench, assigned entries, scoring) and the results page. One file so the pages share one template compile. */
import { backend, callsOf, entry, ok, RUBRIC, contest, round } from '../../helpers/pages/contest';
import { input, openPage, pick, text, texts, page, inStatus, tap, wxStub } from '../harness';
import { failure } from '../wx-stub';
import type { ResultRow, RoundResultsView } from '../../../typings/functions/contest';

// 评审工作台: my judging rounds with progress, my assigned entries, and scoring: sliders within each dimension's range with weights shown, every dimension required, comment, save, and scores locked once the judging window closes (as the function says, or when a save meets the closed window).
describe('judging', () => {
  test('the workbench lists my rounds with progress; a round lists my entries, unscored first, and opens scoring', async () => {
    backend({
      'contest.judgeRounds': () =>
        ok(
          page(
            [
              {
                contestId: 'k1',
                contestTitle: '2026 微课大赛',
                roundId: 'r1',
                roundName: '初赛',
                judgingStartDay: '2026-03-11',
                judgingEndDay: '2026-03-15',
                judgingOpen: true,
                assigned: 8,
                scored: 2,
              },
              {
                contestId: 'k0',
                contestTitle: '2025 微课大赛',
                roundId: 'r0',
                roundName: '决赛',
                judgingStartDay: '2025-12-01',
                judgingEndDay: '2025-12-01',
                judgingOpen: false,
                assigned: 0,
                scored: 0,
              },
            ],
            1,
            2,
          ),
        ),
    });
    const { page: bench, simulate } = await openPage('packageContest/workbench/index');
    expect(texts(bench.querySelectorAll('.round-title'))).toEqual(['2026 微课大赛 · 初赛', '2025 微课大赛 · 决赛']);
    expect(texts(bench.querySelectorAll('.round-window'))).toEqual(['评审时间 2026-03-11 至 2026-03-15', '评审时间 2025-12-01']);
    expect(texts(bench.querySelectorAll('.round-scored'))).toEqual(['已评 2 / 8', '已评 0 / 0']);
    expect(bench.instance.data.items.map((row: { percent: number }) => row.percent)).toEqual([25, 0]);
    await tap(simulate, bench.querySelectorAll('.judge-round')[0]!);
    expect(wxStub().navigations).toEqual(['/packageContest/judge-round/index?roundId=r1']);

    backend({
      'contest.judgeAssignments': () =>
        ok({
          ...page(
            [
              { entryId: 'e2', title: '作品二', teamName: '二队', scored: false, weighted: null },
              { entryId: 'e1', title: '作品一', teamName: null, scored: true, weighted: 86.25 },
            ],
            1,
            2,
          ),
          assigned: 2,
          scored: 1,
        }),
    });
    const { page: round, simulate: sim2 } = await openPage('packageContest/judge-round/index', { roundId: 'r1' });
    expect(callsOf('contest', 'judgeAssignments')).toEqual([{ roundId: 'r1', page: 1, pageSize: 10 }]);
    expect(text(round.querySelector('.progress'))).toBe('已评 1 / 2');
    expect(texts(round.querySelectorAll('.assignment-title'))).toEqual(['作品二', '作品一']);
    expect(round.instance.data.items.map((row: { score: string }) => row.score)).toEqual(['', '86.3 分']);
    await tap(sim2, round.querySelectorAll('.assignment')[0]!);
    expect(wxStub().navigations.at(-1)).toBe('/packageContest/score/index?roundId=r1&entryId=e2');
  });

  const judgeEntry = (overrides: Record<string, unknown> = {}) => ({
    roundId: 'r1',
    roundName: '初赛',
    entry: entry({ isMine: false, editable: false, courses: [{ courseId: 'c1', title: '安全第一课', format: 'article', submittedRevision: 1 }] }),
    rubric: RUBRIC,
    scores: null,
    weighted: null,
    comment: '',
    locked: false,
    judgingEndDay: '2026-03-15',
    ...overrides,
  });

  test('scoring: weights and ranges shown, every dimension required, the saved weighted score from the answer', async () => {
    backend({
      'contest.judgeEntry': () => ok(judgeEntry()),
      'contest.saveScores': (call) => ok(judgeEntry({ scores: call.event.scores, comment: call.event.comment, weighted: 78.5 })),
    });
    const { page: score, simulate } = await openPage('packageContest/score/index', { roundId: 'r1', entryId: 'e1' });
    expect(callsOf('contest', 'judgeEntry')).toEqual([{ roundId: 'r1', entryId: 'e1' }]);
    expect(texts(score.querySelectorAll('.dimension-name'))).toEqual([
      '切合主题 权重 30% · 0–10 分',
      '目标与内容 权重 40% · 0–10 分',
      '呈现效果 权重 30% · 1–5 分',
    ]);
    expect(texts(score.querySelectorAll('.dimension-score'))).toEqual(['未打分', '未打分', '未打分']);

    const sliders = score.querySelectorAll('.dimension-slider');
    await input(simulate, sliders[0], 8, 'change');
    await input(simulate, sliders[2], 9, 'change');
    // Outside the range: held to the dimension's maximum.
    expect(texts(score.querySelectorAll('.dimension-score'))).toEqual(['8 分', '未打分', '5 分']);
    await tap(simulate, score.querySelector('.save-button')!);
    expect(text(score.querySelector('.form-error'))).toBe('请为「目标与内容」打分');
    expect(callsOf('contest', 'saveScores')).toEqual([]);

    await input(simulate, sliders[1], 7, 'change');
    await input(simulate, score.querySelector('.comment'), ' 结构清晰，案例可再具体 ');
    await tap(simulate, score.querySelector('.save-button')!);
    expect(callsOf('contest', 'saveScores')).toEqual([
      { roundId: 'r1', entryId: 'e1', scores: { fit: 8, content: 7, show: 5 }, comment: '结构清晰，案例可再具体' },
    ]);
    expect(text(score.querySelector('.weighted'))).toBe('加权得分 78.5');
    expect(wxStub().toasts).toEqual(['评分已保存']);

    await tap(simulate, score.querySelector('.course')!);
    expect(wxStub().navigations).toEqual(['/packageContest/entry-course/index?entryId=e1&courseId=c1']);
  });

  test('locked scores are shown read-only; a save after the window closed says so and locks the page', async () => {
    backend({ 'contest.judgeEntry': () => ok(judgeEntry({ locked: true, scores: { fit: 6, content: 7, show: 4 }, weighted: 70, comment: '不错' })) });
    const { page: locked } = await openPage('packageContest/score/index', { roundId: 'r1', entryId: 'e1' });
    expect(texts(locked.querySelectorAll('.dimension-score'))).toEqual(['6 分', '7 分', '4 分']);
    expect(text(locked.querySelector('.lock-note'))).toContain('评分不可修改');
    expect(locked.querySelector('.save-button')).toBeFalsy();

    backend({
      'contest.judgeEntry': () => ok(judgeEntry({ scores: { fit: 6, content: 7, show: 4 } })),
      'contest.saveScores': () => failure('CONTEST_PHASE', '不在评审时间内，评分已锁定'),
    });
    const { page: open, simulate } = await openPage('packageContest/score/index', { roundId: 'r1', entryId: 'e1' });
    await tap(simulate, open.querySelector('.save-button')!);
    expect(text(open.querySelector('.form-error'))).toBe('不在评审时间内，评分已锁定');
    expect(open.querySelector('.save-button')).toBeFalsy();
  });

  test('an entry not assigned to me says why', async () => {
    backend({ 'contest.judgeEntry': () => failure('FORBIDDEN', '你没有权限进行此操作') });
    const { page: score } = await openPage('packageContest/score/index', { roundId: 'r1', entryId: 'e9' });
    expect(text(inStatus(score, '.state-error'))).toContain('你没有权限进行此操作');
  });

  test('未打分 stands out as a call to action with a hint to drag the slider, until the dimension has a score', async () => {
    backend({ 'contest.judgeEntry': () => ok(judgeEntry({ scores: { fit: 6 } })) });
    const { page: score, simulate } = await openPage('packageContest/score/index', { roundId: 'r1', entryId: 'e1' });
    const unscored = () => score.querySelectorAll('.dimension-score').map((found) => (found.dom?.className ?? '').includes('dimension-unscored'));
    expect(texts(score.querySelectorAll('.dimension-score'))).toEqual(['6 分', '未打分', '未打分']);
    expect(unscored()).toEqual([false, true, true]);
    expect(texts(score.querySelectorAll('.score-hint'))).toEqual(['拖动滑块打分 →', '拖动滑块打分 →']);
    await input(simulate, score.querySelectorAll('.dimension-slider')[1], 7, 'change');
    expect(unscored()).toEqual([false, false, true]);
    expect(score.querySelectorAll('.score-hint')).toHaveLength(1);

    backend({ 'contest.judgeEntry': () => ok(judgeEntry({ locked: true })) });
    const { page: locked } = await openPage('packageContest/score/index', { roundId: 'r1', entryId: 'e1' });
    expect(locked.querySelectorAll('.score-hint')).toHaveLength(0);
  });
});

// 成绩公示: published rounds only (the latest first), the ranking with its parts, the awards, and sharing.
describe('results', () => {
  const row = (n: number, overrides: Partial<ResultRow> = {}): ResultRow => ({
    entryId: `e${n}`,
    title: `作品${n}`,
    ownerName: `作者${n}`,
    teamName: null,
    branchId: 'b1',
    branchName: '华东分公司',
    dimensionAverages: { fit: 8, content: 7.25, show: 4 + n / 3 },
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

  const results = (roundId: string, items: ResultRow[], status: RoundResultsView['status'] = 'published'): RoundResultsView => ({
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
            rounds: [
              round(0, { phase: 'closed', resultsPublished: true }),
              round(1, { phase: 'closed' }),
              round(2, { phase: 'closed', resultsPublished: true }),
            ],
          }),
        ),
      'contest.awards': () =>
        ok([
          {
            awardId: 'a1',
            kind: 'best_overall',
            name: '最佳微课',
            points: 500,
            winners: [{ entryId: 'e1', title: '作品1', ownerName: '作者1', teamName: '一队' }],
            branchName: null,
            basis: '最终得分 94.0',
            decidedAt: '2026-05-20T02:00:00.000Z',
          },
          {
            awardId: 'a2',
            kind: 'best_branch',
            name: '最佳组织单位',
            points: 0,
            winners: [],
            branchName: '华东分公司',
            basis: '参与率 12.5%',
            decidedAt: '2026-05-20T02:00:00.000Z',
          },
        ]),
      'contest.results': (call) => ok(results(String(call.event.roundId), call.event.roundId === 'r3' ? [row(1), row(2)] : [row(1), row(2), row(3)])),
    });
    const { page, simulate } = await openPage('packageContest/results/index', { contestId: 'k1' });
    // Only published rounds: 初赛 and 决赛, the final first.
    expect(page.instance.data.rounds.map((r: { label: string }) => r.label)).toEqual(['初赛', '决赛']);
    expect(callsOf('contest', 'results')).toEqual([{ roundId: 'r3', page: 1, pageSize: 10 }]);
    expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品1（一队 · 作者1）', '华东分公司']);
    expect(texts(page.querySelectorAll('.result-title'))).toEqual(['作品1晋级', '作品2']);
    expect(texts(page.querySelectorAll('.result-parts'))).toEqual([
      '评委 89.0（3 人） · 投票 90 票 → 90.0 · 加分 +5.0',
      '评委 88.0（3 人） · 投票 80 票 → 80.0',
    ]);
    // The judges' average per dimension, named by the round's rubric.
    expect(texts(page.querySelectorAll('.result-dimensions'))).toEqual([
      '切合主题 8.0 · 目标与内容 7.3 · 呈现效果 4.3',
      '切合主题 8.0 · 目标与内容 7.3 · 呈现效果 4.7',
    ]);
    expect(texts(page.querySelectorAll('.result-final'))).toEqual(['94.0', '93.0']);
    expect(page.instance.data.shareTarget).toEqual({
      kind: 'contestResults',
      id: 'k1',
      title: '2026 微课大赛 成绩公示',
      imageUrl: 'http://127.0.0.1:8787/storage/poster.png',
    });

    await pick(simulate, page.querySelector('.round-picker'), 'r1');
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
});
