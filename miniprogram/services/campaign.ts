/**
 * 打卡: check-in campaigns. The learner's side (list, detail, sign-up, check-in, make-up, calendar), the
 * trainer's side (managed campaigns, editor, publishing, members), and how campaigns read on the 打卡 tab and
 * 我的打卡, which live in different packages (a subpackage cannot import another's code, so the shared
 * shaping lives here).
 */
import type { ActionInput, ActionOutput } from '../../typings/api';
import type { EnrollmentStatus } from '../../typings/domain';
import { CAMPAIGN_PHASE_LABELS, ENROLLMENT_STATUS_LABELS } from '../utils/labels';
import { campaignPhaseTheme, ENROLLMENT_STATUS_THEMES, type TagTheme } from '../utils/status-themes';
import { action, call, pagedAction } from './transport';
import { beijingToday, daysInclusive } from '../utils/time';
import { routeUrl, type RouteName, type RouteQuery } from '../utils/routes';

export type CampaignSummary = ActionOutput<'campaign', 'list'>['items'][number];
export type CampaignDetail = ActionOutput<'campaign', 'detail'>;
export type CampaignTask = CampaignDetail['tasks'][number];
export type Enrollment = NonNullable<CampaignDetail['myEnrollment']>;
export type CheckinResult = ActionOutput<'campaign', 'checkIn'>;
export type Checkin = CheckinResult['checkin'];
export type CalendarView = ActionOutput<'campaign', 'calendar'>;
export type CalendarDay = CalendarView['days'][number];
export type ManagedCampaign = ActionOutput<'campaign', 'managed'>['items'][number];
export type ManagedStatus = NonNullable<ActionInput<'campaign', 'managed'>['status']>;
export type CampaignAdminView = ActionOutput<'campaign', 'get'>;
export type CampaignFields = Omit<ActionInput<'campaign', 'create'>, 'requestId'>;
export type CampaignMember = ActionOutput<'campaign', 'members'>['items'][number];
export type MemberStatusFilter = NonNullable<ActionInput<'campaign', 'members'>['status']>;

// Learners.

export const listCampaigns = pagedAction('campaign', 'list');

export const listMyCampaigns = pagedAction('campaign', 'mine');

/** `inviteToken` comes from an invitation link and opens an invitation-only campaign. */
export function getCampaign(campaignId: string, inviteToken?: string): Promise<CampaignDetail> {
  return call('campaign', 'detail', inviteToken ? { campaignId, inviteToken } : { campaignId });
}

export const signUp = action('campaign', 'signUp');

export function quitCampaign(campaignId: string): Promise<Enrollment> {
  return call('campaign', 'quit', { campaignId });
}

/** The same requestId answers the same check-in: a retry after an unknown outcome never checks in twice. */
export const checkIn = action('campaign', 'checkIn');

/** 补卡 of a missed day; the same requestId spends the card once. */
export const makeUp = action('campaign', 'makeUp');

export function getMyCheckin(campaignId: string, day: string): Promise<Checkin | null> {
  return call('campaign', 'myCheckin', { campaignId, day });
}

export function getCalendar(campaignId: string): Promise<CalendarView> {
  return call('campaign', 'calendar', { campaignId });
}

// Trainers.

export function listManaged(page: number, pageSize: number, status?: ManagedStatus): Promise<ActionOutput<'campaign', 'managed'>> {
  return call('campaign', 'managed', status ? { page, pageSize, status } : { page, pageSize });
}

export function getManaged(campaignId: string): Promise<CampaignAdminView> {
  return call('campaign', 'get', { campaignId });
}

export const createCampaign = action('campaign', 'create');

/** The managing scopes (管理范围) the caller may create a campaign in. */
export type CampaignScopeChoice = ActionOutput<'campaign', 'scopeChoices'>[number];

/** `move`: where an admin may move a campaign to (their admin grants only). */
export function listScopeChoices(move = false): Promise<CampaignScopeChoice[]> {
  return call('campaign', 'scopeChoices', { move });
}

/** 调整管理范围 (admins). */
export function moveCampaignScope(campaignId: string, scopeDepartmentId: string | null): Promise<CampaignAdminView> {
  return call('campaign', 'moveScope', { campaignId, scopeDepartmentId });
}

export const updateCampaign = action('campaign', 'update');

export type LifecycleStep = 'publish' | 'end' | 'archive';

export function changeLifecycle(step: LifecycleStep, campaignId: string): Promise<CampaignAdminView> {
  return call('campaign', step, { campaignId });
}

export function listMembers(
  campaignId: string,
  page: number,
  pageSize: number,
  filter: { status?: MemberStatusFilter; teamId?: string } = {},
): Promise<ActionOutput<'campaign', 'members'>> {
  return call('campaign', 'members', { campaignId, page, pageSize, ...filter });
}

export const decideSignUp = action('campaign', 'decide');

export const assignTeam = action('campaign', 'assignTeam');

// Engagement: feed, likes, comments, featuring and review, leaderboards, certificate, reminders, dashboard.

export type FeedView = ActionOutput<'campaign', 'feed'>;
export type FeedItem = FeedView['items'][number];
export type FeedFilter = NonNullable<ActionInput<'campaign', 'feed'>['filter']>;
export type CommentView = ActionOutput<'campaign', 'comments'>['items'][number];
export type MemberLeaderboard = ActionOutput<'campaign', 'memberLeaderboard'>;
export type MemberRank = MemberLeaderboard['items'][number];
export type TeamLeaderboard = ActionOutput<'campaign', 'teamLeaderboard'>;
export type TeamRank = TeamLeaderboard['teams'][number];
export type CertificateStatus = ActionOutput<'campaign', 'myCertificate'>;
export type ReminderSettings = ActionOutput<'campaign', 'reminderSettings'>;
export type Dashboard = ActionOutput<'campaign', 'dashboard'>;
export type DashboardMember = ActionOutput<'campaign', 'dashboardMembers'>['items'][number];
export type DashboardSort = NonNullable<ActionInput<'campaign', 'dashboardMembers'>['sort']>;
export type RosterExport = ActionOutput<'campaign', 'exportRoster'>;

export function getFeed(campaignId: string, page: number, pageSize: number, filter: FeedFilter = 'all'): Promise<FeedView> {
  return call('campaign', 'feed', { campaignId, page, pageSize, filter });
}

export function setLiked(checkinId: string, liked: boolean): Promise<ActionOutput<'campaign', 'like'>> {
  return call('campaign', liked ? 'like' : 'unlike', { checkinId });
}

export function listComments(checkinId: string, page: number, pageSize: number): Promise<ActionOutput<'campaign', 'comments'>> {
  return call('campaign', 'comments', { checkinId, page, pageSize });
}

/** The same requestId answers the same comment. */
export const addComment = action('campaign', 'comment');

export function deleteComment(commentId: string): Promise<ActionOutput<'campaign', 'deleteComment'>> {
  return call('campaign', 'deleteComment', { commentId });
}

export function setFeatured(checkinId: string, featured: boolean): Promise<FeedItem> {
  return call('campaign', 'feature', { checkinId, featured });
}

/** An empty text removes the review. */
export function reviewCheckin(checkinId: string, text: string): Promise<FeedItem> {
  return call('campaign', 'review', { checkinId, text });
}

export function getMemberLeaderboard(campaignId: string, page: number, pageSize: number): Promise<MemberLeaderboard> {
  return call('campaign', 'memberLeaderboard', { campaignId, page, pageSize });
}

export function getTeamLeaderboard(campaignId: string): Promise<TeamLeaderboard> {
  return call('campaign', 'teamLeaderboard', { campaignId });
}

export function getMyCertificate(campaignId: string): Promise<CertificateStatus> {
  return call('campaign', 'myCertificate', { campaignId });
}

export function getReminderSettings(): Promise<ReminderSettings> {
  return call('campaign', 'reminderSettings', {});
}

/** Reports one accepted subscription; the same requestId adds it once. */
export const subscribeReminder = action('campaign', 'subscribeReminder');

export function getDashboard(campaignId: string): Promise<Dashboard> {
  return call('campaign', 'dashboard', { campaignId });
}

export function listDashboardMembers(
  campaignId: string,
  page: number,
  pageSize: number,
  sort: DashboardSort,
  teamId?: string,
): Promise<ActionOutput<'campaign', 'dashboardMembers'>> {
  return call('campaign', 'dashboardMembers', teamId ? { campaignId, page, pageSize, sort, teamId } : { campaignId, page, pageSize, sort });
}

export function exportRoster(campaignId: string): Promise<RosterExport> {
  return call('campaign', 'exportRoster', { campaignId });
}

/** 0.8123 → 81.2% */
export function percentText(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

// Routes into the campaign subpackages, used from the tab, 我的 and the pages themselves.

export const CAMPAIGN_ROUTES = {
  detail: 'packageCampaign/detail',
  checkin: 'packageCampaign/checkin',
  calendar: 'packageCampaign/calendar',
  feed: 'packageCampaign/feed',
  leaderboard: 'packageCampaign/leaderboard',
  certificate: 'packageCampaign/certificate',
  mine: 'packageCampaign/mine',
  managed: 'packageCampaignAdmin/campaigns',
  editor: 'packageCampaignAdmin/editor',
  members: 'packageCampaignAdmin/members',
  dashboard: 'packageCampaignAdmin/dashboard',
} as const satisfies Record<string, RouteName>;

export type CampaignRoute = keyof typeof CAMPAIGN_ROUTES;

/** A campaign page's URL with its query (undefined and '' values are left out). */
export function campaignUrl<R extends CampaignRoute>(route: R, query: RouteQuery<(typeof CAMPAIGN_ROUTES)[R]> = {}): string {
  return routeUrl<(typeof CAMPAIGN_ROUTES)[R]>(CAMPAIGN_ROUTES[route], query);
}

// How a campaign reads in a list (打卡 tab, 我的打卡).

/** Statuses in which a member takes part or waits to (quit and rejected ones do not). */
export const ACTIVE_ENROLLMENT: readonly EnrollmentStatus[] = ['enrolled', 'pending', 'waitlisted'];

export interface CampaignCardView {
  id: string;
  title: string;
  summary: string;
  cover: string;
  dates: string;
  /** 报名中 / 进行中 / 已结束 … */
  phase: string;
  phaseTheme: TagTheme;
  /** My part (已报名, 候补中…) or ''. */
  myStatus: string;
  myStatusTheme: TagTheme;
  /** 已报名 30/50 人 · 共 21 天 */
  meta: string;
  /** 进行到第 7/21 天 while running, else ''. */
  progress: string;
}

/** The phase a learner cares about: an upcoming campaign whose sign-up is open reads 报名中. */
export function phaseLabel(campaign: Pick<CampaignSummary, 'phase' | 'signUpOpen'>): string {
  if (campaign.signUpOpen && (campaign.phase === 'upcoming' || campaign.phase === 'running')) {
    return campaign.phase === 'upcoming' ? '报名中' : '进行中 · 可报名';
  }
  return CAMPAIGN_PHASE_LABELS[campaign.phase];
}

export function seatsText(campaign: Pick<CampaignSummary, 'enrolledCount' | 'capacity'>): string {
  return campaign.capacity === null ? `已报名 ${campaign.enrolledCount} 人` : `已报名 ${campaign.enrolledCount}/${campaign.capacity} 人`;
}

/** How far a running campaign is, by the phone's Beijing day; '' when not running. */
export function runningDayText(campaign: Pick<CampaignSummary, 'phase' | 'startDay' | 'totalDays'>, today: string): string {
  if (campaign.phase !== 'running') return '';
  const day = Math.min(Math.max(daysInclusive(campaign.startDay, today), 1), campaign.totalDays);
  return `进行到第 ${day}/${campaign.totalDays} 天`;
}

export function toCampaignCard(campaign: CampaignSummary, coverUrl = '', today = beijingToday()): CampaignCardView {
  return {
    id: campaign.id,
    title: campaign.title,
    summary: campaign.summary,
    cover: coverUrl,
    dates: `${campaign.startDay} 至 ${campaign.endDay}`,
    phase: phaseLabel(campaign),
    phaseTheme: campaignPhaseTheme(campaign),
    myStatus: campaign.myStatus ? ENROLLMENT_STATUS_LABELS[campaign.myStatus] : '',
    myStatusTheme: campaign.myStatus ? ENROLLMENT_STATUS_THEMES[campaign.myStatus] : 'default',
    meta: `${seatsText(campaign)} · 共 ${campaign.totalDays} 天`,
    progress: runningDayText(campaign, today),
  };
}
