/**
 * Check-in rates (打卡率) shared by the team PK and the trainer's dashboard. A rate is check-ins divided by
 * the check-ins possible: members × planned days elapsed, where a planned day counts as elapsed from its
 * first moment (today included), so a team's rate dips in the morning and recovers as members check in.
 */
import type { CampaignDoc } from '../../../typings/domain';
import type { TeamRankRow } from '../../../typings/functions/campaign-engagement';
import { daysBetween } from '../../core/time';
import type { CampaignCheckinCounts } from '../counters';
import { totalDays } from '../days';

type Span = Pick<CampaignDoc, 'startDay' | 'endDay'>;

/** Planned days up to and including `today` (0 before the first one). */
export function elapsedDays(campaign: Span, today: string): number {
  if (today < campaign.startDay) return 0;
  return Math.min(totalDays(campaign), daysBetween(campaign.startDay, today) + 1);
}

/** `done / possible`, 0–1 rounded to 4 decimals; 0 when nothing was possible. */
export function rateOf(done: number, possible: number): number {
  return possible > 0 ? Math.round((done / possible) * 10_000) / 10_000 : 0;
}

function sumCheckins(days: Readonly<Record<string, { checkins: number }>> | undefined): number {
  return Object.values(days ?? {}).reduce((sum, day) => sum + day.checkins, 0);
}

/**
 * The team PK (小组 PK): each team's check-ins over (its members now × elapsed planned days), best rate
 * first, then more check-ins, then team id. Members come from the campaign's maintained `teamEnrolled`,
 * check-ins from the sharded counters: nothing is recounted.
 */
export function teamRows(
  campaign: Pick<CampaignDoc, 'startDay' | 'endDay' | 'teams' | 'teamEnrolled'>,
  counts: Pick<CampaignCheckinCounts, 'byTeamDay'>,
  today: string,
  myTeamId: string | null,
): TeamRankRow[] {
  const elapsed = elapsedDays(campaign, today);
  const rows = campaign.teams.map((team) => {
    const members = campaign.teamEnrolled[team.id] ?? 0;
    const checkins = sumCheckins(counts.byTeamDay[team.id]);
    return { teamId: team.id, name: team.name, members, checkins, rate: rateOf(checkins, members * elapsed), isMine: team.id === myTeamId };
  });
  rows.sort((a, b) => b.rate - a.rate || b.checkins - a.checkins || (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0));
  return rows.map((row, index) => ({ rank: index + 1, ...row }));
}
