/**
 * Function `campaign`, the engagement half (打卡社区与看板): the feed, likes and comments, the trainer's
 * featuring and review (精选、点评), leaderboards and team PK, the completion certificate (结业证书),
 * reminder subscriptions (打卡提醒) and the trainer's dashboard (数据看板). Spread into `campaignContracts`.
 * Function `campaignReminder`: the reminder timer (every few minutes), which an admin can also run by hand.
 *
 * Counts shown here are maintained as things change (likes and comments on the check-in, check-in counters
 * per day and team, progress on each enrollment), never recounted on a read.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { clientId, day, id, text } from '../schema';
import type { CheckinKind, MediaReview } from '../domain';
import { type Page, pageInputShape } from './paging';

/** One check-in in the campaign feed (打卡动态), with what the caller may do with it. */
export interface CheckinReviewView {
  text: string;
  reviewerName: string;
  /** ISO 8601. */
  at: string;
}

export interface CheckinView {
  id: string;
  campaignId: string;
  memberId: string;
  memberName: string;
  teamId: string | null;
  day: string;
  /** 1-based day of the campaign. */
  dayIndex: number;
  kind: CheckinKind;
  text: string;
  /** The pictures this reader may see: others' pictures only once the media check passed them. */
  pictures: string[];
  /** For the author: their pictures still under review (审核中) or refused (未通过); null otherwise. */
  mediaReview: MediaReview | null;
  courseId: string | null;
  likeCount: number;
  commentCount: number;
  featured: boolean;
  review: CheckinReviewView | null;
  /** ISO 8601. */
  createdAt: string;
}

export interface FeedItem extends CheckinView {
  teamName: string | null;
  /** The author's learner level (学员等级), or null below the first rung. */
  memberLevel: string | null;
  /** ISO 8601 when featured (精选), else null. */
  featuredAt: string | null;
  likedByMe: boolean;
  /** The caller wrote this check-in. */
  mine: boolean;
}

export interface FeedView extends Page<FeedItem> {
  /** The caller manages the campaign: may feature, review and remove any comment. */
  canManage: boolean;
}

export interface LikeResult {
  checkinId: string;
  liked: boolean;
  likeCount: number;
}

/** A comment (评论) on a check-in. */
export interface CommentView {
  id: string;
  checkinId: string;
  memberId: string;
  memberName: string;
  text: string;
  /** ISO 8601. */
  createdAt: string;
  mine: boolean;
  /** The author, or a manager of the campaign. */
  canDelete: boolean;
}

export interface CommentResult {
  comment: CommentView;
  /** The check-in's comment count after this comment. */
  commentCount: number;
}

export interface DeleteCommentResult {
  commentId: string;
  checkinId: string;
  commentCount: number;
}

/** One member on the campaign leaderboard (打卡排行): by days done, then longest streak. */
export interface MemberRankRow {
  /** 1-based; members with the same days and streak are ordered by member id. */
  rank: number;
  memberId: string;
  name: string;
  /** The member's learner level (学员等级), or null below the first rung. */
  level: string | null;
  departmentPath: string[];
  teamId: string | null;
  teamName: string | null;
  daysDone: number;
  /** Alive as of today (see CheckinView streak rules). */
  currentStreak: number;
  longestStreak: number;
  isMe: boolean;
}

export interface MemberLeaderboardView extends Page<MemberRankRow> {
  /** The caller's row when they take part, else null. */
  me: MemberRankRow | null;
}

/** One team in the team PK (小组 PK): average check-in rate = check-ins / (members × elapsed planned days). */
export interface TeamRankRow {
  rank: number;
  teamId: string;
  name: string;
  /** Members taking part now. */
  members: number;
  /** Check-ins of the team's members over the elapsed planned days (made-up ones included). */
  checkins: number;
  /** 0–1, rounded to 4 decimals; 0 before the first planned day or for a team without members. */
  rate: number;
  isMine: boolean;
}

export interface TeamLeaderboardView {
  campaignId: string;
  /** Planned days up to and including today (Beijing). */
  elapsedDays: number;
  totalDays: number;
  teams: TeamRankRow[];
  myTeamId: string | null;
}

/** The completion certificate (结业证书): issued once, the app draws it. */
export interface CertificateView {
  /** Certificate number (证书编号), stable for the member and campaign. */
  number: string;
  /** Verification code (验证码): anyone holding it can check the certificate in the app. */
  code: string;
  campaignId: string;
  campaignTitle: string;
  memberName: string;
  departmentPath: string[];
  /** Planned days done when it was issued. */
  daysCheckedIn: number;
  plannedDays: number;
  /** Beijing day of issue, YYYY-MM-DD. */
  issuedDay: string;
  /** ISO 8601. */
  issuedAt: string;
}

export interface CertificateStatusView {
  /** The certificate, issued on this read when the caller has just become eligible; null while not. */
  certificate: CertificateView | null;
  daysDone: number;
  /** Days needed: the campaign's certificate percent of its planned days, rounded up. */
  daysRequired: number;
  plannedDays: number;
  certificatePercent: number;
}

/** What the app needs for 打卡提醒: the template to subscribe to and how many sends are left. */
export interface ReminderSettingsView {
  /** The subscribe-message template id for wx.requestSubscribeMessage, or null when reminders are not configured. */
  templateId: string | null;
  /** One-time subscriptions the caller has left for that template (each reminder uses one). */
  remaining: number;
}

/** A campaign day relative to today. */
export const DAY_PHASES = ['past', 'today', 'upcoming'] as const;
export type DayPhase = (typeof DAY_PHASES)[number];

/** One planned day on the trainer's dashboard. */
export interface DashboardDay {
  day: string;
  /** 1-based (第 N 天). */
  index: number;
  /** Members taking part (now: the campaign keeps no sign-up history per day). */
  enrolled: number;
  /** Check-ins for that day, made-up ones included. */
  checkedIn: number;
  madeUp: number;
  /** checkedIn / enrolled, 0–1 rounded to 4 decimals (0 without members). */
  rate: number;
  phase: DayPhase;
}

/** The trainer's dashboard (数据看板) of one campaign. */
export interface CampaignDashboardView {
  campaignId: string;
  title: string;
  today: string;
  totalDays: number;
  /** Planned days up to and including today. */
  elapsedDays: number;
  enrolled: number;
  pending: number;
  waitlisted: number;
  checkinsTotal: number;
  madeUpTotal: number;
  /** Check-ins of the elapsed days / (enrolled × elapsed days), 0–1 rounded to 4 decimals. */
  averageRate: number;
  days: DashboardDay[];
  teams: TeamRankRow[];
  /** The daily check-in rate chart (uCharts): day labels `M/D` and rates in percent, elapsed days only. */
  chart: { categories: string[]; rates: number[] };
}

/** Sort of the dashboard's member list: most days done, fewest days done (most missed), longest streak. */
export const DASHBOARD_MEMBER_SORTS = ['most_done', 'most_missed', 'longest_streak'] as const;
export type DashboardMemberSort = (typeof DASHBOARD_MEMBER_SORTS)[number];

/** One member on the dashboard (成员进度). */
export interface DashboardMemberRow {
  memberId: string;
  name: string;
  employeeNo: string | null;
  departmentPath: string[];
  teamId: string | null;
  teamName: string | null;
  daysDone: number;
  madeUpDays: number;
  /** Planned days before today that are not done. */
  missedDays: number;
  currentStreak: number;
  longestStreak: number;
  checkedInToday: boolean;
  lastCheckinDay: string | null;
}

export interface RosterExport {
  fileID: string;
  /** A temporary download URL for the workbook. */
  url: string;
  rows: number;
}

/** One run of the reminder timer. */
export interface ReminderRunResult {
  /** Campaigns whose reminder was due in this run. */
  campaigns: number;
  sent: number;
  /** Due members without a subscription left (nothing sent, nothing spent). */
  noSubscription: number;
  /** Sends WeChat refused; a refusal of the subscription (43101) zeroes it, other failures give it back. */
  failed: number;
  /** True when the run stopped for time with members left (the next run continues). */
  more: boolean;
}

/** Check-in ids are `<campaignId>:<memberId>:<day>`. */
const checkinId = z.string().check(z.minLength(1), z.maxLength(300));
const campaignRef = { campaignId: id };

export const MAX_COMMENT_LENGTH = 500;
export const MAX_REVIEW_LENGTH = 500;

/** The check-in feed: every check-in or the featured ones. */
export const FEED_FILTERS = ['all', 'featured'] as const;

export const campaignEngagementContracts = {
  // Members who may see the campaign.
  /** 打卡动态: newest first; `featured` lists featured ones (newest featured first); `day` one planned day. */
  feed: contract<FeedView>()(z.strictObject({ ...pageInputShape, ...campaignRef, filter: z._default(z.enum(FEED_FILTERS), 'all'), day: z.optional(day) })),
  /** 点赞: one like per member and check-in; liking again changes nothing. */
  like: contract<LikeResult>()(z.strictObject({ checkinId })),
  unlike: contract<LikeResult>()(z.strictObject({ checkinId })),
  /** Comments of a check-in, oldest first. */
  comments: contract<Page<CommentView>>()(z.strictObject({ ...pageInputShape, checkinId })),
  /** 评论 (content-checked); the same requestId answers the same comment. */
  comment: contract<CommentResult>()(
    z.strictObject({ checkinId, text: text(MAX_COMMENT_LENGTH).check(z.minLength(1, '请填写评论内容')), requestId: clientId }),
  ),
  /** Deletes the caller's own comment (managers may delete any); deleting again changes nothing. */
  deleteComment: contract<DeleteCommentResult>()(z.strictObject({ commentId: id })),
  /** 打卡排行. */
  memberLeaderboard: contract<MemberLeaderboardView>()(z.strictObject({ ...pageInputShape, ...campaignRef })),
  /** 小组 PK (campaigns with teams). */
  teamLeaderboard: contract<TeamLeaderboardView>()(z.strictObject(campaignRef)),
  /** 结业证书: the caller's certificate, issued once when they reach the campaign's share of planned days. */
  myCertificate: contract<CertificateStatusView>()(z.strictObject(campaignRef)),
  /** The reminder template and the caller's remaining subscriptions. */
  reminderSettings: contract<ReminderSettingsView>()(z.strictObject({})),
  /**
   * Call after wx.requestSubscribeMessage answered 'accept' for `templateId`: adds one subscription.
   * The same requestId (one per accepted panel) adds it once.
   */
  subscribeReminder: contract<ReminderSettingsView>()(z.strictObject({ templateId: z.string().check(z.minLength(1), z.maxLength(128)), requestId: clientId })),

  // Managers of the campaign (trainers in scope, admins).
  /** 精选 / 取消精选. */
  feature: contract<FeedItem>()(z.strictObject({ checkinId, featured: z.boolean() })),
  /** 点评 (content-checked); an empty text removes the review. */
  review: contract<FeedItem>()(z.strictObject({ checkinId, text: text(MAX_REVIEW_LENGTH) })),
  /** Per day, per team, totals and the rate chart. */
  dashboard: contract<CampaignDashboardView>()(z.strictObject(campaignRef)),
  /** Members taking part with days done and missed, paged and sorted, optionally one team. */
  dashboardMembers: contract<Page<DashboardMemberRow>>()(
    z.strictObject({ ...pageInputShape, ...campaignRef, sort: z._default(z.enum(DASHBOARD_MEMBER_SORTS), 'most_done'), teamId: z.optional(id) }),
  ),
  /** The roster with every planned day's status as an Excel workbook in cloud storage. */
  exportRoster: contract<RosterExport>()(z.strictObject(campaignRef)),
};

export const campaignReminderContracts = {
  /** Sends the reminders due now (the timer runs it every few minutes); idempotent per member, campaign and day. */
  run: contract<ReminderRunResult>()(z.strictObject({})),
};
