/**
 * The trainer's dashboard (数据看板) of one campaign they manage: per planned day the members taking part,
 * check-ins and rate; totals; the team PK; the rate chart; and the members' progress, paged and sorted.
 *
 * It reads two documents' worth of counters, whatever the campaign's size: day and team figures come from
 * the sharded check-in counters (one query), sign-up figures from the campaign's maintained counters. A
 * day's rate is its check-ins over the members taking part now (打卡率 = 打卡人数 / 参与人数): the campaign
 * keeps no history of its sign-ups per day, and counting the enrollments on each view would read every one
 * of them (bench/campaign-dashboard.ts measures the dashboard on a 5,000-member, 21-day campaign).
 */
import type { CampaignDoc, EnrollmentDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { CampaignDashboardView, DashboardDay, DashboardMemberRow, DashboardMemberSort } from '../../../typings/functions/campaign-engagement';
import { COLLECTIONS, defineAction, findPage, ownValue, pageOf } from '../../core';
import type { Database, SortKey } from '../../core';
import { beijingDate } from '../../core/time';
import { loadManagedCampaign } from '../access';
import { readCheckinCounts } from '../counters';
import { plannedDays, totalDays } from '../days';
import { currentStreakOn } from '../streak';
import { teamName } from '../views';
import { enrolledFilter, RANK_ORDER } from './leaderboards';
import { elapsedDays, rateOf, teamRows } from './rates';

/** `11/27` for `2026-11-27`. */
const chartLabel = (day: string): string => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export async function campaignDashboard(db: Database, campaign: CampaignDoc, now: Date): Promise<CampaignDashboardView> {
  const today = beijingDate(now);
  const counts = await readCheckinCounts(db, campaign._id);
  const { enrolled } = campaign.counts;
  const days: DashboardDay[] = plannedDays(campaign).map((day, index) => {
    const { checkins, madeUp } = counts.byDay[day] ?? { checkins: 0, madeUp: 0 };
    return {
      day,
      index: index + 1,
      enrolled,
      checkedIn: checkins,
      madeUp,
      rate: rateOf(checkins, enrolled),
      phase: day < today ? 'past' : day === today ? 'today' : 'upcoming',
    };
  });
  const elapsed = days.filter((day) => day.phase !== 'upcoming');
  const done = elapsed.reduce((sum, day) => sum + day.checkedIn, 0);
  return {
    campaignId: campaign._id,
    title: campaign.title,
    today,
    totalDays: totalDays(campaign),
    elapsedDays: elapsedDays(campaign, today),
    enrolled,
    pending: campaign.counts.pending,
    waitlisted: campaign.counts.waitlisted,
    checkinsTotal: counts.total.checkins,
    madeUpTotal: counts.total.madeUp,
    averageRate: rateOf(done, enrolled * elapsed.length),
    days,
    teams: teamRows(campaign, counts, today, null),
    chart: { categories: elapsed.map((day) => chartLabel(day.day)), rates: elapsed.map((day) => Math.round(day.rate * 1000) / 10) },
  };
}

export const dashboard = defineAction({
  ...campaignEngagementContracts.dashboard,
  roles: ['trainer', 'admin'],
  async handler({ db, caller, input, now }) {
    return campaignDashboard(db, await loadManagedCampaign(db, caller.member, input.campaignId), now());
  },
});

const MEMBER_SORTS: Record<DashboardMemberSort, readonly SortKey[]> = {
  most_done: RANK_ORDER,
  most_missed: [
    { field: 'daysDone', direction: 'asc' },
    { field: 'longestStreak', direction: 'asc' },
    { field: '_id', direction: 'asc' },
  ],
  longest_streak: [
    { field: 'longestStreak', direction: 'desc' },
    { field: 'daysDone', direction: 'desc' },
    { field: '_id', direction: 'asc' },
  ],
};

/** Planned days before `today` the member has not done. */
export function missedDays(campaign: Pick<CampaignDoc, 'startDay' | 'endDay'>, enrollment: Pick<EnrollmentDoc, 'days'>, today: string): number {
  return plannedDays(campaign).filter((day) => day < today && enrollment.days[day] === undefined).length;
}

export function dashboardMemberRow(campaign: CampaignDoc, enrollment: EnrollmentDoc, today: string): DashboardMemberRow {
  return {
    memberId: enrollment.memberId,
    name: enrollment.name,
    employeeNo: enrollment.employeeNo,
    departmentPath: enrollment.departmentPath,
    teamId: enrollment.teamId,
    teamName: teamName(campaign, enrollment.teamId),
    daysDone: enrollment.daysDone,
    madeUpDays: enrollment.madeUpDays,
    missedDays: missedDays(campaign, enrollment, today),
    currentStreak: currentStreakOn(campaign, enrollment, today),
    longestStreak: enrollment.longestStreak,
    checkedInToday: enrollment.days[today] !== undefined,
    lastCheckinDay: enrollment.lastCheckinDay,
  };
}

export const dashboardMembers = defineAction({
  ...campaignEngagementContracts.dashboardMembers,
  roles: ['trainer', 'admin'],
  async handler({ db, caller, input, now }) {
    const today = beijingDate(now());
    const campaign = await loadManagedCampaign(db, caller.member, input.campaignId);
    const filter = input.teamId === undefined ? enrolledFilter(campaign._id) : { ...enrolledFilter(campaign._id), teamId: input.teamId };
    const total = input.teamId === undefined ? campaign.counts.enrolled : (ownValue(campaign.teamEnrolled, input.teamId) ?? 0);
    const found = await findPage<EnrollmentDoc>(db, COLLECTIONS.campaignEnrollments, filter, MEMBER_SORTS[input.sort], input, { total });
    return pageOf(found, input, (doc) => dashboardMemberRow(campaign, doc, today));
  },
});
