/**
 * 我的 tab: who I am (user.me: name, 工号 or external partner, department, 职级, audiences, roles), entry
 * points for the roles I hold, 消息中心 with the unread count (also the tab's badge, refreshed on every show),
 * and in local mode the dev identity switcher. A caller who is not an active
 * member is sent to the binding page (services/gate.ts).
 */
import type { Role } from '../../../typings/roles';
import { gateReasonOf, leaveForBinding, type GateReason } from '../../services/gate';
import { refreshUnreadBadge } from '../../services/notification';
import { getMyLevel } from '../../services/points';
import { getMyProfile, type BoundProfile } from '../../services/user';
import { failedStatus, failureOf } from '../../utils/failure';
import { AUDIENCE_LABELS, EXTERNAL_PARTNER_LABEL, JOB_LEVEL_LABELS, ROLE_LABELS } from '../../utils/labels';
import { definePage, refreshWith } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';

interface Entry {
  title: string;
  url: string;
  /** Only for a company-wide grant of the section's role: the server refuses department-scoped ones. */
  companyWide?: boolean;
}

interface EntrySection {
  title: string;
  entries: Entry[];
}

/** Pages each role opens. */
const ROLE_SECTIONS: Partial<Record<Role, EntrySection>> = {
  admin: {
    title: '管理后台',
    entries: [
      { title: '成员与角色', url: routeUrl('packageAdmin/members') },
      { title: '邀请码', url: routeUrl('packageAdmin/invitations') },
      { title: '绑定记录', url: routeUrl('packageAdmin/bind-log') },
      { title: '导入花名册', url: routeUrl('packageAdmin/roster') },
      { title: '兑换订单', url: routeUrl('packageAdmin/mall-orders'), companyWide: true },
      { title: '礼品管理', url: routeUrl('packageAdmin/mall-items'), companyWide: true },
      { title: '积分规则', url: routeUrl('packageAdmin/points-rules') },
      { title: '积分调整', url: routeUrl('packageAdmin/points-adjust') },
      { title: '课程评审设置', url: routeUrl('packageAdmin/review-settings') },
      { title: '作者等级', url: routeUrl('packageAdmin/author-levels'), companyWide: true },
      { title: '学员等级', url: routeUrl('packageAdmin/learner-levels'), companyWide: true },
      { title: '媒体审核', url: routeUrl('packageStudio/media-review') },
      { title: '操作日志', url: routeUrl('packageAdmin/audit-log'), companyWide: true },
      { title: '大赛管理', url: routeUrl('packageContest/admin-contests') },
      { title: '打卡活动管理', url: routeUrl('packageCampaignAdmin/campaigns') },
      { title: '线下课管理', url: routeUrl('packageClassroom/manage') },
      { title: '学习数据', url: routeUrl('packageReport/overview') },
    ],
  },
  trainer: {
    title: '课程管理',
    entries: [
      { title: '必修任务', url: routeUrl('packageStudio/assignments') },
      { title: '打卡活动管理', url: routeUrl('packageCampaignAdmin/campaigns') },
      { title: '线下课管理', url: routeUrl('packageClassroom/manage') },
      { title: '大赛管理', url: routeUrl('packageContest/admin-contests') },
      { title: '学习数据', url: routeUrl('packageReport/overview') },
    ],
  },
  reviewer: {
    title: '课程审核',
    entries: [
      { title: '课程评审', url: routeUrl('packageStudio/review-queue') },
      { title: '媒体审核', url: routeUrl('packageStudio/media-review') },
    ],
  },
  judge: {
    title: '大赛评审',
    entries: [{ title: '评审工作台', url: routeUrl('packageContest/workbench') }],
  },
};

/** The 我的 cards every member sees. */
const MY_LINKS = {
  devices: routeUrl('packageConsole/devices'),
  notices: routeUrl('packageNotice/inbox'),
  certificates: routeUrl('packageNotice/certificates'),
  level: routeUrl('packagePoints/level'),
  learning: routeUrl('packageCourse/my'),
  campaigns: routeUrl('packageCampaign/mine'),
  classroom: routeUrl('packageClassroom/list'),
  contests: routeUrl('packageContest/my-entries'),
  studio: routeUrl('packageStudio/courses'),
  shares: routeUrl('packageShare/mine'),
};

/** 积分 entries every member sees (learner is every member, so they are not a role section). */
const POINTS_ENTRIES: readonly Entry[] = [
  { title: '我的积分', url: routeUrl('packagePoints/points') },
  { title: '积分商城', url: routeUrl('packagePoints/mall') },
  { title: '我的订单', url: routeUrl('packagePoints/orders') },
  { title: '积分排行', url: routeUrl('packagePoints/leaderboard') },
];

interface ProfileView {
  name: string;
  /** 工号 E001, or 外部合作伙伴 for invited partners. */
  identity: string;
  department: string;
  jobLevel: string;
  audiences: string[];
  roles: string;
}

/** The roles held, each once (a role granted in several scopes is one role); every member is at least a 学员. */
function roleLine(roles: readonly Role[]): string {
  const held = new Set<Role>(['learner', ...roles]);
  return [...held].map((role) => ROLE_LABELS[role]).join('、');
}

function toProfileView(profile: BoundProfile): ProfileView {
  return {
    name: profile.name,
    identity: profile.external || profile.employeeNo === null ? EXTERNAL_PARTNER_LABEL : `工号 ${profile.employeeNo}`,
    department: profile.departmentPath.join(' / '),
    jobLevel: JOB_LEVEL_LABELS[profile.jobLevel],
    audiences: profile.audiences.map((audience) => AUDIENCE_LABELS[audience]),
    roles: roleLine(profile.roles.map((grant) => grant.role)),
  };
}

/**
 * One section per role held, in the order of ROLE_SECTIONS, each once even when granted in several scopes;
 * a page an earlier section already offers (an admin who is also a trainer) is not listed again, and a
 * company-wide page (the mall, the audit log) is listed only for a company-wide grant.
 */
function sectionsFor(profile: BoundProfile): EntrySection[] {
  const held = new Set(profile.roles.map((grant) => grant.role));
  const companyWide = new Set(profile.roles.filter((grant) => !grant.scopeDepartmentId).map((grant) => grant.role));
  const shown = new Set<string>();
  const sections: EntrySection[] = [];
  for (const role of Object.keys(ROLE_SECTIONS) as Role[]) {
    const section = ROLE_SECTIONS[role];
    if (!section || !held.has(role)) continue;
    const entries = section.entries.filter((entry) => !shown.has(entry.url) && (!entry.companyWide || companyWide.has(role)));
    for (const entry of entries) shown.add(entry.url);
    if (entries.length > 0) sections.push({ title: section.title, entries });
  }
  return sections;
}

const GATE_STATES: Record<GateReason, { status: ListStatus; message: string }> = {
  'not-member': { status: 'not-member', message: '绑定员工身份后即可学习、打卡和参赛。' },
  inactive: { status: 'error', message: '你的员工身份已停用，请联系管理员' },
};

type EntryTapEvent = WechatMiniprogram.BaseEvent<{}, { url?: string }>;

definePage({
  data: {
    links: MY_LINKS,
    status: 'loading' as ListStatus,
    message: '',
    profile: null as ProfileView | null,
    sections: [] as EntrySection[],
    pointsEntries: POINTS_ENTRIES,
    unread: 0,
    /** 学员等级 line: the level name and the total earned, '' until it answers (or when it fails). */
    level: '',
    levelTotal: '',
  },
  methods: {
    onLoad() {
      return this.loadProfile();
    },
    /** Every show (the first, and back from 消息中心): the unread count on the entry and the tab's badge. */
    async onShow() {
      this.setData({ unread: await refreshUnreadBadge() });
    },
    onPullDownRefresh() {
      return refreshWith(() => this.loadProfile());
    },
    async loadProfile() {
      this.setData({ status: 'loading', message: '' });
      try {
        const profile = await getMyProfile();
        const reason = gateReasonOf(profile);
        if (reason || !profile.bound) {
          this.setData({ ...GATE_STATES[reason ?? 'not-member'], profile: null, sections: [] });
          leaveForBinding(reason ?? 'not-member');
          return;
        }
        this.setData({ status: 'ready', profile: toProfileView(profile), sections: sectionsFor(profile) });
        await this.loadLevel();
      } catch (error) {
        const failure = failureOf(error, 'me');
        this.setData({ status: failedStatus(failure), profile: null, sections: [], message: failure.message });
      }
    },
    /** The learner level beside the profile; a failure leaves the line out (the level page says why). */
    async loadLevel() {
      try {
        const level = await getMyLevel();
        this.setData({ level: level.name ?? '暂无等级', levelTotal: `累计获得 ${level.earnedTotal} 积分` });
      } catch {
        this.setData({ level: '', levelTotal: '' });
      }
    },
    onRetry() {
      return this.loadProfile();
    },
    onBind() {
      leaveForBinding('not-member');
    },
    onEntryTap(event: EntryTapEvent) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
    onIdentityChange() {
      return this.loadProfile();
    },
  },
});
