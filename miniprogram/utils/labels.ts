/**
 * Chinese labels for the domain's unions. The WeChat compiler cannot load runtime values from outside
 * miniprogram/, so the labels live here, typed as Record<Union, string> against typings/: a value added to a
 * union fails type-checking until it has a label. (test/miniprogram checks ROLE_LABELS against typings/roles.ts.)
 */
import type { Audience, CourseCategory, CourseFormat, CourseStatus, JobLevel, PublicationStatus } from '../../typings/domain';
import type { InvitationStatus } from '../../typings/functions/admin';
import type { AuditAction } from '../../typings/docs/admin-audit';
import type { EarningEventType, LedgerReason, MallItemKind, MallItemStatus, OrderStatus } from '../../typings/functions/points';
import type { RevisionStatus } from '../../typings/functions/authoring';
import type { CampaignStatus, CampaignTeamMode, CheckinKind, EnrollmentStatus } from '../../typings/domain';
import type { CalendarDayStatus, CampaignPhase } from '../../typings/functions/campaign';
import type { ContestAwardKind } from '../../typings/domain';
import type { RoundPhase } from '../../typings/functions/contest';
import type { Role } from '../../typings/roles';
import type { ShareChannel, ShareTargetKind } from '../../typings/functions/share';
import type { TimeSlot } from '../../typings/functions/report';
import type { MySessionState, SessionPhase } from '../../typings/functions/classroom';
import type { BindLogOutcome, BindLogReason, CertificateKind, DiscussionBadge, NotificationKind } from '../../typings/domain';

export const ROLE_LABELS: Record<Role, string> = {
  learner: '学员',
  trainer: '培训管理员',
  reviewer: '审核员',
  judge: '评委',
  admin: '管理员',
};

export type GrantableRole = Exclude<Role, 'learner'>;

/** Roles an admin grants, in the order the role picker lists them (`learner` is every member). */
export const GRANTABLE_ROLES: readonly GrantableRole[] = ['trainer', 'reviewer', 'judge', 'admin'];

export const JOB_LEVEL_LABELS: Record<JobLevel, string> = {
  individual: '基层员工',
  first_line_manager: '一线经理',
  middle_senior_manager: '中高层管理者',
};

export const AUDIENCE_LABELS: Record<Audience, string> = {
  new_hire: '新员工',
  individual: '基层员工',
  first_line_manager: '一线经理',
  middle_senior_manager: '中高层管理者',
  external_partner: '外部合作伙伴',
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  open: '未使用',
  used: '已使用',
  revoked: '已撤销',
  expired: '已过期',
};

export const EXTERNAL_PARTNER_LABEL = AUDIENCE_LABELS.external_partner;

export const COURSE_CATEGORY_LABELS: Record<CourseCategory, string> = {
  company_knowledge: '企业知识',
  general_skills: '通用技能',
  leadership: '领导力',
  professional_skills: '专业技能',
  onboarding: '新员工入职',
};

export const COURSE_FORMAT_LABELS: Record<CourseFormat, string> = {
  article: '图文',
  narrated_article: '图文配音',
  video: '视频',
  audio: '音频',
  h5: 'H5 链接',
  text: '纯文本',
};

/** What learners see of a course (课程状态). */
export const COURSE_STATUS_LABELS: Record<CourseStatus, string> = {
  draft: '未发布',
  in_review: '审核中',
  published: '已发布',
  archived: '已下架',
};

/** Where an author's revision stands (版本状态). */
export const REVISION_STATUS_LABELS: Record<RevisionStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  published: '已发布',
  returned: '已退回',
};

/** 积分明细的原因 (typings/functions/points.ts LEDGER_REASON_LABELS, checked equal by a test). */
export const LEDGER_REASON_LABELS: Record<LedgerReason, string> = {
  course_completed: '完成课程',
  quiz_passed: '通过测验',
  checkin: '打卡',
  streak_bonus: '连续打卡奖励',
  competition_award: '大赛获奖',
  course_published: '课程通过审核',
  course_learner: '学员完成我的课程',
  course_rated: '课程获得好评',
  course_award: '课程在大赛获奖',
  session_attended: '线下课签到',
  admin_adjustment: '管理员调整',
  redemption: '兑换礼品',
  refund: '订单取消退回',
  expiry: '积分过期',
  makeup_card: '打卡补卡',
  author_award: '年度作者奖',
};

/** Earning events in the order the rules form lists them. */
export const EARNING_EVENT_TYPES: readonly EarningEventType[] = [
  'course_completed',
  'quiz_passed',
  'checkin',
  'streak_bonus',
  'competition_award',
  'course_published',
  'course_learner',
  'course_rated',
  'course_award',
  'session_attended',
];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = { pending: '待发放', fulfilled: '已发放', cancelled: '已取消' };

export const MALL_ITEM_KIND_LABELS: Record<MallItemKind, string> = { physical: '实物', virtual: '虚拟' };

export const MALL_ITEM_STATUS_LABELS: Record<MallItemStatus, string> = { on_sale: '上架中', off_sale: '已下架' };

/** 大赛: what a round is doing today. */
export const ROUND_PHASE_LABELS: Record<RoundPhase, string> = {
  upcoming: '未开始',
  submission: '作品提交中',
  judging: '评审中',
  voting: '投票中',
  closed: '已结束',
};

export const CONTEST_AWARD_KIND_LABELS: Record<ContestAwardKind, string> = {
  best_overall: '综合最佳',
  best_dimension: '单项最佳',
  popularity: '人气奖',
  best_branch: '最佳组织单位',
  team_most_courses: '课程数量最多团队',
  team_course_value: '课程价值最高团队',
  named: '指定奖项',
};

export const CONTEST_STATUS_LABELS: Record<PublicationStatus, string> = { draft: '草稿', published: '已发布', archived: '已归档' };

// 打卡活动 (check-in campaigns).

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { draft: '草稿', published: '已发布', ended: '已结束', archived: '已归档' };

/** Where a campaign is in time, as learners read it on the 打卡 tab. */
export const CAMPAIGN_PHASE_LABELS: Record<CampaignPhase, string> = {
  draft: '未发布',
  upcoming: '未开始',
  running: '进行中',
  ended: '已结束',
  archived: '已归档',
};

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  pending: '待审核',
  waitlisted: '候补中',
  enrolled: '已报名',
  rejected: '未通过',
  quit: '已退出',
};

export const CALENDAR_DAY_STATUS_LABELS: Record<CalendarDayStatus, string> = {
  done: '已打卡',
  made_up: '已补卡',
  missed: '未打卡',
  today: '今天',
  upcoming: '未开始',
};

export const CHECKIN_KIND_LABELS: Record<CheckinKind, string> = { on_time: '按时打卡', made_up: '补卡' };

export const CAMPAIGN_TEAM_MODE_LABELS: Record<CampaignTeamMode, string> = { none: '不分组', assigned: '管理员分组', chosen: '报名时自选' };

// 分享与学习数据 (share tracking and analytics); test/miniprogram/utils/share-labels.test.ts checks them against typings/.

export const SHARE_TARGET_LABELS: Record<ShareTargetKind, string> = {
  course: '课程',
  series: '系列课',
  campaign: '打卡活动',
  contestEntry: '参赛作品',
  contestResults: '大赛结果',
};

export const SHARE_CHANNEL_LABELS: Record<ShareChannel, string> = { chat: '微信好友', timeline: '朋友圈', poster: '海报' };

/** Time slots of the learning heatmap, in the order the report lists them (typings/docs/report.ts TIME_SLOTS). */
export const TIME_SLOT_LABELS: Record<TimeSlot, string> = {
  before_work: '上班前 06–09',
  working_hours: '工作时间 09–12、13–17',
  lunch: '午休 12–13',
  before_leaving: '下班前 17–18',
  after_work: '下班后 18–22',
  night: '夜间 22–06',
};

export const TIME_SLOT_ORDER: readonly TimeSlot[] = ['before_work', 'working_hours', 'lunch', 'before_leaving', 'after_work', 'night'];

/** ISO weekdays 1–7 (Monday first), index 0 = Monday. */
export const WEEKDAY_LABELS: readonly string[] = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Binding attempts (绑定记录): how each ended and why (typings/domain.ts BindLogReason). */
export const BIND_OUTCOME_LABELS: Record<BindLogOutcome, string> = { bound: '绑定成功', refused: '被拒绝', rate_limited: '已限流' };

export const BIND_REASON_LABELS: Record<BindLogReason, string> = {
  bound: '绑定成功',
  already_bound: '该微信已绑定',
  rate_limited: '尝试过多被限流',
  no_member: '工号不存在',
  name_mismatch: '姓名不符',
  no_phone_on_roster: '花名册无手机号',
  phone_mismatch: '手机号不符',
  phone_code_invalid: '手机号验证失效',
  bind_code_invalid: '绑定码无效',
  inactive: '员工已停用',
  taken: '已被其他微信绑定',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  points_adjust: '积分调整',
  adjust_settings: '调整上限设置',
  role_grant: '授予角色',
  role_revoke: '撤销角色',
  member_unbind: '解除绑定',
  roster_import: '导入花名册',
  vote_void: '作废选票',
  bind_code_issue: '生成绑定码',
  learner_levels: '学员等级设置',
  discussion_hide: '隐藏讨论',
  author_awards: '年度作者评选',
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  required_course: '新的必修课',
  due_tomorrow: '必修课明天截止',
  overdue: '必修课已逾期',
  signup_approved: '报名审核通过',
  vote_results: '比赛结果公布',
  order_shipped: '礼品已发放',
  certificate_issued: '获得证书',
  session_tomorrow: '明天上课',
  discussion_question: '课程新提问',
  discussion_answered: '提问有新回答',
  learner_level: '学员等级提升',
  author_level: '作者等级提升',
  author_award: '年度作者奖',
  session_cancelled: '课程已取消',
};

/** The heading and the line before the achievement on a certificate of each kind. */
export const CERTIFICATE_KIND_WORDING: Record<CertificateKind, { heading: string; lead: string }> = {
  course: { heading: '结业证书', lead: '完成课程并通过考核' },
  series: { heading: '结业证书', lead: '完成系列课并通过考核' },
  assignment: { heading: '结业证书', lead: '完成必修课' },
  campaign: { heading: '结业证书', lead: '完成打卡活动' },
  contest_award: { heading: '荣誉证书', lead: '在大赛中荣获' },
  author_level: { heading: '荣誉证书', lead: '获评课程作者等级' },
  author_award: { heading: '荣誉证书', lead: '荣获年度作者奖' },
};

/** 线下课: where a session stands (typings/functions/classroom.ts SessionPhase). */
export const SESSION_PHASE_LABELS: Record<SessionPhase, string> = {
  open: '报名中',
  full: '已满员',
  in_progress: '签到中',
  ended: '已结束',
  cancelled: '已取消',
};

/** 线下课: the member's part. */
export const MY_SESSION_LABELS: Record<MySessionState, string> = { none: '', signed_up: '已报名', attended: '已签到' };
/** Badges beside a discussion post's writer (decided by the server). */
export const DISCUSSION_BADGE_LABELS: Record<DiscussionBadge, string> = { author: '作者', trainer: '讲师', admin: '管理员' };

/** A file's size as members and trainers read it: `1.2 MB`, `35 KB`, `800 B`. */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
