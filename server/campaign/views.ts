/** What the app sees of campaigns, enrollments and check-ins (dates as ISO strings, days as YYYY-MM-DD). */
import type { CampaignDoc, CheckinDoc, EnrollmentDoc } from '../../typings/domain';
import type {
  CampaignAdminView,
  CampaignDetail,
  CampaignMemberRow,
  CampaignSummary,
  CampaignTaskView,
  CheckinView,
  EnrollmentView,
  ManagedCampaignRow,
} from '../../typings/functions/campaign';
import type { PointsCapWarning } from '../../typings/functions/points';
import type { PointsPromise } from '../points';
import { isoDate } from '../core/published';
import { campaignScopeOf, scopeLabel } from './access';
import type { MediaGate } from '../core/media-check';
import { dayIndex, isPlannedDay, phaseOf, totalDays } from './days';
import { addDays } from '../core/time';
import { currentStreakOn } from './streak';
import { elapsedDays, rateOf } from './engagement/rates';

/** Sign-up is open today by window and status (a full campaign still takes waiting-list sign-ups). */
export function signUpOpen(campaign: CampaignDoc, today: string): boolean {
  return campaign.status === 'published' && today >= campaign.signUpStartDay && today <= campaign.signUpEndDay && today <= campaign.endDay;
}

/**
 * Documents written before the campaign area existed (tests, old demo data) carry only title, summary,
 * days and status: they read as an open campaign without tasks, teams or limits.
 */
function withDefaults(campaign: CampaignDoc): CampaignDoc {
  return {
    ...campaign,
    cover: campaign.cover ?? null,
    tasks: campaign.tasks ?? [],
    signUpStartDay: campaign.signUpStartDay ?? campaign.startDay,
    signUpEndDay: campaign.signUpEndDay ?? campaign.endDay,
    capacity: campaign.capacity ?? null,
    counts: campaign.counts ?? { enrolled: 0, pending: 0, waitlisted: 0 },
    teamMode: campaign.teamMode ?? 'none',
    teams: campaign.teams ?? [],
    teamEnrolled: campaign.teamEnrolled ?? {},
  };
}

export function campaignSummary(stored: CampaignDoc, today: string, myStatus: EnrollmentDoc['status'] | null): CampaignSummary {
  const campaign = withDefaults(stored);
  return {
    id: campaign._id,
    title: campaign.title,
    summary: campaign.summary,
    cover: campaign.cover,
    startDay: campaign.startDay,
    endDay: campaign.endDay,
    totalDays: totalDays(campaign),
    publishedAt: isoDate(campaign.publishedAt),
    status: campaign.status,
    phase: phaseOf(campaign, today),
    signUpStartDay: campaign.signUpStartDay,
    signUpEndDay: campaign.signUpEndDay,
    signUpOpen: signUpOpen(campaign, today),
    capacity: campaign.capacity,
    enrolledCount: campaign.counts.enrolled,
    teamMode: campaign.teamMode,
    myStatus,
  };
}

export function taskViews(campaign: CampaignDoc): CampaignTaskView[] {
  return (campaign.tasks ?? []).slice(0, totalDays(campaign)).map((task, i) => ({
    day: addDays(campaign.startDay, i),
    index: i + 1,
    courseId: task.courseId,
    courseTitle: task.courseTitle,
    prompt: task.prompt,
  }));
}

export function teamName(campaign: Pick<CampaignDoc, 'teams'>, teamId: string | null): string | null {
  return teamId === null ? null : ((campaign.teams ?? []).find((team) => team.id === teamId)?.name ?? null);
}

export function cardsLeft(campaign: CampaignDoc, enrollment: Pick<EnrollmentDoc, 'makeUpCardsUsed'>): number {
  return Math.max(0, (campaign.makeUp?.cardsPerMember ?? 0) - enrollment.makeUpCardsUsed);
}

export function enrollmentView(campaign: CampaignDoc, enrollment: EnrollmentDoc, today: string, waitPosition: number | null): EnrollmentView {
  return {
    campaignId: enrollment.campaignId,
    status: enrollment.status,
    teamId: enrollment.teamId,
    teamName: teamName(campaign, enrollment.teamId),
    waitPosition: enrollment.status === 'waitlisted' ? waitPosition : null,
    daysDone: enrollment.daysDone,
    madeUpDays: enrollment.madeUpDays,
    currentStreak: currentStreakOn(campaign, enrollment, today),
    longestStreak: enrollment.longestStreak,
    lastCheckinDay: enrollment.lastCheckinDay,
    makeUpCardsLeft: cardsLeft(campaign, enrollment),
    signedUpAt: isoDate(enrollment.signedUpAt) ?? '',
  };
}

export interface DetailContext {
  today: string;
  enrollment: EnrollmentView | null;
  checkedInToday: boolean;
  canManage: boolean;
  /** What checking in today pays the caller (server/points payableToday), or null. */
  todayCheckinPoints?: number | null;
}

export function campaignDetail(stored: CampaignDoc, context: DetailContext): CampaignDetail {
  const campaign = withDefaults(stored);
  const tasks = taskViews(campaign);
  return {
    ...campaignSummary(campaign, context.today, context.enrollment?.status ?? null),
    tasks,
    today: context.today,
    todayTask: isPlannedDay(campaign, context.today) ? (tasks.find((task) => task.day === context.today) ?? null) : null,
    requirement: campaign.requirement ?? { minTextLength: 0, minPictures: 0, maxPictures: 9, requireCourse: false },
    inviteOnly: campaign.inviteOnly ?? false,
    approvalRequired: campaign.approvalRequired ?? false,
    teams: campaign.teams.map((team) => ({ id: team.id, name: team.name, enrolled: campaign.teamEnrolled[team.id] ?? 0 })),
    pointsPerCheckin: campaign.pointsPerCheckin ?? 0,
    streakMilestones: campaign.streakMilestones ?? [],
    makeUp: campaign.makeUp ?? { cardsPerMember: 0, daysBack: 0, pointsCost: 0 },
    makeUpCountsForStreak: campaign.makeUpCountsForStreak ?? true,
    reminderTime: campaign.reminderTime ?? null,
    certificatePercent: campaign.certificatePercent ?? 100,
    pendingCount: campaign.counts.pending,
    waitlistedCount: campaign.counts.waitlisted,
    ownerName: campaign.ownerName ?? '',
    myEnrollment: context.enrollment,
    checkedInToday: context.checkedInToday,
    todayCheckinPoints: context.todayCheckinPoints ?? null,
    canManage: context.canManage,
  };
}

/** The points a campaign promises, for the caps check (server/points capWarnings). */
export function campaignPromises(campaign: Pick<CampaignDoc, 'pointsPerCheckin' | 'streakMilestones'>): PointsPromise[] {
  const perCheckin = campaign.pointsPerCheckin ?? 0;
  const checkin = { type: 'checkin' as const, amount: perCheckin };
  return [
    { label: '每次打卡', ...checkin },
    // A bonus is paid with the check-in that reaches it, the same day.
    ...(campaign.streakMilestones ?? []).map((milestone) => ({
      label: `连续打卡 ${milestone.days} 天奖励`,
      type: 'streak_bonus' as const,
      amount: milestone.points,
      after: perCheckin > 0 ? [checkin] : [],
    })),
  ];
}

export function campaignAdminView(
  campaign: CampaignDoc,
  context: DetailContext,
  canMoveScope: boolean,
  pointsWarnings: PointsCapWarning[] = [],
): CampaignAdminView {
  return {
    ...campaignDetail(campaign, context),
    scopeDepartmentId: campaignScopeOf(campaign),
    scopeName: scopeLabel(campaignScopeOf(campaign)),
    canMoveScope,
    departmentIds: campaign.departmentIds,
    departmentNames: campaign.departmentNames,
    audiences: campaign.audiences,
    inviteToken: campaign.inviteToken,
    pointsWarnings,
    createdAt: isoDate(campaign.createdAt) ?? '',
    updatedAt: isoDate(campaign.updatedAt) ?? '',
  };
}

/** `checkins`: the campaign's check-ins so far (counters.ts readCheckinTotals). */
export function managedRow(campaign: CampaignDoc, today: string, checkins: number): ManagedCampaignRow {
  return {
    ...campaignSummary(campaign, today, null),
    pendingCount: campaign.counts.pending,
    checkinRate: rateOf(checkins, campaign.counts.enrolled * elapsedDays(campaign, today)),
    waitlistedCount: campaign.counts.waitlisted,
    ownerName: campaign.ownerName,
    updatedAt: isoDate(campaign.updatedAt) ?? '',
  };
}

export function memberRow(campaign: CampaignDoc, enrollment: EnrollmentDoc, today: string): CampaignMemberRow {
  return {
    memberId: enrollment.memberId,
    name: enrollment.name,
    employeeNo: enrollment.employeeNo,
    departmentPath: enrollment.departmentPath,
    status: enrollment.status,
    teamId: enrollment.teamId,
    teamName: teamName(campaign, enrollment.teamId),
    waitSeq: enrollment.waitSeq,
    daysDone: enrollment.daysDone,
    madeUpDays: enrollment.madeUpDays,
    currentStreak: currentStreakOn(campaign, enrollment, today),
    longestStreak: enrollment.longestStreak,
    lastCheckinDay: enrollment.lastCheckinDay,
    signedUpAt: isoDate(enrollment.signedUpAt) ?? '',
  };
}

/** Which pictures the reader sees: pictures still under the media check only their uploader does. */
export interface CheckinMedia {
  gate: MediaGate;
  viewerId: string;
}

export function checkinView(campaign: Pick<CampaignDoc, 'startDay'>, checkin: CheckinDoc, media: CheckinMedia): CheckinView {
  return {
    id: checkin._id,
    campaignId: checkin.campaignId,
    memberId: checkin.memberId,
    memberName: checkin.memberName,
    teamId: checkin.teamId,
    day: checkin.day,
    dayIndex: dayIndex({ startDay: campaign.startDay, endDay: checkin.day }, checkin.day),
    kind: checkin.kind,
    text: checkin.text,
    pictures: media.gate.filter(checkin.pictures, media.viewerId),
    mediaReview: media.gate.review(checkin.pictures, media.viewerId),
    courseId: checkin.courseId,
    likeCount: checkin.likeCount,
    commentCount: checkin.commentCount,
    featured: checkin.featured,
    review: checkin.review ? { text: checkin.review.text, reviewerName: checkin.review.reviewerName, at: isoDate(checkin.review.at) ?? '' } : null,
    createdAt: isoDate(checkin.createdAt) ?? '',
  };
}
