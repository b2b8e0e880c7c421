/**
 * 投票: a vote is one ballot written under the id of the quota slot it fills, and nothing else on the way.
 *
 * Database operations of a vote (besides the caller check): one query for the voter's slots (the ballots
 * already in them) and one `add` of the ballot; what the instance caches for 2 s (context.ts: the entry, its
 * count, the round, the contest) costs four reads when it is cold. A vote over the quota costs the query
 * alone. Counting the ballot into its entry, the voter's day and the share that brought the voter is derived
 * afterwards by the tally (tally.ts, run by the contest function's timer), exactly once and idempotently, so
 * a call killed between any two operations leaves a ballot the next tally counts. Bounded by
 * test/server/contest/voting/operations.test.ts, measured by bench/contest-voting.ts.
 */
import type { ContestBallotDoc, ContestVoterDayDoc, MemberDoc } from '../../../typings/domain';
import type { VoteResult } from '../../../typings/functions/contest-voting';
import { AppError, COLLECTIONS, ownValue } from '../../core';
import type { Database } from '../../core';
import { docsOf } from '../../core/db';
import { loadVoteContext } from './context';
import { ballotId } from './ids';

/** The network a call came from, as getWXContext gives it (CLIENTIP / CLIENTIPV6), when it does. */
export interface VoterNetwork {
  clientIp: string | null;
  clientIpv6: string | null;
}

export interface VoteRequest {
  entryId: string;
  requestId: string;
}

/** Votes left today from a voter's day, for one entry and over all entries. */
export function leftFrom(
  mode: 'per_entry' | 'total',
  perDay: number,
  day: Pick<ContestVoterDayDoc, 'votes' | 'perEntry'> | null,
  entryId: string,
): { entryLeft: number; totalLeft: number | null } {
  if (mode === 'per_entry') return { entryLeft: Math.max(0, perDay - (ownValue(day?.perEntry, entryId) ?? 0)), totalLeft: null };
  const totalLeft = Math.max(0, perDay - (day?.votes ?? 0));
  return { entryLeft: totalLeft, totalLeft };
}

/** Votes left once slots 0..`slot` are taken: slots fill in order and a ballot never leaves its slot. */
function leftAfter(mode: 'per_entry' | 'total', perDay: number, slot: number): { entryLeft: number; totalLeft: number | null } {
  const left = Math.max(0, perDay - slot - 1);
  return { entryLeft: left, totalLeft: mode === 'total' ? left : null };
}

/** Inserts the ballot; answers the failure (a taken slot, or another fault the caller tells apart). */
async function place(db: Database, ballot: ContestBallotDoc): Promise<unknown> {
  try {
    await db.collection(COLLECTIONS.contestBallots).add({ data: { ...ballot } });
    return null;
  } catch (err) {
    return err ?? new Error('add failed');
  }
}

/**
 * Casts `voter`'s vote for an entry. One query reads the voter's slots for the entry (or for the day in
 * `total` mode); a ballot of this request answers the retry; otherwise the first free slot takes the ballot.
 * Two calls racing for one slot meet at its `_id`: the loser reads the slots again, so the request holds at
 * most one ballot and the quota is never exceeded. Every slot taken by other requests answers VOTE_LIMIT.
 */
export async function castVote(db: Database, voter: MemberDoc, request: VoteRequest, network: VoterNetwork, now: Date): Promise<VoteResult> {
  const { contest, round, rules, entry, votes, day } = await loadVoteContext(db, request.entryId, voter, now);
  const ids = Array.from({ length: rules.perDay }, (_, slot) => ballotId(rules.mode, round._id, voter._id, day, entry._id, slot));
  // `votes` is the entry's count as the instance last read it, with this vote in it until the tally has it.
  const answer = (ballot: ContestBallotDoc, firstTime: boolean): VoteResult => ({
    ballotId: ballot._id,
    entryId: ballot.entryId,
    roundId: ballot.roundId,
    day,
    firstTime,
    votes: votes + (ballot.counted ? 0 : 1),
    ...leftAfter(rules.mode, rules.perDay, ballot.slot),
  });
  // A failed insert reads the slots again: each lost race means another request took a slot, so this ends;
  // a failure that left its slot free is not a lost race and is thrown.
  let failed: { slot: number; err: unknown } | null = null;
  for (;;) {
    const taken = await docsOf<ContestBallotDoc>(
      db
        .collection(COLLECTIONS.contestBallots)
        .where({ _id: db.command.in(ids) })
        .limit(ids.length),
    );
    const own = taken.find((ballot) => ballot.requestId === request.requestId);
    if (own) return answer(own, false);
    const slot = ids.findIndex((id) => !taken.some((ballot) => ballot._id === id));
    if (slot < 0) break;
    if (failed && failed.slot === slot) throw failed.err;
    const ballot: ContestBallotDoc = {
      _id: ids[slot] as string,
      contestId: contest._id,
      roundId: round._id,
      entryId: entry._id,
      entryTitle: entry.title,
      voterId: voter._id,
      voterName: voter.name,
      voterDepartmentId: voter.departmentId,
      voterDepartmentPath: voter.departmentPath,
      day,
      slot,
      requestId: request.requestId,
      castAt: now,
      clientIp: network.clientIp,
      clientIpv6: network.clientIpv6,
      counted: false,
      voided: false,
      voidReason: null,
      voidedById: null,
      voidedByName: null,
      voidedAt: null,
    };
    const err = await place(db, ballot);
    if (err === null) return answer(ballot, true);
    failed = { slot, err };
  }
  throw new AppError('VOTE_LIMIT', rules.mode === 'per_entry' ? '今天已为该作品投过票，明天再来吧' : `今天的 ${rules.perDay} 票已用完，明天再来吧`);
}
