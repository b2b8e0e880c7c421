/**
 * Deterministic ids of the voting half. A ballot's id names the quota slot it fills, so the database's unique
 * `_id` is what keeps a voter within the quota: parallel taps, retries and instances race for the same ids.
 */
import { hashShard } from '../../core/shards';
import type { ContestVotingRules } from '../../../typings/domain';
import { hashId } from '../../core/ids';

/**
 * Shards per entry and round. 2,000 voters tapping one entry with a few hundred counting transactions in
 * flight put about ten on a shard; each conflict round lets one of them commit and the losers back off
 * (see contention.ts), so none runs out of retries (test/server/contest/voting/races.test.ts). Chosen.
 */
export const VOTE_SHARDS = 32;

/**
 * The ballot filling `slot` (0-based, below the round's `perDay`): per voter, Beijing day and entry in
 * `per_entry` mode, per voter and Beijing day over all entries in `total` mode.
 */
export function ballotId(mode: ContestVotingRules['mode'], roundId: string, voterId: string, day: string, entryId: string, slot: number): string {
  const scope = mode === 'per_entry' ? `entry:${entryId}` : 'total';
  return hashId('cb:', `${roundId}|${voterId}|${day}|${scope}|${slot}`);
}

export function shardOf(voterId: string): number {
  return hashShard(voterId, VOTE_SHARDS);
}

export const voteShardId = (standingId: string, shard: number): string => `${standingId}:${shard}`;

export const voterDayId = (roundId: string, voterId: string, day: string): string => `${roundId}:${voterId}:${day}`;

export const voidAuditId = (adminId: string, requestId: string): string => `${adminId}:${requestId}`;
