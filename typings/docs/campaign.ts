/**
 * Documents of the check-in campaign area (打卡活动), as stored. Days are Beijing days `YYYY-MM-DD`.
 *
 * Written by the core half (server/campaign): campaigns, enrollments, check-ins (except the engagement
 * fields) and the sharded counters. The engagement half (server/campaign/engagement) reads them all and
 * writes only the check-ins' engagement fields (likes, comments, featured, review) and its own collections.
 */
import type { Audience } from './course';

/**
 * draft (草稿) → published (已发布; upcoming, running or finished by its days) → ended (提前结束: the trainer
 * stopped it; `endDay` became the day it was ended) → archived (已归档: hidden from learners' lists).
 */
export const CAMPAIGN_STATUSES = ['draft', 'published', 'ended', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Teams (分组): none, assigned by the trainer, or chosen by the member at sign-up. */
export const CAMPAIGN_TEAM_MODES = ['none', 'assigned', 'chosen'] as const;
export type CampaignTeamMode = (typeof CAMPAIGN_TEAM_MODES)[number];

/** The task of one planned day: a course to complete and/or a prompt to answer (at least one). */
export interface CampaignTaskDoc {
  courseId: string | null;
  /** The course's title when the task was saved (the app shows it without reading courses). */
  courseTitle: string | null;
  prompt: string;
}

/** What a check-in must carry; changing it never touches check-ins already made. */
export interface CheckinRequirementDoc {
  /** Minimum characters of text after trimming (0: text optional). */
  minTextLength: number;
  minPictures: number;
  /** At most 9 (WeChat's picker limit). */
  maxPictures: number;
  /** The day's linked course must be completed (read from the learning record) before checking in. */
  requireCourse: boolean;
}

export interface CampaignTeamDoc {
  /** Stable within the campaign (`t1`, `t2`...): enrollments and counters keep it when the name changes. */
  id: string;
  name: string;
}

/** A streak bonus (连续打卡奖励): reaching `days` consecutive planned days pays `points` once per enrollment. */
export interface StreakMilestoneDoc {
  days: number;
  points: number;
}

/** Make-up cards (补卡卡). */
export interface MakeUpRulesDoc {
  /** Cards per member for the whole campaign (0: no make-ups). */
  cardsPerMember: number;
  /** How many days back a missed day may be made up (1: yesterday only). */
  daysBack: number;
  /** Points a make-up costs, debited through the ledger once (0: free). */
  pointsCost: number;
}

/** Maintained sign-up counters of a campaign (never recounted on reads). */
export interface CampaignCountsDoc {
  /** Members taking part (status `enrolled`); capacity applies to this. */
  enrolled: number;
  /** Waiting for the trainer's approval. */
  pending: number;
  /** On the waiting list (候补). */
  waitlisted: number;
}

/** Collection `campaigns`, `_id` = campaign id. */
export interface CampaignDoc {
  _id: string;
  title: string;
  /** The introduction (活动介绍). */
  summary: string;
  /** Cloud storage fileID or null. */
  cover: string | null;
  startDay: string;
  /** The last planned day. Ending early sets it to the day the campaign was ended. */
  endDay: string;
  /** One task per planned day: `tasks[i]` is the task of `startDay + i`. */
  tasks: CampaignTaskDoc[];
  requirement: CheckinRequirementDoc;
  /** Sign-up window (报名时间), Beijing days inclusive. */
  signUpStartDay: string;
  signUpEndDay: string;
  /** Maximum members taking part, or null for no limit; further sign-ups join the waiting list. */
  capacity: number | null;
  /**
   * Who may join: a member is eligible when they are in one of `departmentIds` (each a subtree; empty: any
   * department) AND hold one of `audiences` (empty: any audience). Invitation-only campaigns are listed to
   * nobody; the invitation link (`inviteToken`) lets anyone holding it sign up.
   */
  departmentIds: string[];
  departmentNames: string[];
  /** `departmentIds` is non-empty (kept for the list query: a missing field means unrestricted). */
  restrictedDepartments: boolean;
  audiences: Audience[];
  restrictedAudiences: boolean;
  inviteOnly: boolean;
  /** The invitation link's token (邀请链接), present for every campaign; only invitation-only ones need it. */
  inviteToken: string;
  approvalRequired: boolean;
  teamMode: CampaignTeamMode;
  teams: CampaignTeamDoc[];
  /** Points per check-in (made-up ones included), paid once per check-in. */
  pointsPerCheckin: number;
  /** Ascending by days. */
  streakMilestones: StreakMilestoneDoc[];
  makeUp: MakeUpRulesDoc;
  /** Whether a made-up day joins the streak (default true); when false it counts as done but breaks it. */
  makeUpCountsForStreak: boolean;
  /** Daily reminder time `HH:mm` (Beijing), or null for no reminder. Read by the `campaignReminder` timer. */
  reminderTime: string | null;
  /** Share of planned days (percent, 1–100) a member must have done for the certificate (结业证书). */
  certificatePercent: number;
  status: CampaignStatus;
  /** The trainer who created it, and their department then (informational since `scopeDepartmentId`). */
  ownerId: string;
  ownerName: string;
  ownerDepartmentId: string;
  /**
   * The managing scope (管理范围): trainers and admins whose scope covers this department manage the
   * campaign; null = company-wide (unscoped grants only). Chosen at creation from the creator's grants, moved
   * only by an admin (`moveScope`). Missing on campaigns created before it existed: then `ownerDepartmentId`,
   * which managed them until then (server/campaign/access.ts `campaignScopeOf`).
   */
  scopeDepartmentId?: string | null;
  /** Every move of the managing scope, oldest first (at most the last MAX_SCOPE_MOVES). */
  scopeMoves?: CampaignScopeMoveDoc[];
  counts: CampaignCountsDoc;
  /** Enrolled members per team id (maintained with `counts.enrolled`). */
  teamEnrolled: Record<string, number>;
  /** The last waiting-list number handed out (waiting members are promoted in this order). */
  waitSeq: number;
  /**
   * Who may write this document now (server/campaign/contention.ts): sign-ups, approvals and edits take it
   * briefly so a crowd waits instead of conflicting. Absent when free.
   */
  lease?: { holder: string; until: Date } | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt?: Date | null;
  endedAt?: Date | null;
  archivedAt?: Date | null;
}

/** pending (待审核) → enrolled (已报名) or waitlisted (候补) or rejected (未通过); quit (已退出) by the member. */
export const ENROLLMENT_STATUSES = ['pending', 'waitlisted', 'enrolled', 'rejected', 'quit'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** How a planned day was done: on the day (按时打卡) or with a make-up card (补卡). */
export const CHECKIN_KINDS = ['on_time', 'made_up'] as const;
export type CheckinKind = (typeof CHECKIN_KINDS)[number];

/**
 * Collection `campaignEnrollments`, `_id` = `<campaignId>:<memberId>`: one member's part in one campaign,
 * with their maintained progress (updated in the same transaction as each check-in).
 */
export interface EnrollmentDoc {
  _id: string;
  campaignId: string;
  memberId: string;
  /** Copied from the member at sign-up (lists and exports show them without reading members). */
  name: string;
  employeeNo: string | null;
  departmentId: string;
  departmentPath: string[];
  status: EnrollmentStatus;
  /** Team id, or null (no teams, or not assigned yet). */
  teamId: string | null;
  /** Waiting-list number while waitlisted (lower goes first), else null. */
  waitSeq: number | null;
  /** Planned days done: on time plus made up. */
  daysDone: number;
  madeUpDays: number;
  /**
   * The run of consecutive done planned days ending at `lastCheckinDay` (see server/campaign/streak.ts;
   * a made-up day joins runs when the campaign's `makeUpCountsForStreak` says so). Whether it is still
   * alive today depends on the days since: use `currentStreakOn` from server/campaign/streak.ts.
   */
  currentStreak: number;
  longestStreak: number;
  /** The latest planned day done (on time or made up), or null. */
  lastCheckinDay: string | null;
  /** Every done planned day and how it was done. */
  days: Record<string, CheckinKind>;
  makeUpCardsUsed: number;
  /** Streak milestones (days) reached; each is paid once (the award is idempotent by milestone). */
  milestonesReached: number[];
  /**
   * A check-in in progress (打卡中): taken with one conditional update before the check-in's transaction,
   * so that a crowd of duplicate requests is refused without each running the transaction; it expires
   * after a few seconds if its holder failed. Cleared by the transaction. Absent on older documents.
   */
  checkinLease?: { holder: string; until: Date } | null;
  /**
   * Days in `days` whose check-in the tally (server/campaign/tally.ts) has not yet added to the counter
   * shards: a team change moves only the other days' counts. Absent on older documents.
   */
  pendingDays?: Record<string, true>;
  signedUpAt: Date;
  /** When the member last became `enrolled`, or null. */
  enrolledAt: Date | null;
  /** When the trainer approved or rejected, or null. */
  decidedAt: Date | null;
  quitAt: Date | null;
  updatedAt: Date;
  /**
   * Set by a first sign-up's insert (server/campaign/join.ts) so the call can tell its own insert from a racing
   * one's when the insert's answer is lost; absent on enrollments written any other way.
   */
  seatToken?: string;
}

/** A trainer's review (点评) of a check-in, written by the engagement half. */
export interface CheckinReviewDoc {
  text: string;
  reviewerId: string;
  reviewerName: string;
  at: Date;
}

/**
 * Collection `campaignCheckins`, `_id` = `<campaignId>:<memberId>:<day>`: one check-in per member and planned
 * day (the `_id` makes a second one impossible). The core half never rewrites one once made.
 */
export interface CheckinDoc {
  _id: string;
  campaignId: string;
  memberId: string;
  memberName: string;
  departmentPath: string[];
  /** The member's team when they checked in (a team change moves the counters, not this field). */
  teamId: string | null;
  /** The planned day this check-in is for. */
  day: string;
  kind: CheckinKind;
  text: string;
  /** Cloud storage fileIDs the member uploaded. */
  pictures: string[];
  /** The day's linked course, when the task had one. */
  courseId: string | null;
  /** The app's idempotency key: a retry with the same one answers this check-in. */
  requestId: string;
  /** Points the check-in paid at the time (informational; the ledger is the truth). */
  points: number;
  createdAt: Date;
  /**
   * false while the tally (server/campaign/tally.ts) has not yet added this check-in to the counter shards;
   * absent when it was counted by its own transaction (make-ups, older check-ins).
   */
  counted?: boolean;
  // Engagement fields, written by the engagement half only; created as 0 / false / null.
  likeCount: number;
  commentCount: number;
  featured: boolean;
  featuredAt: Date | null;
  review: CheckinReviewDoc | null;
}

/** Check-ins of one day (or one team and day) in one counter shard. */
export interface DayCountDoc {
  /** Check-ins for the day, made-up ones included. */
  checkins: number;
  madeUp: number;
}

/**
 * Collection `campaignCounterShards`, `_id` = `<campaignId>:<shard>`: per-day and per-team-and-day check-in
 * counters, split over `CAMPAIGN_COUNTER_SHARDS` documents by a hash of the member id and maintained in
 * each check-in's transaction, so hundreds of simultaneous check-ins do not all write one document (see
 * server/campaign/counters.ts, which also exports the read that sums them).
 */
export interface CampaignCounterShardDoc {
  _id: string;
  campaignId: string;
  shard: number;
  byDay: Record<string, DayCountDoc>;
  /** team id → day → counts; members without a team are not counted here. */
  byTeamDay: Record<string, Record<string, DayCountDoc>>;
}

/** One explicit move of a campaign's managing scope, by an admin whose scope covers both ends. */
export interface CampaignScopeMoveDoc {
  from: string | null;
  to: string | null;
  byId: string;
  byName: string;
  at: Date;
}
