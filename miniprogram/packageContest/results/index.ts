/**
 * 成绩公示: a published round's ranking (judges' average, votes, bonus, final score, who advances) and the
 * final's awards. Shareable (utils/share.ts). Rounds not yet published are not offered.
 */
import { getAwards, getContest, getResults, type ContestRound } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
import type { InputEvent } from '../../utils/events';
import { toAwardLine, toResultLine, type AwardLine, type ResultLine } from '../shared/results-view';
import { failedLoad } from '../../utils/failure';

definePagedListPage({
  data: {
    ...shareData(),
    contestId: '',
    contestTitle: '',
    /** Published rounds as components/picker-field options. */
    rounds: [] as { value: string; label: string; rubric: ContestRound['rubric'] }[],
    roundId: '',
    awards: [] as AwardLine[],
    summary: '',
  },
  async fetchPage(page: number, pageSize: number) {
    const round = this.data.rounds.find((candidate) => candidate.value === this.data.roundId);
    if (!round) return { items: [], page: 1, pageSize, total: 0, hasMore: false };
    const result = await getResults(round.value, page, pageSize);
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
        const rounds = contest.rounds.filter((round) => round.resultsPublished).map((round) => ({ value: round.id, label: round.name, rubric: round.rubric }));
        const awards = contest.finished ? (await getAwards(contest.id)).map(toAwardLine) : [];
        this.setData({
          contestTitle: contest.title,
          rounds,
          roundId: rounds[rounds.length - 1]?.value ?? '',
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
    onRound(event: InputEvent) {
      return this.reloadWith({ roundId: event.detail.value });
    },
  },
});
