/**
 * 活动详情 / 报名: cover, introduction, dates, the daily tasks, what a check-in requires, the rules (points,
 * streak bonuses, make-up cards, certificate), sign-up window, capacity and waiting list. Signing up picks a
 * team when teams are chosen at sign-up, and carries the invitation token of an invitation link
 * (`?id=…&inviteToken=…`); quitting asks first. A member taking part sees today's task with the 去打卡
 * button, their progress and streak, and the way to the calendar, feed, leaderboards and certificate.
 * 订阅提醒 asks WeChat for one reminder (a one-time subscribe message) and reports the accepted one, showing
 * how many reminders are left. The page is shareable (utils/share.ts): a share carries a token, and an open
 * through one is recorded before anything loads. It is a loaded page (utils/loaded-page.ts) that loads again
 * when shown again (back from a check-in); sign-up, quitting and the reminder's report go through
 * utils/submit-once.ts.
 */
import {
  campaignUrl,
  getCampaign,
  getReminderSettings,
  phaseLabel,
  quitCampaign,
  signUp,
  subscribeReminder,
  ACTIVE_ENROLLMENT,
  type CampaignCardView,
  type CampaignDetail,
  type Enrollment,
} from '../../services/campaign';
import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
import { requestSubscriptions } from '../../utils/subscribe';
import { courseUrl } from '../../components/course-card/view';
import { failureOf, messageFor } from '../../utils/failure';
import type { ApiErrorCode } from '../../services/transport';
import { defineLoadedPage, type PageQuery } from '../../utils/loaded-page';
import { pictureUrls } from '../../utils/pictures';
import { newRequestId } from '../../utils/request-id';
import { initialSubmitState, pendingIdAt, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { foldedTasks, requirementLines, ruleLines, signUpLines, toEnrollmentView, toTaskView, type EnrollmentView, type TaskView } from '../shared/rules';
import { campaignPhaseTheme } from '../../utils/status-themes';

/** Sign-up refusals in the page's own words. */
const SIGN_UP_REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  SIGNUP_CLOSED: '不在报名时间内，无法报名',
  SIGNUP_REJECTED: '你的报名未通过审核，不能再次报名',
  NOT_ELIGIBLE: '你不在本活动的参与范围内',
  CAMPAIGN_STATE: '活动已结束或未发布，无法报名',
};

interface CampaignView extends Pick<CampaignCardView, 'id' | 'title' | 'summary' | 'cover' | 'dates' | 'phase' | 'phaseTheme'> {
  owner: string;
  signUp: string[];
  requirement: string[];
  rules: string[];
  tasks: TaskView[];
  /** How many tasks the folded list hides (0: nothing to unfold). */
  foldedTaskCount: number;
  todayTask: TaskView | null;
  today: string;
  checkedInToday: boolean;
  running: boolean;
  canManage: boolean;
  teamChoice: boolean;
  teams: { id: string; name: string; enrolled: number }[];
  /** Sign-up is possible now for the caller (open, and not taking part). */
  canSignUp: boolean;
  signUpLabel: string;
}

const SIGN_UP_OUTCOMES: Record<Enrollment['status'], string> = {
  enrolled: '报名成功',
  pending: '已提交报名，等待审核',
  waitlisted: '名额已满，已加入候补',
  rejected: '报名未通过审核',
  quit: '已退出活动',
};

function toCampaignView(campaign: CampaignDetail, coverUrl: string): CampaignView {
  const enrollment = campaign.myEnrollment;
  const taking = enrollment !== null && ACTIVE_ENROLLMENT.includes(enrollment.status);
  const full = campaign.capacity !== null && campaign.enrolledCount >= campaign.capacity;
  const tasks = foldedTasks(campaign.tasks, campaign.today);
  return {
    id: campaign.id,
    title: campaign.title,
    summary: campaign.summary,
    cover: coverUrl,
    dates: `${campaign.startDay} 至 ${campaign.endDay} · 共 ${campaign.totalDays} 天`,
    phase: phaseLabel(campaign),
    phaseTheme: campaignPhaseTheme(campaign),
    owner: campaign.ownerName ? `发起人：${campaign.ownerName}` : '',
    signUp: signUpLines(campaign),
    requirement: requirementLines(campaign.requirement),
    rules: ruleLines(campaign),
    tasks,
    foldedTaskCount: tasks.filter((task) => task.folded).length,
    todayTask: campaign.todayTask ? toTaskView(campaign.todayTask, campaign.today) : null,
    today: campaign.today,
    checkedInToday: campaign.checkedInToday,
    running: campaign.phase === 'running',
    canManage: campaign.canManage,
    teamChoice: campaign.teamMode === 'chosen' && campaign.teams.length > 0,
    teams: campaign.teams.map((team) => ({ id: team.id, name: team.name, enrolled: team.enrolled })),
    canSignUp: campaign.signUpOpen && !taking,
    signUpLabel: full ? '名额已满，加入候补' : enrollment?.status === 'quit' ? '重新报名' : '立即报名',
  };
}

type DataTap = WechatMiniprogram.BaseEvent<{}, { id?: string; course?: string }>;

/** 订阅提醒: the template to ask for and the reminders I have left; a pending report keeps its requestId. */
interface ReminderView {
  templateId: string;
  remaining: number;
  /** An accepted subscription whose report did not come back: 重新同步 sends it again with this id. */
  pendingRequestId: string;
}

interface Loaded {
  campaign: CampaignDetail;
  coverUrl: string;
}

defineLoadedPage({
  where: 'campaign-detail',
  reloadOnShow: true,
  data: {
    ...shareData(),
    ...initialSubmitState(),
    reminder: null as ReminderView | null,
    campaignId: '',
    inviteToken: '',
    campaign: null as CampaignView | null,
    enrollment: null as EnrollmentView | null,
    teamId: '',
    tasksExpanded: false,
    error: '',
  },
  refuse() {
    return this.data.campaignId ? '' : '活动不存在或已删除';
  },
  async fetch(): Promise<Loaded> {
    const { campaignId, inviteToken } = this.data;
    const campaign = await getCampaign(campaignId, inviteToken || undefined);
    const coverUrl = campaign.cover ? ((await pictureUrls([campaign.cover]))[campaign.cover] ?? '') : '';
    return { campaign, coverUrl };
  },
  show({ campaign, coverUrl }) {
    const view = toCampaignView(campaign, coverUrl);
    const kept = view.teams.some((team) => team.id === this.data.teamId) ? this.data.teamId : '';
    return {
      campaign: view,
      enrollment: campaign.myEnrollment ? toEnrollmentView(campaign.myEnrollment, campaign.totalDays) : null,
      teamId: kept,
      shareTarget: { kind: 'campaign' as const, id: campaign.id, title: campaign.title, imageUrl: coverUrl },
    };
  },
  afterShow({ campaign }) {
    wx.setNavigationBarTitle({ title: campaign.title });
  },
  methods: {
    ...shareMethods,
    /** Entered through a share: the open is recorded first; an outsider is sent to 仅限员工 instead. */
    async onLoad(query: PageQuery = {}) {
      if (!(await enterThroughShare(query))) return;
      this.setData({ campaignId: query.id ?? '', inviteToken: query.inviteToken ?? '' });
      await this.load();
    },
    afterLoad({ campaign }: Loaded) {
      const enrolled = campaign.myEnrollment?.status === 'enrolled' && campaign.phase !== 'ended' && campaign.reminderTime !== null;
      if (enrolled && !this.data.reminder) return this.loadReminder();
      return undefined;
    },
    /** 展开全部 / 收起 the daily tasks. */
    onToggleTasks() {
      this.setData({ tasksExpanded: !this.data.tasksExpanded });
    },
    /** Reminders are a convenience: without their settings the button simply does not show. */
    async loadReminder() {
      try {
        const settings = await getReminderSettings();
        if (settings.templateId) this.setData({ reminder: { templateId: settings.templateId, remaining: settings.remaining, pendingRequestId: '' } });
      } catch (error) {
        failureOf(error, 'campaign-detail');
      }
    },
    /**
     * WeChat shows its panel only from a tap, so the panel is asked for first, before any other await
     * (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html).
     * A report whose answer never came keeps its id: 重新同步 sends it again without a second panel.
     */
    async onSubscribe() {
      const reminder = this.data.reminder;
      if (!reminder || this.data.submitting) return;
      // The report's own pending id, so a failed sign-up or quit never turns into 重新同步.
      const host = pendingIdAt(this, 'reminder.pendingRequestId');
      if (!reminder.pendingRequestId) {
        const answer = await requestSubscriptions([reminder.templateId]);
        if (!answer.ok || !answer.accepted.includes(reminder.templateId)) {
          toast('未订阅提醒');
          return;
        }
        // The accepted subscription is one intent from here on, whatever happens to its report.
        host.setData({ pendingRequestId: newRequestId() });
      }
      const outcome = await submitOnce(host, (requestId) => subscribeReminder({ templateId: reminder.templateId, requestId }), {
        where: 'campaign-detail',
        fallback: '订阅未同步，请点击“重新同步”',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        toast(outcome.failure.message);
        return;
      }
      this.setData({ 'reminder.remaining': outcome.value.remaining });
      toast(`已订阅，剩余提醒 ${outcome.value.remaining} 次`);
    },
    onPickTeam(event: DataTap) {
      this.setData({ teamId: event.currentTarget.dataset.id ?? '', error: '' });
    },
    async onSignUp() {
      const campaign = this.data.campaign;
      if (!campaign || this.data.submitting) return;
      if (campaign.teamChoice && !this.data.teamId) {
        this.setData({ error: '请先选择要加入的小组' });
        return;
      }
      this.setData({ error: '' });
      const outcome = await submitOnce(
        this,
        () =>
          signUp({
            campaignId: campaign.id,
            ...(campaign.teamChoice ? { teamId: this.data.teamId } : {}),
            ...(this.data.inviteToken ? { inviteToken: this.data.inviteToken } : {}),
          }),
        { where: 'campaign-detail', fallback: '报名失败，请稍后重试' },
      );
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ error: messageFor(outcome.failure, SIGN_UP_REFUSALS) });
        return;
      }
      toast(SIGN_UP_OUTCOMES[outcome.value.enrollment.status]);
      await this.load();
    },
    async onQuit() {
      const campaign = this.data.campaign;
      if (!campaign || this.data.submitting) return;
      const confirmed = await confirmModal({
        title: '退出活动',
        content: '退出后将不能继续打卡，已打卡的记录会保留；名额会让给候补的成员。确定退出吗？',
        confirmText: '退出',
        danger: true,
      });
      if (!confirmed) return;
      this.setData({ error: '' });
      const outcome = await submitOnce(this, () => quitCampaign(campaign.id), { where: 'campaign-detail', fallback: '退出失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ error: outcome.failure.message });
        return;
      }
      toast('已退出活动');
      await this.load();
    },
    onCheckIn() {
      const campaign = this.data.campaign;
      if (campaign) wx.navigateTo({ url: campaignUrl('checkin', { id: campaign.id }) });
    },
    onOpenCourse(event: DataTap) {
      const { course } = event.currentTarget.dataset;
      if (course) wx.navigateTo({ url: courseUrl(course) });
    },
    /** 打卡日历, 打卡动态, 排行榜, 结业证书, 管理: each page takes the campaign id. */
    onOpen(event: WechatMiniprogram.BaseEvent<{}, { route?: string }>) {
      const campaign = this.data.campaign;
      const route = event.currentTarget.dataset.route;
      const routes = ['calendar', 'feed', 'leaderboard', 'certificate', 'dashboard'] as const;
      const target = routes.find((name) => name === route);
      if (campaign && target) wx.navigateTo({ url: campaignUrl(target, { id: campaign.id }) });
    },
  },
});
