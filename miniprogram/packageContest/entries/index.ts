/**
 * 参赛作品 of a round: the submitted entries with a search by title, team or author, and the 人气榜 (vote
 * leaderboard, most votes first, counts maintained as votes arrive). A tap opens the entry to watch and vote.
 */
import { entryUrl } from '../../components/contest-card/view';
import { getContest, getVoteLeaderboard, listEntries, type ContestRound } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { pickedIndex } from '../../utils/ui';
import { failedLoad, type DataEvent, type InputEvent, type PickEvent } from '../shared/load';
import { ownerLabel } from '../shared/entry-view';
import { currentRoundIndex } from '../shared/rounds';

type Tab = 'entries' | 'rank';

interface EntryRow {
  id: string;
  title: string;
  owner: string;
  votes: number;
  /** 1-based on the leaderboard, 0 in the plain list. */
  rank: number;
}

const EMPTY_TEXT: Record<Tab, string> = { entries: '暂无已提交的作品', rank: '暂无投票' };

definePagedListPage({
  data: {
    contestId: '',
    rounds: [] as { id: string; name: string; votingOpen: boolean; hasVoting: boolean }[],
    roundIndex: 0,
    tab: 'entries' as Tab,
    keyword: '',
    emptyText: EMPTY_TEXT.entries,
    votingNote: '',
  },
  async fetchPage(page: number, pageSize: number) {
    const round = this.data.rounds[this.data.roundIndex];
    if (!round) return { items: [], page: 1, pageSize, total: 0, hasMore: false };
    if (this.data.tab === 'rank') {
      const result = await getVoteLeaderboard(round.id, page, pageSize);
      return { ...result, items: result.items.map((row): EntryRow => ({ id: row.entryId, title: row.title, owner: ownerLabel(row), votes: row.votes, rank: row.rank })) };
    }
    const result = await listEntries(round.id, this.data.keyword.trim(), page, pageSize);
    return { ...result, items: result.items.map((card): EntryRow => ({ id: card.id, title: card.title, owner: ownerLabel(card), votes: card.votes, rank: 0 })) };
  },
  toView: (row: EntryRow) => row,
  reloadOnShow: true,
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ contestId: query.contestId ?? '' });
      return this.start(query.roundId ?? '');
    },
    /** The contest's rounds first (the current one chosen unless a round was asked for), then the list. */
    async start(roundId: string) {
      try {
        const contest = await getContest(this.data.contestId);
        const rounds = contest.rounds.map((round: ContestRound) => ({ id: round.id, name: round.name, votingOpen: round.votingOpen, hasVoting: round.voting !== null }));
        const asked = rounds.findIndex((round) => round.id === roundId);
        const roundIndex = asked >= 0 ? asked : Math.max(0, currentRoundIndex(contest.rounds));
        this.setData({ rounds, roundIndex });
        this.noteVoting();
      } catch (error) {
        this.setData(failedLoad(error, 'contest-entries'));
        return;
      }
      await this.reload();
    },
    onRetry() {
      return this.data.rounds.length === 0 ? this.start('') : this.reload();
    },
    noteVoting() {
      const round = this.data.rounds[this.data.roundIndex];
      this.setData({ votingNote: !round?.hasVoting ? '本轮不设大众投票' : round.votingOpen ? '投票进行中，点开作品即可投票' : '当前不在投票时间' });
    },
    onRound(event: PickEvent) {
      this.setData({ roundIndex: Math.min(pickedIndex(event), this.data.rounds.length - 1) });
      this.noteVoting();
      return this.reloadWith({});
    },
    onTab(event: DataEvent<{ tab?: Tab }>) {
      const tab = event.currentTarget.dataset.tab;
      if (!tab || tab === this.data.tab) return;
      return this.reloadWith({ tab, emptyText: EMPTY_TEXT[tab] });
    },
    onKeyword(event: InputEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      return this.reloadWith({});
    },
    onOpen(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: entryUrl(id) });
    },
  },
});
