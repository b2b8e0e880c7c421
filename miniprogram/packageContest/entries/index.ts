/**
 * 参赛作品 of a round: the submitted entries with a search by title, team or author, and the 人气榜 (vote
 * leaderboard, most votes first, counts maintained as votes arrive). While the round's vote is open each
 * card shows what I may still give it today (one votesLeft call per page) and votes in place; a tap
 * elsewhere opens the entry.
 */
import { entryUrl } from '../../components/contest-card/view';
import { getContest, getVoteLeaderboard, getVotesLeft, listEntries, type ContestRound, type VotesLeft } from '../../services/contest';
import { failedLoad, failureOf } from '../../utils/failure';
import { definePagedListPage } from '../../utils/paged-list';
import { toast } from '../../utils/ui';
import type { DataEvent, InputEvent, TabsEvent } from '../../utils/events';
import { ownerLabel } from '../shared/entry-view';
import { currentRoundIndex } from '../shared/rounds';
import { castVote } from '../shared/voting';

type Tab = 'entries' | 'rank';

interface EntryRow {
  id: string;
  title: string;
  owner: string;
  /** The owner's 学员等级 on the leaderboard, or ''. */
  level: string;
  votes: number;
  /** 1-based on the leaderboard, 0 in the plain list. */
  rank: number;
  canVote: boolean;
  /** 今日已投, or '' (own entries and closed windows say nothing on a card). */
  voteNote: string;
}

/** Marks each row with what I may still give it today. */
function withVotesLeft(rows: EntryRow[], left: VotesLeft | null): EntryRow[] {
  if (!left?.votingOpen) return rows;
  const byEntry = new Map(left.entries.map((entry) => [entry.entryId, entry]));
  return rows.map((row) => {
    const mine = byEntry.get(row.id);
    const canVote = (mine?.left ?? 0) > 0;
    return { ...row, canVote, voteNote: !canVote && (mine?.votedToday ?? 0) > 0 ? '今日已投' : '' };
  });
}

/** `total` mode: one quota over all entries, said once above the list. */
function totalNote(left: VotesLeft | null): string {
  return left?.votingOpen && left.mode === 'total' && left.totalLeft !== null ? `今日还可投 ${left.totalLeft} 票（所有作品共用）` : '';
}

const EMPTY_TEXT: Record<Tab, string> = { entries: '暂无已提交的作品', rank: '暂无投票' };

definePagedListPage({
  data: {
    contestId: '',
    /** The rounds as components/picker-field options. */
    rounds: [] as { value: string; label: string; votingOpen: boolean; hasVoting: boolean }[],
    roundId: '',
    tab: 'entries' as Tab,
    tabs: [
      { value: 'entries', label: '全部作品' },
      { value: 'rank', label: '人气榜' },
    ],
    keyword: '',
    emptyText: EMPTY_TEXT.entries,
    votingNote: '',
    totalNote: '',
    /** The entry a vote is on its way for. */
    votingId: '',
    /** Per entry, the request of a tap whose answer never came (sent again on the next tap). */
    pending: {} as Record<string, string>,
  },
  async fetchPage(page: number, pageSize: number) {
    const round = this.data.rounds.find((candidate) => candidate.value === this.data.roundId);
    if (!round) return { items: [], page: 1, pageSize, total: 0, hasMore: false };
    const fresh = { canVote: false, voteNote: '' };
    const result =
      this.data.tab === 'rank'
        ? await getVoteLeaderboard(round.value, page, pageSize).then((found) => ({
            ...found,
            items: found.items.map(
              (row): EntryRow => ({
                id: row.entryId,
                title: row.title,
                owner: ownerLabel(row),
                level: row.ownerLevel ?? '',
                votes: row.votes,
                rank: row.rank,
                ...fresh,
              }),
            ),
          }))
        : await listEntries(round.value, this.data.keyword.trim(), page, pageSize).then((found) => ({
            ...found,
            items: found.items.map(
              (card): EntryRow => ({ id: card.id, title: card.title, owner: ownerLabel(card), level: '', votes: card.votes, rank: 0, ...fresh }),
            ),
          }));
    if (!round.votingOpen || result.items.length === 0) return result;
    // Votes left is an extra: when it fails, the cards show no vote buttons.
    const left = await getVotesLeft(
      round.value,
      result.items.map((row) => row.id),
    ).catch((error: unknown) => {
      failureOf(error, 'contest-entries');
      return null;
    });
    this.setData({ totalNote: totalNote(left) });
    return { ...result, items: withVotesLeft(result.items, left) };
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
        const rounds = contest.rounds.map((round: ContestRound) => ({
          value: round.id,
          label: round.name,
          votingOpen: round.votingOpen,
          hasVoting: round.voting !== null,
        }));
        const asked = rounds.find((round) => round.value === roundId);
        this.setData({ rounds, roundId: asked?.value ?? rounds[currentRoundIndex(contest.rounds)]?.value ?? '' });
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
      const round = this.data.rounds.find((candidate) => candidate.value === this.data.roundId);
      this.setData({ votingNote: !round?.hasVoting ? '本轮不设大众投票' : round.votingOpen ? '投票进行中，可在列表或作品页投票' : '当前不在投票时间' });
    },
    onRound(event: InputEvent) {
      this.setData({ roundId: event.detail.value });
      this.noteVoting();
      return this.reloadWith({});
    },
    /** The t-tabs row: 全部作品 or 人气榜. */
    onTab(event: TabsEvent<Tab>) {
      const tab = event.detail.value;
      if (!(tab in EMPTY_TEXT) || tab === this.data.tab) return;
      return this.reloadWith({ tab, emptyText: EMPTY_TEXT[tab] });
    },
    onKeyword(event: InputEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      return this.reloadWith({});
    },
    async onVote(event: DataEvent<{ index?: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.items[index];
      if (!row?.canVote || this.data.votingId) return;
      this.setData({ votingId: row.id });
      const outcome = await castVote(row.id, this.data.pending[row.id] ?? '', 'contest-entries');
      // Ids are opaque: the map is replaced whole rather than set by a path.
      this.setData({ votingId: '', pending: { ...this.data.pending, [row.id]: outcome.ok ? '' : outcome.retryId } });
      if (!outcome.ok) {
        toast(outcome.message);
        if (outcome.recheck) await this.reload();
        return;
      }
      const { result } = outcome;
      const canVote = result.entryLeft > 0;
      this.setData({ [`items[${index}].votes`]: result.votes, [`items[${index}].canVote`]: canVote, [`items[${index}].voteNote`]: canVote ? '' : '今日已投' });
      if (result.totalLeft !== null) {
        this.setData({ totalNote: `今日还可投 ${result.totalLeft} 票（所有作品共用）` });
        if (result.totalLeft === 0) this.setData({ items: this.data.items.map((item) => ({ ...item, canVote: false })) });
      }
      toast(result.firstTime ? '投票成功' : '已投过这一票');
    },
    onOpen(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: entryUrl(id) });
    },
  },
});
