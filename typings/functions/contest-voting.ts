/**
 * Function `contest`, the public voting half (大众投票): ballots with quotas, counts, the vote leaderboard
 * and the abuse report. Spread into `contestContracts`.
 *
 * Rules come from the round (`ContestVotingRules`): `per_entry` lets a voter give `perDay` votes to each
 * entry per Beijing day (default 1), `total` gives `perDay` votes per Beijing day over all entries of the
 * round; `ownEntryAllowed` says whether members of an entry may vote for it. Voters must be eligible members
 * of the contest. A vote is counted exactly once whatever the retries (same `requestId`), parallel taps or
 * instance races, and a voter never exceeds the quota: a voided vote frees nothing of it.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { clientId, day, id } from '../schema';
import { type Page, pageInputShape } from './paging';
import type { VotingMode } from '../domain';

/** Entries the app may ask about at once (one page of the entry list). */
export const MAX_VOTES_LEFT_ENTRIES = 50;
/** Ballots one void call may void. */
export const MAX_VOID_BALLOTS = 100;

/** What the caller may still give today (Beijing day) in a round. */
export interface VotesLeftView {
  roundId: string;
  /** The Beijing day the quota counts, YYYY-MM-DD. */
  day: string;
  /** Whether today is inside the round's voting window (false: every `left` is 0). */
  votingOpen: boolean;
  mode: VotingMode;
  perDay: number;
  /** Votes the caller cast today in the round, over all entries (voided ones included). */
  usedToday: number;
  /** `total`: votes left today over all entries; `per_entry`: null (each entry has its own quota). */
  totalLeft: number | null;
  /** Per entry asked: votes left today for it (0 for one's own entry when that is not allowed, or for an entry not in the round). */
  entries: { entryId: string; left: number; votedToday: number }[];
}

/** The answer to a vote: counted once; a retry of the same request answers the same ballot. */
export interface VoteResult {
  ballotId: string;
  entryId: string;
  roundId: string;
  day: string;
  /** False when this request had already been counted (a retry): nothing changed. */
  firstTime: boolean;
  /**
   * The entry's count with this vote in it: the maintained count as the instance last read it (votes are
   * counted by the contest function's timer within seconds, server/contest/voting/tally.ts), plus this vote.
   */
  votes: number;
  /** Votes left today for this entry, and over all entries (`total` mode; null for `per_entry`). */
  entryLeft: number;
  totalLeft: number | null;
}

/** A row of the vote leaderboard (人气榜); ranks follow the order (ties broken by entry id). */
export interface VoteRankRow {
  rank: number;
  entryId: string;
  title: string;
  ownerName: string;
  teamName: string | null;
  votes: number;
  /** The owner's learner level (学员等级), or null below the first rung. */
  ownerLevel: string | null;
}

/** A voter who cast many votes within a short time on one day (投票异常: 突击投票). */
export interface BurstVoterRow {
  memberId: string;
  name: string;
  departmentPath: string[];
  day: string;
  /** Votes that day in the round. */
  votes: number;
  /** Most votes within any `burstMinutes` of that day. */
  maxInWindow: number;
  /** When the member bound their WeChat identity (ISO 8601), or null if unknown. */
  boundAt: string | null;
  /** Bound within `recentBindDays` before that day. */
  boundRecently: boolean;
}

/** A department whose voting on a day jumped against its previous days or its headcount (部门投票激增). */
export interface DepartmentJumpRow {
  departmentId: string;
  departmentPath: string[];
  day: string;
  votes: number;
  voters: number;
  /** Active members of the department (itself, not its subtree). */
  headcount: number;
  /** Average votes per day on its earlier voting days of the round, or null on its first day. */
  previousAverage: number | null;
  /** votes / previousAverage, or votes per head / the round's votes per head that day on a first day. */
  ratio: number;
}

/** Several voters on one network address (同一网络), from the client IP WeChat gives cloud functions. */
export interface SharedNetworkRow {
  network: string;
  voters: number;
  votes: number;
  /** Up to 20 of the voters. */
  memberIds: string[];
}

/** 投票异常报告 of a round (admins), computed from the maintained per-voter-day counters. */
export interface VoteAbuseReport {
  roundId: string;
  /** ISO 8601. */
  generatedAt: string;
  /** Most suspicious first; at most 100 each. */
  bursts: BurstVoterRow[];
  departmentJumps: DepartmentJumpRow[];
  sharedNetworks: SharedNetworkRow[];
  /** What the platform gives about devices and networks (cloud functions see no device id), in Chinese. */
  devicesNote: string;
}

/** One ballot (选票) as admins see it. */
export interface BallotView {
  id: string;
  roundId: string;
  entryId: string;
  entryTitle: string;
  voterId: string;
  voterName: string;
  voterDepartmentPath: string[];
  day: string;
  /** ISO 8601. */
  castAt: string;
  clientIp: string | null;
  voided: boolean;
  voidReason: string | null;
  voidedByName: string | null;
  /** ISO 8601 or null. */
  voidedAt: string | null;
}

export interface VoidVotesResult {
  /** Ballots this call voided (their entries lost one vote each). */
  voided: number;
  /** Ballots that were already void: nothing changed for them. */
  alreadyVoided: number;
  /** Ids that name no ballot of a contest the admin manages. */
  notFound: string[];
}

/** Text lengths of the voting admin forms; the app's forms read them (miniprogram/utils/limits.ts). */
export const VOTING_LIMITS = { voidReason: 200 } as const;

export const contestVotingContracts = {
  /**
   * 投票 for an entry in its current round: the caller must be an eligible member, today (Beijing day) inside
   * the round's voting window, within the quota, and not a member of the entry unless the round allows it.
   * The same `requestId` answers the same ballot; other taps over the quota answer VOTE_LIMIT.
   */
  vote: contract<VoteResult>()(z.strictObject({ entryId: id, requestId: clientId })),
  /** 今日剩余票数 of the caller in a round, for entries shown on the list or the detail page. */
  votesLeft: contract<VotesLeftView>()(z.strictObject({ roundId: id, entryIds: z._default(z.array(id).check(z.maxLength(MAX_VOTES_LEFT_ENTRIES)), []) })),
  /** 人气榜: the round's entries by maintained vote count, most first. */
  voteLeaderboard: contract<Page<VoteRankRow>>()(z.strictObject({ ...pageInputShape, roundId: id })),
  /**
   * 投票异常报告 (admins): burst voters (at least `burstVotes` within `burstMinutes`; those bound within
   * `recentBindDays` first), departments whose votes on a day reach `jumpFactor` times their previous days'
   * average (or times the round's votes per head on their first day), and networks shared by at least
   * `sharedNetworkVoters` voters. Scoped admins see voters of their subtree only.
   */
  voteAbuseReport: contract<VoteAbuseReport>()(
    z.strictObject({
      roundId: id,
      burstVotes: z._default(z.int().check(z.gte(2), z.lte(1000)), 10),
      burstMinutes: z._default(z.int().check(z.gte(1), z.lte(60)), 5),
      recentBindDays: z._default(z.int().check(z.gte(1), z.lte(365)), 7),
      jumpFactor: z._default(z.number().check(z.gte(1.5), z.lte(100)), 3),
      minDepartmentVotes: z._default(z.int().check(z.gte(1), z.lte(100_000)), 10),
      sharedNetworkVoters: z._default(z.int().check(z.gte(2), z.lte(10_000)), 5),
    }),
  ),
  /** 选票明细 (admins): a round's ballots of one voter, one entry or one network, newest first. */
  voteBallots: contract<Page<BallotView>>()(
    z.strictObject({
      ...pageInputShape,
      roundId: id,
      voterId: z.optional(id),
      entryId: z.optional(id),
      network: z.optional(z.string().check(z.minLength(2), z.maxLength(64))),
      day: z.optional(day),
    }),
  ),
  /**
   * 作废选票 (admins) with a reason: each ballot is voided once (its entry loses one vote, exactly once) and
   * keeps its place in the voter's quota; an audit record keeps who, when, why and which. The same
   * `requestId` answers the same again.
   */
  voidVotes: contract<VoidVotesResult>()(
    z.strictObject({
      ballotIds: z.array(id).check(z.minLength(1), z.maxLength(MAX_VOID_BALLOTS)),
      reason: z.string().check(z.trim(), z.minLength(2), z.maxLength(VOTING_LIMITS.voidReason)),
      requestId: clientId,
    }),
  ),
};
