/**
 * Function `campaign`: group check-in campaigns (打卡活动). This file is the core half: campaigns, sign-up,
 * check-ins, make-up cards (补卡), calendar and streaks; the engagement half (feed, leaderboards,
 * certificates, reminders, dashboard) is spread in from campaign-engagement.ts.
 *
 * Days are Beijing days `YYYY-MM-DD`; the server decides "today". The app never sends points, member ids of
 * the caller or team sizes: only ids, text, fileIDs and request ids (idempotency keys it generates once
 * per user intent and repeats on a retry).
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import type { Audience, CampaignStatus, CampaignTeamMode, EnrollmentStatus } from '../domain';
import { clientId, day, fileId, id, POINTS_LIMITS, pointsAmount, text } from '../schema';
import type { PointsCapWarning } from './points';
import { AUDIENCES, CAMPAIGN_STATUSES, CAMPAIGN_TEAM_MODES, ENROLLMENT_STATUSES } from '../domain';
import { campaignEngagementContracts } from './campaign-engagement';
import type { CheckinView } from './campaign-engagement';
import { MAX_PAGE_SIZE, type Page, pageInputShape } from './paging';

/** Where a published campaign is in time (by its days; `ended` also for one ended early). */
export const CAMPAIGN_PHASES = ['draft', 'upcoming', 'running', 'ended', 'archived'] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

/** One row of the learner's campaign list (打卡 tab). */
export interface CampaignSummary {
  id: string;
  title: string;
  /** The introduction. */
  summary: string;
  cover: string | null;
  /** Beijing days, YYYY-MM-DD. */
  startDay: string;
  endDay: string;
  totalDays: number;
  /** ISO 8601. */
  publishedAt: string | null;
  status: CampaignStatus;
  phase: CampaignPhase;
  signUpStartDay: string;
  signUpEndDay: string;
  /** Sign-up is open today (window, status), whatever the capacity (a full campaign has a waiting list). */
  signUpOpen: boolean;
  capacity: number | null;
  enrolledCount: number;
  teamMode: CampaignTeamMode;
  /** The caller's enrollment status, or null if they never signed up. */
  myStatus: EnrollmentStatus | null;
}

/** One planned day's task; `index` is 1-based (第 N 天). */
export interface CampaignTaskView {
  day: string;
  index: number;
  courseId: string | null;
  courseTitle: string | null;
  prompt: string;
}

export interface CheckinRequirementView {
  minTextLength: number;
  minPictures: number;
  maxPictures: number;
  requireCourse: boolean;
}

export interface CampaignTeamView {
  id: string;
  name: string;
  /** Members taking part in this team. */
  enrolled: number;
}

export interface StreakMilestoneView {
  days: number;
  points: number;
}

export interface MakeUpRulesView {
  cardsPerMember: number;
  daysBack: number;
  pointsCost: number;
}

/** The caller's part in a campaign. */
export interface EnrollmentView {
  campaignId: string;
  status: EnrollmentStatus;
  teamId: string | null;
  teamName: string | null;
  /** 1-based place on the waiting list while waitlisted, else null. */
  waitPosition: number | null;
  daysDone: number;
  madeUpDays: number;
  /** Consecutive planned days up to today (or yesterday while today is still open), 0 once broken. */
  currentStreak: number;
  longestStreak: number;
  lastCheckinDay: string | null;
  makeUpCardsLeft: number;
  /** ISO 8601. */
  signedUpAt: string;
}

/** A campaign as a learner sees it (活动详情). */
export interface CampaignDetail extends CampaignSummary {
  tasks: CampaignTaskView[];
  /** Today (Beijing), and today's task when today is a planned day. */
  today: string;
  todayTask: CampaignTaskView | null;
  requirement: CheckinRequirementView;
  inviteOnly: boolean;
  approvalRequired: boolean;
  teams: CampaignTeamView[];
  pointsPerCheckin: number;
  streakMilestones: StreakMilestoneView[];
  makeUp: MakeUpRulesView;
  makeUpCountsForStreak: boolean;
  reminderTime: string | null;
  certificatePercent: number;
  pendingCount: number;
  waitlistedCount: number;
  ownerName: string;
  myEnrollment: EnrollmentView | null;
  /** The caller has checked in for today. */
  checkedInToday: boolean;
  /**
   * What checking in today really pays the caller under the earning rules' daily caps, after what they already
   * earned today (streak bonuses aside); null when they cannot check in today or the campaign pays nothing.
   */
  todayCheckinPoints: number | null;
  /** The caller manages this campaign (trainer in scope, or admin). */
  canManage: boolean;
}

/** The trainer's view of a campaign: everything editable, plus the invitation token and counters. */
export interface CampaignAdminView extends CampaignDetail {
  /** The managing scope: a department id, or null for company-wide (see CampaignDoc.scopeDepartmentId). */
  scopeDepartmentId: string | null;
  /** Its display path ('全公司' when null). */
  scopeName: string;
  /** The caller is an admin whose scope covers it, so may move it (`moveScope`). */
  canMoveScope: boolean;
  departmentIds: string[];
  departmentNames: string[];
  audiences: Audience[];
  /** Put it in the invitation link (`inviteToken=`), for invitation-only campaigns. */
  inviteToken: string;
  /** Points this campaign promises that the earning rules' daily caps would cut (积分承诺与实际), with what members really get. */
  pointsWarnings: PointsCapWarning[];
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** One managing scope the caller may create a campaign in (管理范围). */
export interface CampaignScopeChoice {
  /** null = company-wide. */
  departmentId: string | null;
  label: string;
}

/** Sign-up result: `enrolled`, `pending` (approval), or `waitlisted` (full). */
export interface SignUpResult {
  enrollment: EnrollmentView;
}

/** Declared beside the feed that shows them, so this module imports campaign-engagement and not both ways. */
export type { CheckinReviewView, CheckinView } from './campaign-engagement';

export interface CheckinResult {
  checkin: CheckinView;
  enrollment: EnrollmentView;
  /** Points this check-in paid (0 on a repeat or when the daily caps were reached). */
  pointsAwarded: number;
  /** Streak bonus points paid by this check-in. */
  bonusAwarded: number;
  /** Streak milestones (days) this check-in reached. */
  milestonesReached: number[];
  /** For a make-up: the points it cost (0 on a repeat). */
  pointsSpent: number;
}

/** done (已打卡), made_up (已补卡), missed (未打卡), today (今天，未打卡), upcoming (未开始). */
export const CALENDAR_DAY_STATUSES = ['done', 'made_up', 'missed', 'today', 'upcoming'] as const;
export type CalendarDayStatus = (typeof CALENDAR_DAY_STATUSES)[number];

export interface CalendarDay {
  day: string;
  index: number;
  status: CalendarDayStatus;
  /** A missed day the caller may make up now (cards left, within the days-back window). */
  canMakeUp: boolean;
}

export interface CalendarView {
  campaignId: string;
  today: string;
  days: CalendarDay[];
  makeUpCardsLeft: number;
  currentStreak: number;
  longestStreak: number;
}

export interface StreakView {
  currentStreak: number;
  longestStreak: number;
  daysDone: number;
  totalDays: number;
  milestonesReached: number[];
  /** The next milestone not reached yet, or null. */
  nextMilestone: StreakMilestoneView | null;
}

/** One row of the trainer's members list (成员名单). */
export interface CampaignMemberRow {
  memberId: string;
  name: string;
  employeeNo: string | null;
  departmentPath: string[];
  status: EnrollmentStatus;
  teamId: string | null;
  teamName: string | null;
  waitSeq: number | null;
  daysDone: number;
  madeUpDays: number;
  currentStreak: number;
  longestStreak: number;
  lastCheckinDay: string | null;
  /** ISO 8601. */
  signedUpAt: string;
}

/** One row of the trainer's campaign list (我管理的活动). */
export interface ManagedCampaignRow extends CampaignSummary {
  pendingCount: number;
  /** Check-ins so far / (members taking part × planned days elapsed), 0–1, as the dashboard's averageRate. */
  checkinRate: number;
  waitlistedCount: number;
  ownerName: string;
  /** ISO 8601. */
  updatedAt: string;
}

const inviteToken = z.string().check(z.minLength(8), z.maxLength(64));
const count = (max: number) => z.int().check(z.gte(0), z.lte(max));

/** Every bound of a campaign's fields and of a check-in; the app's forms read the same numbers (miniprogram/utils/limits.ts). */
export const CAMPAIGN_LIMITS = {
  title: 40,
  summary: 2000,
  /** The most planned days a campaign may have. */
  days: 100,
  taskPrompt: 500,
  departments: 50,
  teams: 20,
  teamName: 20,
  milestones: 10,
  checkinText: 2000,
  checkinPictures: 9,
} as const;

export const MAX_CAMPAIGN_DAYS = CAMPAIGN_LIMITS.days;
export const MAX_CAMPAIGN_TEAMS = CAMPAIGN_LIMITS.teams;

const teamInput = z.strictObject({ id: z.optional(id), name: text(CAMPAIGN_LIMITS.teamName).check(z.minLength(1, '请填写分组名称')) });
const milestoneInput = z.strictObject({ days: z.int().check(z.gte(2), z.lte(MAX_CAMPAIGN_DAYS)), points: pointsAmount(POINTS_LIMITS.award) });
const makeUpInput = z.strictObject({ cardsPerMember: count(30), daysBack: count(30), pointsCost: pointsAmount(POINTS_LIMITS.award) });
const reminderInput = z.nullable(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '提醒时间格式应为 HH:mm')));

/**
 * The editable fields of a campaign, without defaults (an update changes only the fields it sends).
 * Checks across fields (days vs tasks, windows, teams) happen on the server with Chinese messages. On a
 * published campaign only changes that cannot rewrite history are accepted (see server/campaign/edit.ts).
 */
export const campaignFieldsShape = {
  title: text(CAMPAIGN_LIMITS.title).check(z.minLength(1, '请填写活动标题')),
  summary: text(CAMPAIGN_LIMITS.summary),
  cover: z.nullable(fileId),
  startDay: day,
  endDay: day,
  /** One per planned day, in order; each has a course or a prompt (or both). */
  tasks: z.array(z.strictObject({ courseId: z.nullable(id), prompt: text(CAMPAIGN_LIMITS.taskPrompt) })).check(z.minLength(1), z.maxLength(MAX_CAMPAIGN_DAYS)),
  requirement: z.strictObject({
    minTextLength: count(CAMPAIGN_LIMITS.checkinText),
    minPictures: count(CAMPAIGN_LIMITS.checkinPictures),
    maxPictures: count(CAMPAIGN_LIMITS.checkinPictures),
    requireCourse: z.boolean(),
  }),
  signUpStartDay: day,
  signUpEndDay: day,
  capacity: z.nullable(z.int().check(z.gte(1), z.lte(100_000))),
  departmentIds: z.array(id).check(z.maxLength(CAMPAIGN_LIMITS.departments)),
  audiences: z.array(z.enum(AUDIENCES)).check(z.maxLength(AUDIENCES.length)),
  inviteOnly: z.boolean(),
  approvalRequired: z.boolean(),
  teamMode: z.enum(CAMPAIGN_TEAM_MODES),
  /** Existing teams keep their id (send it back); new ones have none. Teams cannot be removed once published. */
  teams: z.array(teamInput).check(z.maxLength(MAX_CAMPAIGN_TEAMS)),
  pointsPerCheckin: pointsAmount(1000),
  streakMilestones: z.array(milestoneInput).check(z.maxLength(CAMPAIGN_LIMITS.milestones)),
  makeUp: makeUpInput,
  makeUpCountsForStreak: z.boolean(),
  reminderTime: reminderInput,
  certificatePercent: z.int().check(z.gte(1), z.lte(100)),
};

/** At creation, these fields may be left out. */
const creationDefaults = {
  departmentIds: z._default(campaignFieldsShape.departmentIds, []),
  audiences: z._default(campaignFieldsShape.audiences, []),
  inviteOnly: z._default(campaignFieldsShape.inviteOnly, false),
  approvalRequired: z._default(campaignFieldsShape.approvalRequired, false),
  teamMode: z._default(campaignFieldsShape.teamMode, 'none'),
  teams: z._default(campaignFieldsShape.teams, []),
  pointsPerCheckin: z._default(campaignFieldsShape.pointsPerCheckin, 0),
  streakMilestones: z._default(campaignFieldsShape.streakMilestones, []),
  makeUp: z._default(campaignFieldsShape.makeUp, { cardsPerMember: 0, daysBack: 0, pointsCost: 0 }),
  makeUpCountsForStreak: z._default(campaignFieldsShape.makeUpCountsForStreak, true),
  reminderTime: z._default(campaignFieldsShape.reminderTime, null),
  certificatePercent: z._default(campaignFieldsShape.certificatePercent, 100),
};

const campaignRef = { campaignId: id };
const checkinContent = {
  text: text(CAMPAIGN_LIMITS.checkinText),
  pictures: z._default(z.array(fileId).check(z.maxLength(CAMPAIGN_LIMITS.checkinPictures)), []),
};

/** A trainer's answer to a sign-up that needs approval. */
export const ENROLLMENT_DECISIONS = ['approve', 'reject'] as const;
export type EnrollmentDecision = (typeof ENROLLMENT_DECISIONS)[number];

/** The most sign-ups one bulk decision names: a page of the console's table. */
export const MAX_BULK_DECISIONS = MAX_PAGE_SIZE;

/** What one bulk decision did, member by member (each named member is in exactly one list). */
export interface BulkDecisionResult {
  /** Members this call changed, as they are now (approved: enrolled or waitlisted; rejected). */
  decided: CampaignMemberRow[];
  /** Already decided this way (a repeat, or another trainer first): nothing changed. */
  unchanged: string[];
  /** Members that cannot be decided this way, with the reason (not signed up, quit, rejected before). */
  refused: { memberId: string; reason: string }[];
}

export const campaignContracts = {
  // Learners (学员).
  /** Published campaigns the caller is eligible for (invitation-only ones are not listed), newest first. */
  list: contract<Page<CampaignSummary>>()(z.strictObject({ ...pageInputShape })),
  /** Campaigns the caller signed up for (any status but quit), newest sign-up first. */
  mine: contract<Page<CampaignSummary>>()(z.strictObject({ ...pageInputShape })),
  /** Detail for a member who may see it; `inviteToken` opens an invitation-only campaign. */
  detail: contract<CampaignDetail>()(z.strictObject({ ...campaignRef, inviteToken: z.optional(inviteToken) })),
  /**
   * 报名. `teamId` is required when teams are chosen at sign-up. Signing up again answers the same
   * enrollment; a member who quit may sign up again (their done days stay).
   */
  signUp: contract<SignUpResult>()(z.strictObject({ ...campaignRef, teamId: z.optional(id), inviteToken: z.optional(inviteToken) })),
  /** 退出: frees the seat for the first member on the waiting list. */
  quit: contract<EnrollmentView>()(z.strictObject(campaignRef)),
  /**
   * 打卡 for today (the server's Beijing day). `day`, when sent, must be today (it guards a page left open
   * across midnight). The same requestId answers the same check-in (and pays anything a failure left unpaid);
   * another request for a day already done answers ALREADY_CHECKED_IN (CHECKIN_IN_PROGRESS while one is being recorded). `pictures` are fileIDs the member
   * uploaded under the cloud path `checkins/<campaignId>/<memberId>/` (others are refused).
   */
  checkIn: contract<CheckinResult>()(z.strictObject({ ...campaignRef, day: z.optional(day), ...checkinContent, requestId: clientId })),
  /** 补卡: a missed planned day within the window, spending one card (and its points cost) once. */
  makeUp: contract<CheckinResult>()(z.strictObject({ ...campaignRef, day, ...checkinContent, requestId: clientId })),
  /** My check-in of one day, or null. */
  myCheckin: contract<CheckinView | null>()(z.strictObject({ ...campaignRef, day })),
  /** 打卡日历: every planned day with its status for the caller. */
  calendar: contract<CalendarView>()(z.strictObject(campaignRef)),
  streak: contract<StreakView>()(z.strictObject(campaignRef)),

  // Trainers (培训管理员) and admins; scoped ones manage campaigns whose managing scope lies within theirs.
  /** Campaigns the caller manages, newest change first; optionally one status. */
  managed: contract<Page<ManagedCampaignRow>>()(z.strictObject({ ...pageInputShape, status: z.optional(z.enum(CAMPAIGN_STATUSES)) })),
  /** Everything editable about one managed campaign. */
  get: contract<CampaignAdminView>()(z.strictObject(campaignRef)),
  /**
   * The managing scopes the caller may create a campaign in: company-wide and every department for an
   * unscoped trainer or admin grant, else the departments their grants name. `move`: where the caller may
   * move a campaign to, from their admin grants only.
   */
  scopeChoices: contract<CampaignScopeChoice[]>()(z.strictObject({ move: z._default(z.boolean(), false) })),
  /**
   * Creates a draft; the same requestId answers the same draft. `scopeDepartmentId` is its managing scope
   * (null = company-wide), a department within the caller's trainer or admin grants; left out, the only
   * choice when there is exactly one, else INVALID_INPUT asking to choose.
   */
  create: contract<CampaignAdminView>()(
    z.strictObject({ ...campaignFieldsShape, ...creationDefaults, scopeDepartmentId: z.optional(z.nullable(id)), requestId: clientId }),
  ),
  /** 调整管理范围 (admins): moves the managing scope; the admin's scope must cover both the old and the new one. */
  moveScope: contract<CampaignAdminView>()(z.strictObject({ ...campaignRef, scopeDepartmentId: z.nullable(id) })),
  /** Changes fields (all given fields are replaced); on a published campaign only what cannot rewrite history. */
  update: contract<CampaignAdminView>()(z.extend(z.partial(z.strictObject(campaignFieldsShape)), campaignRef)),
  /** draft → published (validated again). */
  publish: contract<CampaignAdminView>()(z.strictObject(campaignRef)),
  /** 提前结束: no more check-ins after today; the last planned day becomes today. */
  end: contract<CampaignAdminView>()(z.strictObject(campaignRef)),
  /** 归档: hidden from learners' lists; data kept. */
  archive: contract<CampaignAdminView>()(z.strictObject(campaignRef)),
  /** Sign-ups of a managed campaign, paged, filtered by status and/or team; waiting list in its order. */
  members: contract<Page<CampaignMemberRow>>()(
    z.strictObject({
      ...pageInputShape,
      ...campaignRef,
      status: z.optional(z.enum(ENROLLMENT_STATUSES)),
      teamId: z.optional(id),
    }),
  ),
  /** 审核: approve (→ enrolled, or waitlisted when full) or reject (frees a seat if they held one). */
  decide: contract<CampaignMemberRow>()(z.strictObject({ ...campaignRef, memberId: id, decision: z.enum(ENROLLMENT_DECISIONS) })),
  /**
   * 批量审核: the same decision for several sign-ups in one transaction on the campaign's counters. Exact and
   * idempotent: a member already decided this way is `unchanged`, one that cannot be is `refused`; approved
   * members are told in 消息中心 as with `decide`.
   */
  decideMany: contract<BulkDecisionResult>()(
    z.strictObject({
      ...campaignRef,
      memberIds: z.array(id).check(z.minLength(1, '请选择要审核的报名'), z.maxLength(MAX_BULK_DECISIONS)),
      decision: z.enum(ENROLLMENT_DECISIONS),
    }),
  ),
  /** 分组: put a member in a team (their check-in counters move with them). */
  assignTeam: contract<CampaignMemberRow>()(z.strictObject({ ...campaignRef, memberId: id, teamId: id })),
  ...campaignEngagementContracts,
};
