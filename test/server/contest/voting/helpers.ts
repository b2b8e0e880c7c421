/** Shared set-up of the voting tests: a contest in its voting window, entries with standings, voters, invariants. */
import type { ContestBallotDoc, ContestDoc, ContestEntryDoc, ContestRoundDoc, ContestStandingDoc, ContestVoteShardDoc, ContestVoterDayDoc, ContestVotingRules, MemberDoc } from '../../../../typings/domain';
import { castVote } from '../../../../server/contest/voting/cast';
import { standingId } from '../../../../server/contest/ids';
import { testDb } from '../../fixtures';

let sequence = 0;

/** 2026-03-10 10:00 in Beijing: the middle day of the default three-day window. */
export const VOTING_DAY = new Date('2026-03-10T02:00:00Z');

export const DEFAULT_RULES: ContestVotingRules = { startDay: '2026-03-09', endDay: '2026-03-11', mode: 'per_entry', perDay: 1, ownEntryAllowed: false };

export interface SeededContest {
  contest: ContestDoc;
  round: ContestRoundDoc;
  entries: ContestEntryDoc[];
}

export async function readAll<T>(collection: string, filter: Record<string, unknown> = {}): Promise<T[]> {
  const db = testDb();
  const docs: T[] = [];
  for (;;) {
    const { data } = (await db.collection(collection).where(filter).orderBy('_id', 'asc').skip(docs.length).limit(1000).get()) as unknown as { data: T[] };
    docs.push(...data);
    if (data.length < 1000) return docs;
  }
}

async function addAll(collection: string, docs: readonly object[]): Promise<void> {
  const db = testDb();
  for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add({ data: docs.slice(i, i + 100) });
}

/**
 * A published contest whose one round takes votes under `rules`, with `entryCount` submitted entries (each
 * by the member ids `owners[i]` when given) and their standings, written as the contest core stores them.
 */
export async function seedVotingContest(options: { rules?: Partial<ContestVotingRules> | null; entryCount?: number; owners?: string[][]; eligibility?: ContestDoc['eligibility']; status?: ContestDoc['status']; resultsStatus?: ContestRoundDoc['resultsStatus'] } = {}): Promise<SeededContest> {
  sequence += 1;
  const at = new Date('2026-02-01T00:00:00Z');
  const contestId = `contest:vote-${sequence}`;
  const roundId = `${contestId}:r1`;
  const contest: ContestDoc = {
    _id: contestId,
    title: '2026 微课大赛',
    theme: '把经验变成课',
    summary: '',
    rules: '',
    poster: null,
    eligibility: options.eligibility ?? { everyone: true, departmentIds: [], audiences: [] },
    topics: [],
    roundIds: [roundId],
    branchDepth: 2,
    awards: [],
    status: options.status ?? 'published',
    finished: false,
    scopeDepartmentId: null,
    createdByMemberId: 'm:admin',
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
  };
  const round: ContestRoundDoc = {
    _id: roundId,
    contestId,
    index: 0,
    name: '初赛',
    submissionStartDay: '2026-02-01',
    submissionEndDay: '2026-03-01',
    judgingStartDay: '2026-03-02',
    judgingEndDay: '2026-03-20',
    voting: options.rules === null ? null : { ...DEFAULT_RULES, ...(options.rules ?? {}) },
    formats: [],
    pitchVideoRequired: false,
    advancement: { kind: 'top', count: 3 },
    weights: { judges: 90, votes: 10 },
    bonuses: { series: 0, painPointTopic: 0 },
    rubric: [{ id: 'fit', name: '主题契合', weight: 1, min: 0, max: 10 }],
    judgesPerEntry: 3,
    judgeIds: [],
    entryCount: options.entryCount ?? 3,
    judgesAssignedAt: null,
    resultsStatus: options.resultsStatus ?? 'open',
    resultsPublishedAt: null,
    updatedAt: at,
  };
  const entries = Array.from({ length: options.entryCount ?? 3 }, (_, i): ContestEntryDoc => {
    const memberIds = options.owners?.[i] ?? [`m:author-${sequence}-${i}`];
    return {
      _id: `${contestId}:entry-${i}`,
      contestId,
      kind: memberIds.length > 1 ? 'team' : 'individual',
      teamName: memberIds.length > 1 ? `第${i + 1}队` : null,
      ownerId: memberIds[0] as string,
      ownerName: `作者${i}`,
      memberIds,
      departmentIds: ['dept:总部/信息技术部'],
      branchId: 'dept:总部',
      topicId: null,
      title: `作品${i}`,
      courseIds: [`course:${i}`],
      pitchVideo: null,
      submitted: true,
      roundIds: [roundId],
      currentRoundId: roundId,
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
    };
  });
  const standings = entries.map(
    (entry): ContestStandingDoc => ({
      _id: standingId(roundId, entry._id),
      contestId,
      roundId,
      entryId: entry._id,
      title: entry.title,
      ownerName: entry.ownerName,
      teamName: entry.teamName,
      branchId: entry.branchId,
      courseCount: entry.courseIds.length,
      topicId: null,
      votes: 0,
      result: null,
      updatedAt: at,
    }),
  );
  await addAll('contests', [contest]);
  await addAll('contestRounds', [round]);
  await addAll('contestEntries', entries);
  await addAll('contestStandings', standings);
  return { contest, round, entries };
}

/** A fresh request id per call, as the app makes one per tap. */
export function requestIdOf(label: string): string {
  sequence += 1;
  return `req-${label}-${sequence}`.replace(/[^A-Za-z0-9_-]/g, '-').padEnd(8, '0').slice(0, 64);
}

/** One vote through the domain function, as `voter` at `at`. */
export function voteAs(voter: MemberDoc, entryId: string, at: Date, requestId = requestIdOf(voter._id), network: { clientIp: string | null; clientIpv6: string | null } = { clientIp: null, clientIpv6: null }) {
  return castVote(testDb(), voter, { entryId, requestId }, network, at);
}

/**
 * The counting invariant, read whole (tests only): every standing's `votes` equals its counted, non-void
 * ballots, and equals its shards' sum; every voter's day holds as many votes as its counted ballots; no
 * ballot is left uncounted; no voter exceeds the round's quota.
 */
export async function expectCountsMatchBallots(): Promise<void> {
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
