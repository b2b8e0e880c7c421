/**
 * 成绩公示: a published round's ranking (judges' average, votes, bonus, final score, who advances) and the
 * final's awards. Shareable (utils/share.ts). Rounds not yet published are not offered.
 */
import { getAwards, getContest, getResults, type ContestRound } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
import { pickedIndex } from '../../utils/ui';
import type { PickEvent } from '../../utils/events';
import { toAwardLine, toResultLine, type AwardLine, type ResultLine } from '../shared/results-view';
import { failedLoad } from '../../utils/failure';

definePagedListPage({
  data: {
    ...shareData(),
    contestId: '',
    contestTitle: '',
    rounds: [] as { id: string; name: string; rubric: ContestRound['rubric'] }[],
    roundIndex: 0,
    awards: [] as AwardLine[],
    summary: '',
  },
  async fetchPage(page: number, pageSize: number) {
    const round = this.data.rounds[this.data.roundIndex];
    if (!round) return { items: [], page: 1, pageSize, total: 0, hasMore: false };
    const result = await getResults(round.id, page, pageSize);
    this.setData({ summary: `共 ${result.total} 件作品${result.advancing > 0 ? `，${result.advancing} 件晋级` : ''}` });
    return { ...result, items: result.items.map((row) => toResultLine(row, round.rubric)) };
  },
  toView: (line: ResultLine) => line,
  methods: {
    ...shareMethods,
    async onLoad(query: Record<string, string | undefined> = {}) {
      if (!(await enterThroughShare(query))) return;
      this.setData({ contestId: query.contestId ?? '' });
      return this.start();
    },
    /** The published rounds (the latest first shown) and the awards, then the ranking. */
    async start() {
      try {
        const contest = await getContest(this.data.contestId);
        const rounds = contest.rounds.filter((round) => round.resultsPublished).map((round) => ({ id: round.id, name: round.name, rubric: round.rubric }));
        const awards = contest.finished ? (await getAwards(contest.id)).map(toAwardLine) : [];
        this.setData({
          contestTitle: contest.title,
          rounds,
          roundIndex: Math.max(0, rounds.length - 1),
          awards,
          shareTarget: { kind: 'contestResults', id: contest.id, title: `${contest.title} 成绩公示`, imageUrl: contest.posterUrl ?? '' },
        });
      } catch (error) {
        this.setData(failedLoad(error, 'contest-results'));
        return;
      }
      if (this.data.rounds.length === 0) {
        this.setData({ status: 'empty' });
        return;
      }
      await this.reload();
    },
    onRetry() {
      return this.data.contestTitle === '' ? this.start() : this.reload();
    },
    onRound(event: PickEvent) {
      this.setData({ roundIndex: Math.min(pickedIndex(event), this.data.rounds.length - 1) });
      return this.reloadWith({});
    },
  },
});
