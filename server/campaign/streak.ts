/**
 * Streaks (连续打卡) count the campaign's planned days only: calendar days outside the campaign neither
 * extend nor break a streak. A made-up day (补卡) joins the days around it when the campaign's
 * `makeUpCountsForStreak` is on (the default); when off, it still counts as done but breaks the run, like
 * a missed day. Recomputed from the enrollment's day map (at most MAX_CAMPAIGN_DAYS entries) at every
 * check-in, because a make-up can join two runs into one.
 */
import type { CampaignDoc, CheckinKind, EnrollmentDoc, StreakMilestoneDoc } from '../../typings/domain';
import { lastClosedDay, plannedDays } from './days';

export interface Streaks {
  /** The run ending at the latest done day (0 when that day does not count for streaks). */
  current: number;
  longest: number;
}

type StreakRules = Pick<CampaignDoc, 'startDay' | 'endDay' | 'makeUpCountsForStreak'>;

export function computeStreaks(campaign: StreakRules, days: Readonly<Record<string, CheckinKind>>): Streaks {
  let run = 0;
  let longest = 0;
  let current = 0;
  for (const day of plannedDays(campaign)) {
    const kind = days[day];
    const counts = kind === 'on_time' || (kind === 'made_up' && campaign.makeUpCountsForStreak);
    run = counts ? run + 1 : 0;
    longest = Math.max(longest, run);
    if (kind !== undefined) current = run;
  }
  return { current, longest };
}

/**
 * The streak as of `today`: the stored run is alive while no planned day since the last check-in has
 * closed undone (today itself is still open).
 */
export function currentStreakOn(
  campaign: Pick<CampaignDoc, 'startDay' | 'endDay'>,
  enrollment: Pick<EnrollmentDoc, 'currentStreak' | 'lastCheckinDay'>,
  today: string,
): number {
  if (enrollment.lastCheckinDay === null) return 0;
  const closed = lastClosedDay(campaign, today);
  return closed === null || enrollment.lastCheckinDay >= closed ? enrollment.currentStreak : 0;
}

/** Milestones reached by a longest run, ascending by days. */
export function reachedMilestones(milestones: readonly StreakMilestoneDoc[], longest: number): StreakMilestoneDoc[] {
  return milestones.filter((milestone) => longest >= milestone.days);
}
