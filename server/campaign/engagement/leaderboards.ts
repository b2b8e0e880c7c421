/**
 * Leaderboards (排行榜): members by planned days done, then longest streak (the stored run that a day off
 * does not reset, so the order never depends on the hour it is read), then member id; and the team PK by
 * average check-in rate (server/campaign/engagement/rates.ts). Both read maintained counters only: the
 * enrollments' progress through an index, the campaign's team sizes and the sharded check-in counters.
 */
import type { CampaignDoc, EnrollmentDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { MemberRankRow } from '../../../typings/functions/campaign-engagement';
import { COLLECTIONS, defineAction, findPage, pageOf } from '../../core';
import type { Database, SortKey } from '../../core';
import { beijingDate } from '../../core/time';
import { learnerLevelsOf } from '../../points';
import { isEnrolled, loadVisibleCampaign } from '../access';
import { readCheckinCounts } from '../counters';
import { totalDays } from '../days';
import { currentStreakOn } from '../streak';
import { teamName } from '../views';
import { elapsedDays, teamRows } from './rates';

/** Enrollments carry the member's day map; the boards need only the counters. */
export const PROGRESS_FIELDS: Record<string, boolean> = { days: false, milestonesReached: false };

export const RANK_ORDER: readonly SortKey[] = [
  { field: 'daysDone', direction: 'desc' },
  { field: 'longestStreak', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export const enrolledFilter = (campaignId: string) => ({ campaignId, status: 'enrolled' });

function rankRow(
  campaign: CampaignDoc,
  enrollment: EnrollmentDoc,
  rank: number,
  today: string,
  memberId: string,
  levels: ReadonlyMap<string, string | null>,
): MemberRankRow {
  return {
    rank,
    memberId: enrollment.memberId,
    name: enrollment.name,
    level: levels.get(enrollment.memberId) ?? null,
    departmentPath: enrollment.departmentPath,
    teamId: enrollment.teamId,
    teamName: teamName(campaign, enrollment.teamId),
    daysDone: enrollment.daysDone,
    currentStreak: currentStreakOn(campaign, enrollment, today),
    longestStreak: enrollment.longestStreak,
    isMe: enrollment.memberId === memberId,
  };
}

/** 1 + the enrolled members ranked before this one (one count through the same index). */
async function rankOf(db: Database, enrollment: EnrollmentDoc): Promise<number> {
  const _ = db.command;
  const { daysDone, longestStreak } = enrollment;
  const ahead = _.or([{ daysDone: _.gt(daysDone) }, { daysDone, longestStreak: _.gt(longestStreak) }, { daysDone, longestStreak, _id: _.lt(enrollment._id) }]);
  const result = (await db
    .collection(COLLECTIONS.campaignEnrollments)
    .where(_.and([enrolledFilter(enrollment.campaignId), ahead]))
    .count()) as unknown as { total: number };
  return result.total + 1;
}

export const memberLeaderboard = defineAction({
  ...campaignEngagementContracts.memberLeaderboard,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const today = beijingDate(now());
    const { campaign, enrollment } = await loadVisibleCampaign(db, caller.member, input.campaignId, now());
    const memberId = caller.member._id;
    const found = await findPage<EnrollmentDoc>(db, COLLECTIONS.campaignEnrollments, enrolledFilter(campaign._id), RANK_ORDER, input, {
      fields: PROGRESS_FIELDS,
      total: campaign.counts.enrolled,
    });
    // Learner levels of the page and the caller: two reads (the ladder, the accounts).
    const levels = await learnerLevelsOf(db, [...found.docs.map((doc) => doc.memberId), memberId]);
    let rank = (input.page - 1) * input.pageSize;
    const board = pageOf(found, input, (doc) => rankRow(campaign, doc, (rank += 1), today, memberId, levels));
    const mine = board.items.find((row) => row.isMe);
    const me = mine ?? (isEnrolled(enrollment) ? rankRow(campaign, enrollment, await rankOf(db, enrollment), today, memberId, levels) : null);
    return { ...board, me };
  },
});

export const teamLeaderboard = defineAction({
  ...campaignEngagementContracts.teamLeaderboard,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const today = beijingDate(now());
    const { campaign, enrollment } = await loadVisibleCampaign(db, caller.member, input.campaignId, now());
    const myTeamId = isEnrolled(enrollment) ? enrollment.teamId : null;
    const teams = campaign.teams.length > 0 ? teamRows(campaign, await readCheckinCounts(db, campaign._id), today, myTeamId) : [];
    return { campaignId: campaign._id, elapsedDays: elapsedDays(campaign, today), totalDays: totalDays(campaign), teams, myTeamId };
  },
});
