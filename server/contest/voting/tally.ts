/**
 * Counting votes exactly once, after the vote and without a hot document.
 *
 * A vote only places its ballot (cast.ts: its deterministic id is the quota gate). The tally counts placed
 * ballots afterwards: the contest function's timer runs `tallyVotes` every few seconds, and publishing a
 * round's results runs it for the round first. Counting a ballot is one transaction that marks it counted,
 * adds one to the shard of the voter's hash and updates the voter's day. Because the transaction re-reads
 * `counted`, a ballot counted by two overlapping tallies, or by a tally replayed after a crash between
 * placing and counting, is added exactly once. No counting transaction touches the standing, the one
 * document every vote of an entry adds up to. The share that brought the voter converts before the ballot
 * is counted (a conversion counts once whoever repeats it), so a tally killed in between loses nothing.
 *
 * A batch's conversions are looked up with one query per 100 ballots, and a voter's ballots of one day are
 * counted by one transaction (one read of the voter's day and of each shard they touch). Overlapping timer
 * runs do not take the same batches (server/core/backlog.ts).
 *
 * The standing's `votes` (what lists and the leaderboard sort on) is then rolled up from the shards by a
 * plain conditional update that writes only when the shards' summed change counter (`seq`) is higher than
 * the one it last wrote. Shards only grow in `seq`, so the roll-up that reads after the last change writes
 * the exact count and no earlier, staler roll-up can overwrite it afterwards. A shard changed since its last
 * roll-up is marked `dirty` by the same write; the roll-up clears the mark only on shards still at the `seq`
 * it read, so a roll-up lost with a crashed tally is redone by the next one.
 */
import type { ContestBallotDoc, ContestStandingDoc, ContestVoteShardDoc, ContestVoterDayDoc } from '../../../typings/domain';
import { COLLECTIONS, recordAudit, txGet } from '../../core';
import type { Database, Tx } from '../../core';
import { standingId } from '../ids';
import { transactWithBackoff } from './contention';
import { shardOf, voteShardId, voterDayId } from './ids';
import { docsOf } from '../../core/db';
import { drainBacklog } from '../../core/backlog';
import chunk from 'lodash/chunk';
import { inParallel } from '../../core/parallel';
import { recordConversions } from '../../share';

/** Cast times kept per voter and day for burst detection, and networks kept (bounds the document). */
export const VOTER_DAY_TIMES_KEPT = 300;
export const VOTER_DAY_NETWORKS_KEPT = 5;

/** Adds `delta` to the ballot's shard (creating it), inside `tx`. */
async function moveShard(tx: Tx, ballot: ContestBallotDoc, delta: number, at: Date): Promise<void> {
  const standing = standingId(ballot.roundId, ballot.entryId);
  const shard = shardOf(ballot.voterId);
  const id = voteShardId(standing, shard);
  const current = await txGet<ContestVoteShardDoc>(tx, COLLECTIONS.contestVoteShards, id);
  const next: Omit<ContestVoteShardDoc, '_id'> = {
    standingId: standing,
    roundId: ballot.roundId,
    entryId: ballot.entryId,
    shard,
    votes: (current?.votes ?? 0) + delta,
    seq: (current?.seq ?? 0) + 1,
    dirty: true,
    updatedAt: at,
  };
  await tx.collection(COLLECTIONS.contestVoteShards).doc(id).set({ data: next });
}

type VoterDay = Omit<ContestVoterDayDoc, '_id'>;

function nextVoterDay(current: VoterDay | null, ballot: ContestBallotDoc, at: Date): VoterDay {
  const times = [...(current?.times ?? []), ballot.castAt].map((time) => new Date(time)).sort((a, b) => a.getTime() - b.getTime());
  const networks = current?.networks ?? [];
  const network = ballot.clientIp ?? ballot.clientIpv6;
  return {
    contestId: ballot.contestId,
    roundId: ballot.roundId,
    voterId: ballot.voterId,
    departmentId: ballot.voterDepartmentId,
    day: ballot.day,
    votes: (current?.votes ?? 0) + 1,
    perEntry: { ...(current?.perEntry ?? {}), [ballot.entryId]: (current?.perEntry[ballot.entryId] ?? 0) + 1 },
    times: times.slice(-VOTER_DAY_TIMES_KEPT),
    networks: network && !networks.includes(network) && networks.length < VOTER_DAY_NETWORKS_KEPT ? [...networks, network] : networks,
    updatedAt: at,
  };
}

export interface CountOutcome {
  /** Ballots this call counted (0: they already were). */
  counted: number;
  /** The voter's day after the count, or as it stands when the ballots already were counted. */
  voterDay: VoterDay | null;
}

/**
 * Counts placed ballots of one voter and day once, in one transaction: their shards (unless voided before
 * they were counted; each touched shard read and written once) and the voter's day (always: a voided ballot
 * keeps its place in the quota). The ballots are re-read inside, so overlapping tallies count each once.
 */
export function countBallots(db: Database, ballotIds: readonly string[], at: Date): Promise<CountOutcome> {
  return transactWithBackoff(db, async (tx) => {
    const ballots: ContestBallotDoc[] = [];
    for (const id of ballotIds) {
      const ballot = await txGet<ContestBallotDoc>(tx, COLLECTIONS.contestBallots, id);
      if (!ballot) throw new Error(`ballot ${id} vanished before it was counted`);
      ballots.push(ballot);
    }
    const days = new Set(ballots.map((ballot) => voterDayId(ballot.roundId, ballot.voterId, ballot.day)));
    const [dayId] = days;
    if (days.size !== 1 || dayId === undefined) throw new Error(`ballots ${ballotIds.join(', ')} are not of one voter and day`);
    const day = await txGet<ContestVoterDayDoc>(tx, COLLECTIONS.contestVoterDays, dayId);
    const [first, ...others] = ballots.filter((ballot) => !ballot.counted);
    if (first === undefined) return { counted: 0, voterDay: day };
    const fresh = [first, ...others];
    const shards = new Map<string, { ballot: ContestBallotDoc; delta: number }>();
    for (const ballot of fresh) {
      await tx
        .collection(COLLECTIONS.contestBallots)
        .doc(ballot._id)
        .update({ data: { counted: true } });
      if (!ballot.voided) {
        const id = voteShardId(standingId(ballot.roundId, ballot.entryId), shardOf(ballot.voterId));
        shards.set(id, { ballot, delta: (shards.get(id)?.delta ?? 0) + 1 });
      }
    }
    for (const { ballot, delta } of shards.values()) await moveShard(tx, ballot, delta, at);
    const next = others.reduce((current, ballot) => nextVoterDay(current, ballot, at), nextVoterDay(day, first, at));
    await tx.collection(COLLECTIONS.contestVoterDays).doc(dayId).set({ data: next });
    return { counted: fresh.length, voterDay: next };
  });
}

/** Counts one placed ballot once (see `countBallots`). */
export function countBallot(db: Database, ballotId: string, at: Date): Promise<CountOutcome> {
  return countBallots(db, [ballotId], at);
}

/** Voids a ballot once; a counted ballot takes its vote back from its shard. Answers the ballot this call voided, or null. */
export function voidBallot(db: Database, ballotId: string, reason: string, by: { id: string; name: string }, at: Date): Promise<ContestBallotDoc | null> {
  return transactWithBackoff(db, async (tx) => {
    const ballot = await txGet<ContestBallotDoc>(tx, COLLECTIONS.contestBallots, ballotId);
    if (!ballot || ballot.voided) return null;
    const voided = { voided: true, voidReason: reason, voidedById: by.id, voidedByName: by.name, voidedAt: at };
    await tx.collection(COLLECTIONS.contestBallots).doc(ballotId).update({ data: voided });
    if (ballot.counted) await moveShard(tx, ballot, -1, at);
    // The admin audit log, by the same transaction: a ballot is voided once, so its record has a fixed id.
    await recordAudit(tx, {
      id: `void:${ballotId}`,
      actor: by,
      action: 'vote_void',
      target: { kind: 'ballot', id: ballotId, name: ballot.entryTitle },
      before: { voided: false, counted: ballot.counted },
      after: {
        voided: true,
        reason,
        roundId: ballot.roundId,
        entryId: ballot.entryId,
        entryTitle: ballot.entryTitle,
        voterId: ballot.voterId,
        voterName: ballot.voterName,
      },
      at,
    });
    return { ...ballot, ...voided };
  });
}

/**
 * Rolls the entry's shards up into its standing (see the top of this file) and answers the summed count.
 * A standing that does not exist (the entry never entered the round) is left alone.
 */
export async function rollUpVotes(db: Database, roundId: string, entryId: string): Promise<number> {
  const id = standingId(roundId, entryId);
  const data = await docsOf<ContestVoteShardDoc>(db.collection(COLLECTIONS.contestVoteShards).where({ standingId: id }).limit(1000));
  const votes = data.reduce((sum, shard) => sum + shard.votes, 0);
  const seq = data.reduce((sum, shard) => sum + shard.seq, 0);
  const _ = db.command;
  const older = _.and([{ _id: id }, _.or([{ voteSeq: _.lt(seq) }, { voteSeq: _.exists(false) }])]) as unknown as Record<string, unknown>;
  const update: Pick<ContestStandingDoc, 'votes' | 'voteSeq'> = { votes, voteSeq: seq };
  await db.collection(COLLECTIONS.contestStandings).where(older).update({ data: update });
  // After the standing holds them: a shard changed since it was read stays dirty for the next roll-up.
  const rolled = data.filter((shard) => shard.dirty);
  if (rolled.length)
    await db
      .collection(COLLECTIONS.contestVoteShards)
      .where(_.or(rolled.map((shard) => ({ _id: shard._id, seq: shard.seq }))))
      .update({ data: { dirty: false } });
  return votes;
}

/** Ballots counted per query of the tally, counting transactions in flight, and ballots per transaction. Chosen. */
const TALLY_BATCH = 200;
const TALLY_IN_FLIGHT = 8;
const BALLOTS_PER_COUNT = 20;

export interface TallyOptions {
  /** Only this round's ballots (publishing results); every round when absent (the timer). */
  roundId?: string;
  /** Stop starting new batches after this many milliseconds (the timer's budget within its timeout). */
  budgetMs?: number;
}

export interface TallyOutcome {
  /** Ballots this call counted. */
  counted: number;
  /** Standings rolled up. */
  rolledUp: number;
  /** Whether ballots or rolls were left for the next run (the budget ran out). */
  more: boolean;
}

/**
 * Counts placed ballots not counted yet, converts the shares that brought their voters, then rolls up every
 * entry with a dirty shard. Idempotent, and safe to run in several instances at once.
 */
export async function tallyVotes(db: Database, now: Date, options: TallyOptions = {}): Promise<TallyOutcome> {
  const started = Date.now();
  const within = (): boolean => options.budgetMs === undefined || Date.now() - started < options.budgetMs;
  const scope = options.roundId === undefined ? {} : { roundId: options.roundId };
  let counted = 0;
  let rolledUp = 0;
  const countBatch = async (batch: readonly ContestBallotDoc[]): Promise<void> => {
    await recordConversions(
      db,
      batch.map((ballot) => ({ memberId: ballot.voterId, targetKind: 'contestEntry' as const, targetId: ballot.entryId, at: new Date(ballot.castAt) })),
    );
    // By hand, not lodash's groupBy: its iteratee modules would bring the contest bundle near its budget (BENCHMARKS.md, Function bundles).
    const groups = new Map<string, string[]>();
    for (const ballot of batch) {
      const key = voterDayId(ballot.roundId, ballot.voterId, ballot.day);
      const ids = groups.get(key);
      if (ids) ids.push(ballot._id);
      else groups.set(key, [ballot._id]);
    }
    const work = [...groups.values()].flatMap((ids) => chunk(ids, BALLOTS_PER_COUNT));
    const outcomes = await inParallel(work, TALLY_IN_FLIGHT, (ids) => countBallots(db, ids, now));
    counted += outcomes.reduce((sum, outcome) => sum + outcome.counted, 0);
  };
  const more = await drainBacklog<ContestBallotDoc>(db, COLLECTIONS.contestBallots, { ...scope, counted: false }, { batch: TALLY_BATCH, within }, countBatch);
  if (more) return { counted, rolledUp, more: true };
  for (;;) {
    if (!within()) return { counted, rolledUp, more: true };
    const dirty = await docsOf<ContestVoteShardDoc>(
      db
        .collection(COLLECTIONS.contestVoteShards)
        .where({ ...scope, dirty: true })
        .limit(1000),
    );
    const standings = [...new Map(dirty.map((shard) => [shard.standingId, shard])).values()];
    await inParallel(standings, TALLY_IN_FLIGHT, async (shard) => {
      await rollUpVotes(db, shard.roundId, shard.entryId);
      rolledUp += 1;
    });
    if (dirty.length < 1000) break;
  }
  return { counted, rolledUp, more: false };
}
