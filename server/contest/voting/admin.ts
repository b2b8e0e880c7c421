/** Admins: a round's ballots, and voiding ballots with a reason (作废选票), exactly once and with a trace. */
import type { ContestBallotDoc, ContestDoc, ContestVoteVoidDoc, MemberDoc } from '../../../typings/domain';
import type { BallotView, VoidVotesResult } from '../../../typings/functions/contest-voting';
import type { Page, PageInput } from '../../../typings/functions/paging';
import { AppError, COLLECTIONS, findById, findPage, pageOf } from '../../core';
import type { Database, SortKey } from '../../core';
import { isoDate } from '../../core/published';
import { administers, loadContest, loadRound } from '../access';
import { voidAuditId } from './ids';
import { docsOf } from '../../core/db';
import { rollUpVotes, voidBallot } from './tally';

/** The round, if the admin administers its contest (else NOT_FOUND: another scope's contest is not revealed). */
export async function loadAdministeredRound(db: Database, admin: MemberDoc, roundId: string): Promise<Awaited<ReturnType<typeof loadRound>>> {
  const found = await loadRound(db, roundId);
  if (!administers(found.contest, admin)) throw new AppError('NOT_FOUND', '比赛轮次不存在');
  return found;
}

function ballotView(ballot: ContestBallotDoc): BallotView {
  return {
    id: ballot._id,
    roundId: ballot.roundId,
    entryId: ballot.entryId,
    entryTitle: ballot.entryTitle,
    voterId: ballot.voterId,
    voterName: ballot.voterName,
    voterDepartmentPath: ballot.voterDepartmentPath,
    day: ballot.day,
    castAt: isoDate(ballot.castAt) as string,
    clientIp: ballot.clientIp ?? ballot.clientIpv6,
    voided: ballot.voided,
    voidReason: ballot.voidReason,
    voidedByName: ballot.voidedByName,
    voidedAt: isoDate(ballot.voidedAt),
  };
}

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'castAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export interface BallotFilter {
  voterId?: string;
  entryId?: string;
  network?: string;
  day?: string;
}

/** Ballots of a round, newest first, narrowed by voter, entry, network (IPv4 or IPv6) or day. */
export async function listBallots(db: Database, admin: MemberDoc, roundId: string, filter: BallotFilter, input: PageInput): Promise<Page<BallotView>> {
  await loadAdministeredRound(db, admin, roundId);
  const where: Record<string, unknown> = { roundId };
  if (filter.voterId !== undefined) where.voterId = filter.voterId;
  if (filter.entryId !== undefined) where.entryId = filter.entryId;
  if (filter.day !== undefined) where.day = filter.day;
  const query =
    filter.network === undefined ? where : filter.network.includes(':') ? { ...where, clientIpv6: filter.network } : { ...where, clientIp: filter.network };
  const found = await findPage<ContestBallotDoc>(db, COLLECTIONS.contestBallots, query, NEWEST_FIRST, input);
  return pageOf(found, input, ballotView);
}

function resultOf(audit: Pick<ContestVoteVoidDoc, 'ballotIds' | 'voidedIds'>, notFound: readonly string[]): VoidVotesResult {
  return { voided: audit.voidedIds.length, alreadyVoided: audit.ballotIds.length - audit.voidedIds.length - notFound.length, notFound: [...notFound] };
}

/**
 * Voids ballots of contests the admin administers. Each ballot is voided by its own transaction, once (its
 * `voided` flag is re-read there), which takes a counted vote back from the entry's shard; the standings are
 * then rolled up and one audit record keeps who, when, why and which. The same request id answers its
 * audit record again without touching anything. A request that voids nothing writes nothing.
 */
export async function voidVotes(
  db: Database,
  admin: MemberDoc,
  input: { ballotIds: string[]; reason: string; requestId: string },
  now: Date,
): Promise<VoidVotesResult> {
  const auditId = voidAuditId(admin._id, input.requestId);
  const ids = [...new Set(input.ballotIds)];
  const ballots = await docsOf<ContestBallotDoc>(
    db
      .collection(COLLECTIONS.contestBallots)
      .where({ _id: db.command.in(ids) })
      .limit(ids.length),
  );
  const contests = new Map<string, ContestDoc>();
  for (const contestId of new Set(ballots.map((ballot) => ballot.contestId))) contests.set(contestId, await loadContest(db, contestId));
  const mine = ballots.filter((ballot) => administers(contests.get(ballot.contestId) as ContestDoc, admin));
  const notFound = ids.filter((id) => !mine.some((ballot) => ballot._id === id));
  const earlier = await findById<ContestVoteVoidDoc>(db, COLLECTIONS.contestVoteVoids, auditId);
  if (earlier)
    return resultOf(
      earlier,
      notFound.filter((id) => earlier.ballotIds.includes(id)),
    );
  const voidedIds: string[] = [];
  const touched = new Map<string, { roundId: string; entryId: string }>();
  for (const ballot of mine) {
    const voided = await voidBallot(db, ballot._id, input.reason, { id: admin._id, name: admin.name }, now);
    if (!voided) continue;
    voidedIds.push(voided._id);
    touched.set(`${voided.roundId}:${voided.entryId}`, { roundId: voided.roundId, entryId: voided.entryId });
  }
  for (const { roundId, entryId } of touched.values()) await rollUpVotes(db, roundId, entryId);
  const audit: Omit<ContestVoteVoidDoc, '_id'> = { ballotIds: ids, voidedIds, reason: input.reason, byId: admin._id, byName: admin.name, at: now };
  // A request that voided nothing (ballots unknown, outside the admin's contests or voided before) changes
  // nothing, so it writes nothing either; repeating it answers the same.
  if (voidedIds.length > 0) await db.collection(COLLECTIONS.contestVoteVoids).doc(auditId).set({ data: audit });
  return resultOf(audit, notFound);
}
