/** Contest documents for the voting tests and benchmark (no test runner needed). */
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, ContestStandingDoc, ContestVotingRules } from '../../../../typings/domain';
import { standingId } from '../../../../server/contest/ids';

/** 2026-03-10 10:00 in Beijing: the middle day of the default three-day window. */
export const VOTING_DAY = new Date('2026-03-10T02:00:00Z');

export const DEFAULT_RULES: ContestVotingRules = { startDay: '2026-03-09', endDay: '2026-03-11', mode: 'per_entry', perDay: 1, ownEntryAllowed: false };

export interface SeededContest {
  contest: ContestDoc;
  round: ContestRoundDoc;
  entries: ContestEntryDoc[];
}

export interface VotingContestOptions {
  rules?: Partial<ContestVotingRules> | null;
  entryCount?: number;
  owners?: string[][];
  eligibility?: ContestDoc['eligibility'];
  status?: ContestDoc['status'];
  resultsStatus?: ContestRoundDoc['resultsStatus'];
}

/**
 * The documents of a published contest whose one round takes votes under `rules`, with `entryCount` submitted
 * entries (each by the member ids `owners[i]` when given) and their standings, as the contest core stores them.
 */
export function votingContestDocs(key: string, options: VotingContestOptions = {}): SeededContest & { standings: ContestStandingDoc[] } {
  const at = new Date('2026-02-01T00:00:00Z');
  const contestId = `contest:vote-${key}`;
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
    const memberIds = options.owners?.[i] ?? [`m:author-${key}-${i}`];
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
      updatedAt: at,
    }),
  );
  return { contest, round, entries, standings };
}
