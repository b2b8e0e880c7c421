/**
 * 数据看板 (trainers): a campaign's totals (sign-ups, check-ins, average rate), the daily check-in rate chart
 * (components/chart), per day signed up / checked in / made up / rate, per team, and per member days done
 * and missed (paged, sorted, one team at a time); the roster with every day's status exported to Excel
 * (copy the link, or download and open it with utils/workbook.ts).
 */
import type { ChartSeries } from '../../components/chart/options';
import type { PickerOption } from '../../components/picker-field/index';
import {
  campaignUrl,
  exportRoster,
  getDashboard,
  listDashboardMembers,
  percentText,
  type Dashboard,
  type DashboardMember,
  type DashboardSort,
} from '../../services/campaign';
import { failureOf } from '../../utils/failure';
import { defineLoadedPage } from '../../utils/loaded-page';
import { pickedIndex, toast } from '../../utils/ui';
import { indexedOptions } from '../../utils/form';
import { openWorkbook, WorkbookError } from '../../utils/workbook';

const MEMBER_PAGE_SIZE = 20;

const SORTS: { value: DashboardSort; label: string }[] = [
  { value: 'most_done', label: '打卡最多' },
  { value: 'most_missed', label: '缺卡最多' },
  { value: 'longest_streak', label: '连续最长' },
];

interface TotalsView {
  progress: string;
  enrolled: number;
  pending: number;
  waitlisted: number;
  checkins: string;
  averageRate: string;
}

interface DayRow {
  key: string;
  label: string;
  enrolled: number;
  checkedIn: string;
  /** Of the check-ins, those made up later: its own column so it never runs into the counts. */
  madeUp: string;
  rate: string;
  phase: Dashboard['days'][number]['phase'];
}

interface TeamRow {
  key: string;
  name: string;
  members: number;
  checkins: number;
  rate: string;
}

interface MemberRow {
  key: string;
  name: string;
  team: string;
  done: number;
  missed: number;
  streak: string;
  today: boolean;
}

function toDayRow(day: Dashboard['days'][number]): DayRow {
  const [, month, date] = day.day.split('-');
  const upcoming = day.phase === 'upcoming';
  return {
    key: day.day,
    label: `第${day.index}天 ${Number(month)}/${Number(date)}`,
    enrolled: day.enrolled,
    checkedIn: upcoming ? '—' : String(day.checkedIn),
    madeUp: !upcoming && day.madeUp > 0 ? `（补${day.madeUp}）` : '',
    rate: upcoming ? '—' : percentText(day.rate),
    phase: day.phase,
  };
}

function toMemberRow(member: DashboardMember): MemberRow {
  return {
    key: member.memberId,
    name: member.name,
    team: member.teamName ?? '',
    done: member.daysDone,
    missed: member.missedDays,
    streak: `${member.currentStreak}/${member.longestStreak}`,
    today: member.checkedInToday,
  };
}

interface ExportView {
  url: string;
  rows: number;
}

type DataTap = WechatMiniprogram.BaseEvent<{}, { route?: string }>;

function dashboardView(dashboard: Dashboard) {
  const teamChoices = [{ id: '', name: '全部小组' }, ...dashboard.teams.map((team) => ({ id: team.teamId, name: team.name }))];
  return {
    title: dashboard.title,
    totals: {
      progress: `今天 ${dashboard.today} · 已进行 ${dashboard.elapsedDays}/${dashboard.totalDays} 天`,
      enrolled: dashboard.enrolled,
      pending: dashboard.pending,
      waitlisted: dashboard.waitlisted,
      checkins: dashboard.madeUpTotal > 0 ? `${dashboard.checkinsTotal}（补卡 ${dashboard.madeUpTotal}）` : String(dashboard.checkinsTotal),
      averageRate: percentText(dashboard.averageRate),
    },
    chartCategories: dashboard.chart.categories,
    chartSeries: [{ name: '打卡率（%）', data: dashboard.chart.rates }],
    days: dashboard.days.map(toDayRow),
    teams: dashboard.teams.map((team) => ({
      key: team.teamId,
      name: team.name,
      members: team.members,
      checkins: team.checkins,
      rate: percentText(team.rate),
    })),
    teamChoices,
    teamOptions: indexedOptions(teamChoices, (team) => team.name),
  };
}

defineLoadedPage({
  where: 'campaign-dashboard',
  data: {
    campaignId: '',
    title: '',
    totals: null as TotalsView | null,
    chartCategories: [] as string[],
    chartSeries: [] as ChartSeries[],
    days: [] as DayRow[],
    teams: [] as TeamRow[],
    /** Team filter of the member table: index into teamChoices (0 = all teams). */
    teamChoices: [{ id: '', name: '全部小组' }] as { id: string; name: string }[],
    teamOptions: [] as PickerOption[],
    teamIndex: 0,
    sortOptions: indexedOptions(SORTS, (sort) => sort.label),
    sortIndex: 0,
    members: [] as MemberRow[],
    membersPage: 0,
    moreMembers: false,
    membersError: '',
    exporting: false,
    exported: null as ExportView | null,
  },
  readQuery: (query) => ({ campaignId: query.id ?? '' }),
  fetch() {
    return getDashboard(this.data.campaignId);
  },
  show: dashboardView,
  methods: {
    afterLoad() {
      return this.loadMembers(1);
    },
    async loadMembers(page: number) {
      const sort = SORTS[this.data.sortIndex]?.value ?? 'most_done';
      const teamId = this.data.teamChoices[this.data.teamIndex]?.id || undefined;
      try {
        const result = await listDashboardMembers(this.data.campaignId, page, MEMBER_PAGE_SIZE, sort, teamId);
        const shown = page === 1 ? [] : this.data.members;
        this.setData({ members: shown.concat(result.items.map(toMemberRow)), membersPage: page, moreMembers: result.hasMore, membersError: '' });
      } catch (error) {
        this.setData({ membersError: failureOf(error, 'campaign-dashboard').message });
      }
    },
    onSortPick(event: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      this.setData({ sortIndex: pickedIndex(event) });
      return this.loadMembers(1);
    },
    onTeamPick(event: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      this.setData({ teamIndex: pickedIndex(event) });
      return this.loadMembers(1);
    },
    onMoreMembers() {
      return this.loadMembers(this.data.membersPage + 1);
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const exported = await exportRoster(this.data.campaignId);
        this.setData({ exported: { url: exported.url, rows: exported.rows } });
      } catch (error) {
        toast(failureOf(error, 'campaign-dashboard', '导出失败，请稍后重试').message);
      } finally {
        this.setData({ exporting: false });
      }
    },
    onCopyLink() {
      // WeChat itself confirms with a 内容已复制 toast.
      if (this.data.exported) wx.setClipboardData({ data: this.data.exported.url });
    },
    async onOpenFile() {
      const exported = this.data.exported;
      if (!exported) return;
      try {
        await openWorkbook(exported.url);
      } catch (error) {
        const unopened = error instanceof WorkbookError && error.step === 'open';
        toast(unopened ? '无法打开文件，请复制链接后在电脑上打开' : '下载失败，请复制链接后在浏览器打开');
      }
    },
    onOpen(event: DataTap) {
      const route = (['feed', 'members', 'editor'] as const).find((candidate) => candidate === event.currentTarget.dataset.route);
      if (route) wx.navigateTo({ url: campaignUrl(route, { id: this.data.campaignId }) });
    },
  },
});
