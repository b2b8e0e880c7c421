/** 投票: placing a ballot in the first free quota slot, counting it once, rolling the entry's count up. */
import type { ContestBallotDoc, ContestVoterDayDoc, MemberDoc } from '../../../typings/domain';
import type { VoteResult } from '../../../typings/functions/contest-voting';
import { AppError, COLLECTIONS, findById, ownValue } from '../../core';
import type { Database } from '../../core';
import { recordConversion } from '../../share/conversions';
import { loadVoteContext } from './context';
import { ballotId } from './ids';
import { countBallot, rollUpVotes } from './tally';

/** The network a call came from, as getWXContext gives it (CLIENTIP / CLIENTIPV6), when it does. */
export interface VoterNetwork {
  clientIp: string | null;
  clientIpv6: string | null;
}

/** Past the contest function's timeout, an uncounted ballot's own call is over. */
const STALE_UNCOUNTED_MS = 30_000;

export interface VoteRequest {
  entryId: string;
  requestId: string;
}

/** Votes left today from a voter's day, for one entry and over all entries. */
export function leftFrom(mode: 'per_entry' | 'total', perDay: number, day: Pick<ContestVoterDayDoc, 'votes' | 'perEntry'> | null, entryId: string): { entryLeft: number; totalLeft: number | null } {
  if (mode === 'per_entry') return { entryLeft: Math.max(0, perDay - (ownValue(day?.perEntry, entryId) ?? 0)), totalLeft: null };
  const totalLeft = Math.max(0, perDay - (day?.votes ?? 0));
  return { entryLeft: totalLeft, totalLeft };
}

/**
 * Inserts the ballot unless its slot is taken; answers the ballot in the slot (this one, or the one already
 * there). A failed insert is told apart from other failures by reading the slot.
 */
async function place(db: Database, ballot: ContestBallotDoc): Promise<{ ballot: ContestBallotDoc; placed: boolean }> {
  try {
    await db.collection(COLLECTIONS.contestBallots).add({ data: { ...ballot } });
    return { ballot, placed: true };
  } catch (err) {
    const existing = await findById<ContestBallotDoc>(db, COLLECTIONS.contestBallots, ballot._id);
    if (!existing) throw err;
    return { ballot: existing, placed: false };
  }
}

/**
 * Casts `voter`'s vote for an entry. Slots are tried in order, so two calls with the same request id always
 * meet at the same slot: the request holds at most one ballot, and a retry answers it (counting it if the
 * first call stopped before that). Every slot taken by other requests answers VOTE_LIMIT.
 */
export async function castVote(db: Database, voter: MemberDoc, request: VoteRequest, network: VoterNetwork, now: Date): Promise<VoteResult> {
  const { contest, round, rules, entry, day } = await loadVoteContext(db, request.entryId, voter, now);
  for (let slot = 0; slot < rules.perDay; slot += 1) {
    const fresh: ContestBallotDoc = {
      _id: ballotId(rules.mode, round._id, voter._id, day, entry._id, slot),
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
    const { ballot, placed } = await place(db, fresh);
    if (ballot.requestId !== request.requestId) {
      // A ballot whose own call died before counting it (a crashed or timed-out instance) is counted by
      // the next call that finds it; counting is exactly once whoever runs it.
      if (!ballot.counted && now.getTime() - new Date(ballot.castAt).getTime() > STALE_UNCOUNTED_MS) {
        await countBallot(db, ballot._id, now);
        await rollUpVotes(db, ballot.roundId, ballot.entryId);
      }
      continue;
    }
    const { voterDay } = await countBallot(db, ballot._id, now);
    const votes = await rollUpVotes(db, ballot.roundId, ballot.entryId);
    // The share that brought the voter here (if any) converts; it never throws and counts once.
    if (placed) await recordConversion(db, { memberId: voter._id, targetKind: 'contestEntry', targetId: ballot.entryId, at: now });
    return { ballotId: ballot._id, entryId: ballot.entryId, roundId: ballot.roundId, day, firstTime: placed, votes, ...leftFrom(rules.mode, rules.perDay, voterDay, entry._id) };
  }
  throw new AppError('VOTE_LIMIT', rules.mode === 'per_entry' ? '今天已为该作品投过票，明天再来吧' : `今天的 ${rules.perDay} 票已用完，明天再来吧`);
}
