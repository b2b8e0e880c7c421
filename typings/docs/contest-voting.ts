/**
 * Documents of the public voting half of contests (大众投票), server side; dates are Date objects. The
 * entry's vote count in a round lives in `ContestStandingDoc.votes` (typings/docs/contest.ts), maintained
 * from the shards below.
 */

/**
 * Collection `contestBallots`, `_id` = a hash of (round, voter, Beijing day, entry, slot) in `per_entry` mode
 * or (round, voter, Beijing day, slot) in `total` mode, slot < the round's `perDay`: one vote (选票). The
 * database refuses a second ballot with the same id, so a voter can never hold more than the quota, whatever
 * the retries or parallel taps. A ballot counts once its counting transaction ran (`counted`).
 */
export interface ContestBallotDoc {
  _id: string;
  contestId: string;
  roundId: string;
  entryId: string;
  /** Copied for the admins' ballot list. */
  entryTitle: string;
  voterId: string;
  voterName: string;
  voterDepartmentId: string;
  voterDepartmentPath: string[];
  /** Beijing day of the vote, YYYY-MM-DD. */
  day: string;
  slot: number;
  /** The app's idempotency key: a retry of the same request finds this ballot. */
  requestId: string;
  castAt: Date;
  /** What WeChat gives cloud functions about the network (getWXContext CLIENTIP / CLIENTIPV6); no device id exists. */
  clientIp: string | null;
  clientIpv6: string | null;
  /** Added to its entry's vote shard (exactly once, by the counting transaction). */
  counted: boolean;
  voided: boolean;
  voidReason: string | null;
  voidedById: string | null;
  voidedByName: string | null;
  voidedAt: Date | null;
}

/**
 * Collection `contestVoteShards`, `_id` = `<roundId>:<entryId>:<shard>`: one shard of an entry's vote count
 * in a round. The counting transaction of a ballot increments the shard of the voter's hash, so a crowd
 * voting for one entry spreads over VOTE_SHARDS documents instead of conflicting on one. `seq` grows with
 * every change (vote or void) and orders the roll-ups into `ContestStandingDoc.votes`.
 */
export interface ContestVoteShardDoc {
  _id: string;
  /** `<roundId>:<entryId>`, the standing this shard adds up to. */
  standingId: string;
  roundId: string;
  entryId: string;
  shard: number;
  /** Counted votes minus voided ones. */
  votes: number;
  seq: number;
  /** Changed since the standing last rolled it up (voting/tally.ts); absent on shards written before. */
  dirty?: boolean;
  updatedAt: Date;
}

/**
 * Collection `contestVoterDays`, `_id` = `<roundId>:<voterId>:<day>`: one voter's counted votes in a round on
 * a Beijing day, maintained by the counting transaction. It answers the votes left today, and the abuse
 * report reads it (bursts, departments, networks) instead of scanning ballots.
 */
export interface ContestVoterDayDoc {
  _id: string;
  contestId: string;
  roundId: string;
  voterId: string;
  departmentId: string;
  day: string;
  /** Counted ballots that day (voided ones included: a voided ballot frees nothing of the quota). */
  votes: number;
  /** Counted ballots per entry id that day. */
  perEntry: Record<string, number>;
  /** When each counted ballot was cast, oldest first (the latest VOTER_DAY_TIMES_KEPT), for burst detection. */
  times: Date[];
  /** Distinct client IPs the votes came from (at most VOTER_DAY_NETWORKS_KEPT). */
  networks: string[];
  updatedAt: Date;
}

/** Collection `contestVoteVoids`, `_id` = `<adminId>:<requestId>`: the audit record of one voiding (作废记录). */
export interface ContestVoteVoidDoc {
  _id: string;
  ballotIds: string[];
  /** Ballots this voiding voided (the others were already void or not found). */
  voidedIds: string[];
  reason: string;
  byId: string;
  byName: string;
  at: Date;
}
