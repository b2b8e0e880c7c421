/**
 * Documents of the engagement half of check-in campaigns (打卡社区、证书、提醒), as stored. The check-ins,
 * enrollments and counters they build on are in ./campaign.ts.
 */
import type { CertificateDoc } from './certificate';

/**
 * Fields the engagement half keeps on `campaignCheckins` next to `likeCount` / `commentCount`. Each like or
 * comment changes its list and its count in ONE conditional single-document update (the condition is the
 * list not yet / still holding the id), so the count is exact under parallel taps and retries, and — being
 * no transaction — hundreds of members liking one check-in at once never conflict. Missing means empty.
 */
export interface CheckinEngagementFields {
  /** Member ids who liked the check-in. */
  likedBy?: string[];
  /** Ids of the comments counted in `commentCount` (not deleted). */
  commentIds?: string[];
}

/** Collection `campaignComments`, `_id` from the author and the app's request id: a comment (评论) on a check-in. */
export interface CampaignCommentDoc {
  _id: string;
  campaignId: string;
  checkinId: string;
  memberId: string;
  memberName: string;
  text: string;
  requestId: string;
  /** Deleted comments stay (out of lists and counts) so a retried delete or comment changes nothing. */
  deleted: boolean;
  createdAt: Date;
  deletedAt: Date | null;
  /** Member id of whoever deleted it (the author or a manager). */
  deletedBy: string | null;
}

/**
 * A campaign's completion certificate (结业证书) in the one `certificates` collection (kind `campaign`,
 * source the campaign), with the campaign's own figures.
 */
export interface CampaignCertificateDoc extends CertificateDoc {
  kind: 'campaign';
  campaignId: string;
  campaignTitle: string;
  daysCheckedIn: number;
  plannedDays: number;
}

/**
 * Collection `campaignReminderSubscriptions`, `_id` = `<memberId>:<templateId>`: one-time subscribe-message
 * subscriptions a member has left (WeChat keeps this count but offers no way to read it).
 */
export interface ReminderSubscriptionDoc {
  _id: string;
  memberId: string;
  /** The OPENID that accepted (the reminder goes to it). */
  openid: string;
  templateId: string;
  remaining: number;
  /** Subscriptions ever added, and spent on sends. */
  granted: number;
  used: number;
  updatedAt: Date;
}

/** Collection `campaignReminderGrants`, `_id` from the member and the app's request id: one accepted panel, counted once. */
export interface ReminderGrantDoc {
  _id: string;
  memberId: string;
  templateId: string;
  requestId: string;
  at: Date;
}

/** sending (spent, WeChat not answered yet) → sent, or failed (given back) / refused (43101: no subscription at WeChat). */
export const REMINDER_SEND_STATUSES = ['sending', 'sent', 'failed', 'refused'] as const;
export type ReminderSendStatus = (typeof REMINDER_SEND_STATUSES)[number];

/**
 * Collection `campaignReminderSends`, `_id` = `<campaignId>:<day>:<memberId>`: the one reminder of a member for
 * a campaign and Beijing day. Its creation and the subscription's decrement commit together, so however
 * often or concurrently the timer runs, a member is reminded (and charged) once a day per campaign.
 */
export interface ReminderSendDoc {
  _id: string;
  campaignId: string;
  day: string;
  memberId: string;
  openid: string;
  templateId: string;
  status: ReminderSendStatus;
  /** WeChat's errcode for failed and refused sends. */
  errCode: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Collection `campaignReminderRuns`, `_id` = `<campaignId>:<day>`: how far the reminders of a campaign and day
 * have gone (enrollment id cursor), so a run cut short by time resumes and a finished day is skipped.
 */
export interface ReminderRunDoc {
  _id: string;
  campaignId: string;
  day: string;
  /** Enrollments with an `_id` up to this one were handled. */
  cursor: string;
  done: boolean;
  updatedAt: Date;
}
