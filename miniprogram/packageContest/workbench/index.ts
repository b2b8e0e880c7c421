/** 评审工作台: the rounds where I judge, newest first, each with its judging window and my scoring progress. */
import { listJudgeRounds, type JudgeRound } from '../../services/contest';
import { definePagedListPage } from '../../utils/paged-list';
import { OPEN_THEME, type TagTheme } from '../../utils/status-themes';
import type { DataEvent } from '../../utils/events';
import { dayRange } from '../shared/rounds';
import { judgeRoundUrl } from '../shared/routes';

interface RoundRow {
  id: string;
  title: string;
  window: string;
  progress: string;
  percent: number;
  open: boolean;
  openTheme: TagTheme;
}

function toRow(round: JudgeRound): RoundRow {
  return {
    id: round.roundId,
    title: `${round.contestTitle} · ${round.roundName}`,
    window: `评审时间 ${dayRange(round.judgingStartDay, round.judgingEndDay)}`,
    progress: `已评 ${round.scored} / ${round.assigned}`,
    percent: round.assigned > 0 ? Math.round((round.scored / round.assigned) * 100) : 0,
    open: round.judgingOpen,
    openTheme: round.judgingOpen ? OPEN_THEME : 'default',
  };
}

definePagedListPage({
  fetchPage: (page: number, pageSize: number) => listJudgeRounds(page, pageSize),
  toView: toRow,
  reloadOnShow: true,
  methods: {
    onOpen(event: DataEvent<{ id?: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: judgeRoundUrl(id) });
    },
  },
});
