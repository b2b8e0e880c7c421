/** Contest documents as the app sees them. */
import type { ContestDoc, ContestRoundDoc } from '../../typings/domain';
import type { AwardConfigView, ContestSummary, ContestView, RoundView } from '../../typings/functions/contest';
import { COLLECTIONS } from '../core';
import type { Database } from '../core';
import { isoDate } from '../core/published';
import { docsOf } from '../core/db';
import { roundPhase } from './access';

/** The rounds of some contests (a contest has at most 10), in order. */
export async function loadRounds(db: Database, contestIds: readonly string[]): Promise<Map<string, ContestRoundDoc[]>> {
  const byContest = new Map<string, ContestRoundDoc[]>(contestIds.map((id) => [id, []]));
  if (contestIds.length === 0) return byContest;
  const rounds = await docsOf<ContestRoundDoc>(
    db
      .collection(COLLECTIONS.contestRounds)
      .where({ contestId: db.command.in([...contestIds]) })
      .orderBy('contestId', 'asc')
      .orderBy('index', 'asc')
      .limit(1000),
  );
  for (const round of rounds) byContest.get(round.contestId)?.push(round);
  return byContest;
}

export function roundView(round: ContestRoundDoc, now: Date): RoundView {
  return {
    ...roundPhase(round, now),
    id: round._id,
    index: round.index,
    name: round.name,
    submissionStartDay: round.submissionStartDay,
    submissionEndDay: round.submissionEndDay,
    judgingStartDay: round.judgingStartDay,
    judgingEndDay: round.judgingEndDay,
    voting: round.voting,
    formats: round.formats,
    pitchVideoRequired: round.pitchVideoRequired,
    advancement: round.advancement,
    weights: round.weights,
    bonuses: round.bonuses,
    rubric: round.rubric,
    entryCount: round.entryCount,
  };
}

/** The round a contest is at: the first whose results are not published, else the last. */
export function currentRound(rounds: readonly ContestRoundDoc[]): ContestRoundDoc | null {
  return rounds.find((round) => round.resultsStatus !== 'published') ?? rounds.at(-1) ?? null;
}

export function contestSummary(contest: ContestDoc, rounds: readonly ContestRoundDoc[], now: Date): ContestSummary {
  const current = currentRound(rounds);
  return {
    id: contest._id,
    title: contest.title,
    theme: contest.theme,
    summary: contest.summary,
    poster: contest.poster ?? null,
    currentRoundName: current?.name ?? null,
    currentPhase: current ? roundPhase(current, now).phase : null,
    finished: contest.finished ?? false,
    publishedAt: isoDate(contest.publishedAt),
  };
}

export function awardConfigViews(contest: ContestDoc): AwardConfigView[] {
  return (contest.awards ?? []).map((award) => ({ ...award }));
}

export interface CallerPart {
  eligible: boolean;
  myEntryId: string | null;
  posterUrl: string | null;
  /** The caller's pending team invitations in the contest (0 when not asked). */
  pendingInvitations?: number;
}

export function contestView(contest: ContestDoc, rounds: readonly ContestRoundDoc[], part: CallerPart, memberId: string, now: Date): ContestView {
  return {
    id: contest._id,
    title: contest.title,
    theme: contest.theme,
    summary: contest.summary,
    rules: contest.rules,
    poster: contest.poster,
    posterUrl: part.posterUrl,
    topics: contest.topics,
    rounds: rounds.map((round) => roundView(round, now)),
    awards: awardConfigViews(contest),
    finished: contest.finished,
    eligible: part.eligible,
    myEntryId: part.myEntryId,
    pendingInvitations: part.pendingInvitations ?? 0,
    judgeRoundIds: rounds.filter((round) => round.judgeIds.includes(memberId)).map((round) => round._id),
  };
}
