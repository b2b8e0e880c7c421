/**
 * 分享排行 of a campaign or a contest (?boardKind=campaign|contest&boardId=…): sharers by colleagues reached,
 * then conversions, with my own row on top and when the board was last brought up to date.
 */
import { getShareLeaderboard, type ShareBoardKind, type ShareLeaderboardRow } from '../../services/share';
import { departmentLabel } from '../../utils/departments';
import { definePagedListPage } from '../../utils/paged-list';
import { beijingDateTime } from '../../utils/time';

interface BoardRow {
  key: string;
  rank: number;
  name: string;
  department: string;
  /** 分享 3 次 · 触达 12 人 · 转化 4 人 */
  figures: string;
  isMe: boolean;
  medal: boolean;
  /** 学员等级 beside the name, or '' below the first rung. */
  level: string;
}

const figuresOf = (row: ShareLeaderboardRow): string => `分享 ${row.shares} 次 · 触达 ${row.reach} 人 · 转化 ${row.conversions} 人`;

const toBoardRow = (row: ShareLeaderboardRow): BoardRow => ({
  key: row.memberId,
  rank: row.rank,
  name: row.name,
  department: departmentLabel(row.departmentPath),
  figures: figuresOf(row),
  isMe: row.isMe,
  medal: row.rank <= 3,
  level: row.level ?? '',
});

const isBoardKind = (value: string | undefined): value is ShareBoardKind => value === 'campaign' || value === 'contest';

definePagedListPage({
  async fetchPage(page, pageSize) {
    const board = await getShareLeaderboard(this.data.boardKind, this.data.boardId, page, pageSize);
    if (page === 1) {
      wx.setNavigationBarTitle({ title: `${board.board.title} · 分享排行` });
      this.setData({
        mine: board.mine ? `我的排名 第 ${board.mine.rank} 名 · ${figuresOf(board.mine)}` : '你还没有分享过，分享后即可上榜',
        updated: board.updatedAt ? `数据更新于 ${beijingDateTime(board.updatedAt)}` : '数据尚未汇总，稍后再来看看',
      });
    }
    return board;
  },
  toView: toBoardRow,
  data: {
    boardKind: 'campaign' as ShareBoardKind,
    boardId: '',
    mine: '',
    updated: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const boardKind = isBoardKind(query.boardKind) ? query.boardKind : 'campaign';
      this.setData({ boardKind, boardId: query.boardId ?? '' });
      return this.reload();
    },
  },
});
