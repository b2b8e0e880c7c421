/**
 * 排行榜: members by days checked in, then longest streak (paginated, my own row pinned on top), and 小组 PK:
 * teams by average check-in rate over the planned days so far, my team marked.
 */
import { getMemberLeaderboard, getTeamLeaderboard, percentText, type MemberRank, type TeamRank } from '../../services/campaign';
import { failureOf } from '../../utils/failure';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';

interface MemberRowView {
  key: string;
  rank: number;
  name: string;
  /** 学员等级 beside the name, or ''. */
  level: string;
  detail: string;
  days: number;
  streak: string;
  isMe: boolean;
}

function toMemberRow(row: MemberRank): MemberRowView {
  const department = row.departmentPath[row.departmentPath.length - 1] ?? '';
  return {
    key: row.memberId,
    rank: row.rank,
    name: row.name,
    level: row.level ?? '',
    detail: [department, row.teamName ?? ''].filter((part) => part !== '').join(' · '),
    days: row.daysDone,
    streak: `连续 ${row.currentStreak} 天 · 最长 ${row.longestStreak} 天`,
    isMe: row.isMe,
  };
}

interface TeamRowView {
  key: string;
  rank: number;
  name: string;
  rate: string;
  /** Bar width in percent. */
  width: number;
  detail: string;
  isMine: boolean;
}

function toTeamRow(team: TeamRank): TeamRowView {
  return {
    key: team.teamId,
    rank: team.rank,
    name: team.name,
    rate: percentText(team.rate),
    width: Math.round(team.rate * 100),
    detail: `${team.members} 人 · 共打卡 ${team.checkins} 次`,
    isMine: team.isMine,
  };
}

type Tab = 'members' | 'teams';

definePagedListPage({
  async fetchPage(page, pageSize) {
    const board = await getMemberLeaderboard(this.data.campaignId, page, pageSize);
    if (page === 1) this.setData({ me: board.me ? toMemberRow(board.me) : null });
    return board;
  },
  toView: toMemberRow,
  pageSize: 20,
  data: {
    campaignId: '',
    tab: 'members' as Tab,
    me: null as MemberRowView | null,
    teamStatus: 'loading' as 'loading' | 'ready' | 'empty' | 'error',
    teamMessage: '',
    teams: [] as TeamRowView[],
    teamProgress: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ campaignId: query.id ?? '', tab: query.tab === 'teams' ? 'teams' : 'members' });
      return this.data.tab === 'teams' ? this.loadTeams() : this.reload();
    },
    onTab(event: TabsEvent) {
      const tab: Tab = event.detail.value === 'teams' ? 'teams' : 'members';
      if (tab === this.data.tab) return Promise.resolve();
      this.setData({ tab });
      if (tab === 'teams') return this.loadTeams();
      return this.data.items.length === 0 ? this.reload() : Promise.resolve();
    },
    async loadTeams() {
      this.setData({ teamStatus: 'loading', teamMessage: '' });
      try {
        const board = await getTeamLeaderboard(this.data.campaignId);
        this.setData({
          teams: board.teams.map(toTeamRow),
          teamStatus: board.teams.length === 0 ? 'empty' : 'ready',
          teamProgress: `按已进行的 ${board.elapsedDays}/${board.totalDays} 天计算平均打卡率`,
        });
      } catch (error) {
        this.setData({ teamStatus: 'error', teamMessage: failureOf(error, 'campaign-leaderboard').message });
      }
    },
    onRetryTeams() {
      return this.loadTeams();
    },
  },
});
