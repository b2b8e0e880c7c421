/** Shared set-up of the voting tests: a contest in its voting window, entries with standings, voters, invariants. */
import type { ContestBallotDoc, ContestRoundDoc, ContestStandingDoc, ContestVoteShardDoc, ContestVoterDayDoc, MemberDoc } from '../../../../typings/domain';
import { castVote } from '../../../../server/contest/voting/cast';
import { forgetVotingContexts } from '../../../../server/contest/voting/context';
import { tallyVotes } from '../../../../server/contest/voting/tally';
import { standingId } from '../../../../server/contest/ids';
import { readWhere as readAll, testDb } from '../../../helpers/db';
import { type SeededContest, VOTING_DAY, votingContestDocs, type VotingContestOptions } from './fixtures';

export { DEFAULT_RULES, VOTING_DAY } from './fixtures';

let sequence = 0;

export { readAll };

async function addAll(collection: string, docs: readonly object[]): Promise<void> {
  const db = testDb();
  for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add({ data: docs.slice(i, i + 100) });
}

/** Seeds `votingContestDocs` through the SDK. */
export async function seedVotingContest(options: VotingContestOptions = {}): Promise<SeededContest> {
  sequence += 1;
  const { contest, round, entries, standings } = votingContestDocs(String(sequence), options);
  await addAll('contests', [contest]);
  await addAll('contestRounds', [round]);
  await addAll('contestEntries', entries);
  await addAll('contestStandings', standings);
  return { contest, round, entries };
}

/** A fresh request id per call, as the app makes one per tap. */
export function requestIdOf(label: string): string {
  sequence += 1;
  return `req-${label}-${sequence}`
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .padEnd(8, '0')
    .slice(0, 64);
}

/** One vote through the domain function, as `voter` at `at`. */
export function voteAs(
  voter: MemberDoc,
  entryId: string,
  at: Date,
  requestId = requestIdOf(voter._id),
  network: { clientIp: string | null; clientIpv6: string | null } = { clientIp: null, clientIpv6: null },
) {
  return castVote(testDb(), voter, { entryId, requestId }, network, at);
}

/**
 * What the contest function's timer does after votes (server/contest/voting/tally.ts), then what an instance
 * does once its cached counts expire: the next votes answer the tallied counts.
 */
export async function countVotes(): Promise<void> {
  await tallyVotes(testDb(), VOTING_DAY);
  forgetVotingContexts();
}

/**
 * The counting invariant once the tally has run, read whole (tests only): every standing's `votes` equals its
 * counted, non-void ballots, and equals its shards' sum; every voter's day holds as many votes as its counted ballots; no
 * ballot is left uncounted; no voter exceeds the round's quota.
 */
export async function expectCountsMatchBallots(): Promise<void> {
  await countVotes();
  const [ballots, standings, shards, days, rounds] = await Promise.all([
    readAll<ContestBallotDoc>('contestBallots'),
    readAll<ContestStandingDoc>('contestStandings'),
    readAll<ContestVoteShardDoc>('contestVoteShards'),
    readAll<ContestVoterDayDoc>('contestVoterDays'),
    readAll<ContestRoundDoc>('contestRounds'),
  ]);
  expect(ballots.filter((ballot) => !ballot.counted).map((ballot) => ballot._id)).toEqual([]);
  const live = new Map<string, number>();
  const perDay = new Map<string, number>();
  for (const ballot of ballots) {
    if (!ballot.voided) live.set(standingId(ballot.roundId, ballot.entryId), (live.get(standingId(ballot.roundId, ballot.entryId)) ?? 0) + 1);
    const dayKey = `${ballot.roundId}:${ballot.voterId}:${ballot.day}`;
    perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
  }
  const shardSums = new Map<string, number>();
  for (const shard of shards) shardSums.set(shard.standingId, (shardSums.get(shard.standingId) ?? 0) + shard.votes);
  for (const standing of standings) {
    expect({ standing: standing._id, votes: standing.votes }).toEqual({ standing: standing._id, votes: live.get(standing._id) ?? 0 });
    expect({ standing: standing._id, shards: shardSums.get(standing._id) ?? 0 }).toEqual({ standing: standing._id, shards: live.get(standing._id) ?? 0 });
  }
  for (const day of days) expect({ day: day._id, votes: day.votes }).toEqual({ day: day._id, votes: perDay.get(day._id) ?? 0 });
  expect(days.length).toBe(perDay.size);
  const limits = new Map(rounds.map((round) => [round._id, round.voting]));
  for (const day of days) {
    const rules = limits.get(day.roundId);
    if (!rules) continue;
    if (rules.mode === 'total') expect(day.votes).toBeLessThanOrEqual(rules.perDay);
    else for (const count of Object.values(day.perEntry)) expect(count).toBeLessThanOrEqual(rules.perDay);
  }
}
