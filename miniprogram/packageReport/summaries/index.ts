/**
 * 打卡与大赛: campaign summaries (participants, check-ins) and contest summaries (entries, votes) with what
 * their shares reached, each linking to its share leaderboard; both tables exportable to Excel.
 */
import { listCampaignReports, listContestReports, type CampaignReportRow, type ContestReportRow } from '../../services/report';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { shareLeaderboardUrl } from '../../utils/share';
import { NONE, exportTable, updatedLabel } from '../shared/format';

type SummaryTab = 'campaigns' | 'contests';

interface SummaryView {
  key: string;
  title: string;
  lines: string[];
  boardUrl: string;
}

type SummaryRow = { kind: 'campaign'; row: CampaignReportRow } | { kind: 'contest'; row: ContestReportRow };

const count = (value: number | null): string => (value === null ? NONE : String(value));

function toSummaryView(summary: SummaryRow): SummaryView {
  const spread = `分享 ${summary.row.shares} 次 · 触达 ${summary.row.opens} 人 · 转化 ${summary.row.conversions} 人`;
  if (summary.kind === 'campaign') {
    const { row } = summary;
    return {
      key: `campaign-${row.campaignId}`,
      title: row.title,
      lines: [`${row.startDay} 至 ${row.endDay}`, `参与 ${count(row.participants)} 人 · 打卡 ${count(row.checkins)} 次`, spread],
      boardUrl: shareLeaderboardUrl('campaign', row.campaignId),
    };
  }
  const { row } = summary;
  return {
    key: `contest-${row.contestId}`,
    title: row.title,
    lines: [`作品 ${count(row.entries)} 个 · 投票 ${count(row.votes)} 票`, spread],
    boardUrl: shareLeaderboardUrl('contest', row.contestId),
  };
}

const TABS: { value: SummaryTab; label: string }[] = [
  { value: 'campaigns', label: '打卡活动' },
  { value: 'contests', label: '微课大赛' },
];

type OpenEvent = WechatMiniprogram.BaseEvent<{}, { url?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const tab = this.data.tab;
    const result =
      tab === 'campaigns'
        ? await listCampaignReports(page, pageSize).then((answer) => ({ ...answer, items: answer.items.map((row): SummaryRow => ({ kind: 'campaign', row })) }))
        : await listContestReports(page, pageSize).then((answer) => ({ ...answer, items: answer.items.map((row): SummaryRow => ({ kind: 'contest', row })) }));
    if (tab === this.data.tab) this.setData({ updated: updatedLabel(result.updatedAt) });
    return result;
  },
  toView: toSummaryView,
  data: {
    tabs: TABS,
    tab: 'campaigns' as SummaryTab,
    updated: '',
    exporting: '',
  },
  methods: {
    onTab(event: TabsEvent<SummaryTab>) {
      const tab = event.detail.value;
      if (tab === this.data.tab) return undefined;
      return this.reloadWith({ tab, updated: '' });
    },
    onBoard(event: OpenEvent) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
    onExport() {
      return exportTable(this, this.data.tab, { table: this.data.tab });
    },
  },
});
