/** 积分排行: the company board and my department's board (tabs), page by page, with my own position on top. */
import { getLeaderboard, type LeaderboardRow, type LeaderboardScope } from '../../services/points';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';

interface RankRow {
  key: string;
  rank: number;
  name: string;
  /** 学员等级 beside the name, or ''. */
  level: string;
  department: string;
  balance: number;
  isMe: boolean;
  medal: boolean;
}

const toRankRow = (row: LeaderboardRow): RankRow => ({
  key: row.memberId,
  rank: row.rank,
  name: row.name,
  level: row.level ?? '',
  department: row.departmentPath.join(' / '),
  balance: row.balance,
  isMe: row.isMe,
  medal: row.rank <= 3,
});

const TABS: { value: LeaderboardScope; label: string }[] = [
  { value: 'company', label: '全公司' },
  { value: 'department', label: '本部门' },
];

definePagedListPage({
  async fetchPage(page, pageSize) {
    const { scope } = this.data;
    const board = await getLeaderboard(scope, page, pageSize);
    // Only the answer for the tab still shown may write 我的排名.
    if (scope === this.data.scope) {
      this.setData({ mine: board.myRank === null ? `我的积分 ${board.myBalance}，暂未上榜` : `我的排名 第 ${board.myRank} 名 · ${board.myBalance} 积分` });
    }
    return board;
  },
  toView: toRankRow,
  data: {
    tabs: TABS,
    scope: 'company' as LeaderboardScope,
    /** 我的排名 line; '' until the first page answers. */
    mine: '',
  },
  methods: {
    onTab(event: TabsEvent<LeaderboardScope>) {
      const scope = event.detail.value;
      if (scope === this.data.scope) return undefined;
      return this.reloadWith({ scope, mine: '' });
    },
  },
});
