/**
 * A round's results computed from the judges' scores and the standings' vote counts (see scoring.ts for the
 * arithmetic): what results.ts previews and publishes, and what the report function's contest exports read.
 */
import type { ContestDoc, ContestResultRow, ContestRoundDoc, ContestScoreDoc, ContestStandingDoc } from '../../typings/domain';
import { COLLECTIONS } from '../core';
import type { Database } from '../core';
import { headcounts } from './branches';
import { inBatches, readEvery } from './read';
import { computeResults, type ComputedResults, type EntryFacts } from './scoring';
import { rollUpVotes, tallyVotes } from './voting/tally';

/** Documents written (or votes rolled up) at once. */
export const WRITE_BATCH = 20;
/** Result rows per `contestResults` document. */
export const RESULTS_CHUNK = 100;

export const resultsDocId = (roundId: string, chunk: number): string => `${roundId}:${chunk}`;

export interface RoundComputation extends ComputedResults {
  /** By rank, with the entries' names. */
  ranked: ContestResultRow[];
  unscored: number;
}

export async function computeRound(db: Database, contest: ContestDoc, round: ContestRoundDoc): Promise<RoundComputation> {
  const [standings, scores] = await Promise.all([
    readEvery<ContestStandingDoc>(db, COLLECTIONS.contestStandings, { roundId: round._id }),
    readEvery<ContestScoreDoc>(db, COLLECTIONS.contestScores, { roundId: round._id }),
  ]);
  const painPoints = new Set(contest.topics.filter((topic) => topic.painPoint).map((topic) => topic.id));
  const byEntry = new Map<string, Record<string, number>[]>();
  let unscored = 0;
  for (const score of scores) {
    if (score.scores === null) unscored += 1;
    else byEntry.set(score.entryId, [...(byEntry.get(score.entryId) ?? []), score.scores]);
  }
  // Votes are counted by the tally after they are cast (see voting/tally.ts): counting the round's last
  // ballots and rolling every entry up once more here makes the counts exact, whatever the timer has done.
  const votes = new Map<string, number>();
  if (round.voting) await tallyVotes(db, new Date(), { roundId: round._id });
  if (round.voting)
    await inBatches(standings, WRITE_BATCH, async (standing) => void votes.set(standing.entryId, await rollUpVotes(db, round._id, standing.entryId)));
  const facts: EntryFacts[] = standings.map((standing) => ({
    entryId: standing.entryId,
    branchId: standing.branchId,
    votes: votes.get(standing.entryId) ?? standing.votes,
    courseCount: standing.courseCount,
    painPointTopic: standing.topicId !== null && painPoints.has(standing.topicId),
    judgeScores: byEntry.get(standing.entryId) ?? [],
  }));
  const counts = round.advancement.kind === 'quota' ? await headcounts(db, [...new Set(facts.map((fact) => fact.branchId))]) : new Map<string, number>();
  const computed = computeResults(round, facts, counts);
  const named = new Map(standings.map((standing) => [standing.entryId, standing]));
  const ranked = computed.rows.map((row) => {
    const standing = named.get(row.entryId);
    return { ...row, title: standing?.title ?? '', ownerName: standing?.ownerName ?? '', teamName: standing?.teamName ?? null };
  });
  return { ...computed, ranked, unscored };
}
