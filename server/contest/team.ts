/**
 * Teams (组队): who may be invited, the invitation documents, and when a team may change.
 *
 * Teammates are invited, never entered by someone else. `contestInvitations/<entryId>:<memberId>` stays
 * pending until the invitee answers; only a confirmation puts the member into the entry's `memberIds` and
 * writes their `contestParticipants/<contestId>:<memberId>` (one entry per member and contest), in one
 * transaction that reads both. So a member invited by two teams joins at most one of them (the second
 * confirmation finds the participant document), and parallel confirmations on one entry serialise on the
 * entry document, which holds the team size (confirmed `memberIds` plus pending `invitedIds`). Once a
 * member is in an entry, their other pending invitations in the contest are declined for them.
 *
 * A teammate who cannot be invited gets one answer, TEAMMATE_UNAVAILABLE, whatever the reason: whether a
 * 工号 exists, whose it is, or whether its member already plays in the contest is never told to the person
 * typing it (they must already know the 工号 and the name to invite anyone). An accepted pair still confirms
 * itself, so each refusal counts against the member who typed it, and after TEAMMATE_RULE's failures in an
 * hour they wait (RATE_LIMITED), as binding does (server/core/throttle.ts).
 */
import type {
  ContestDoc,
  ContestEntryDoc,
  ContestInvitationDoc,
  ContestInvitationStatus,
  ContestParticipantDoc,
  ContestRoundDoc,
  MemberDoc,
} from '../../typings/domain';
import { MAX_TEAM_MEMBERS } from '../../typings/functions/contest';
import { AppError, COLLECTIONS, findById, runTransaction, txGet } from '../core';
import type { Database, Tx } from '../core';
import { txPut } from '../core/transaction';
import { assertNotThrottled, countFailure, TEAMMATE_RULE } from '../core/throttle';
import { branchOf } from './branches';
import { byIds, docsOf } from '../core/db';
import { isEligible, isTiedToEntry, roundPhase } from './access';
import { invitationId, participantId } from './ids';

/** For anyone but the invitee (or the owner, withdrawing): an invitation that does not exist. */
export const gone = (): AppError => new AppError('NOT_FOUND', '邀请不存在或已失效');
export const answered = (): AppError => new AppError('INVITATION_INVALID', '该邀请已被撤回或已处理');

/** Transaction steps shared by the answers, withdrawals and departures (invitations.ts). */
export function setStatus(tx: Tx, invitation: ContestInvitationDoc, status: ContestInvitationStatus, at: Date): Promise<unknown> {
  return tx
    .collection(COLLECTIONS.contestInvitations)
    .doc(invitation._id)
    .update({ data: { status, updatedAt: at } });
}

export function updateEntry(tx: Tx, entryId: string, data: Partial<ContestEntryDoc>): Promise<unknown> {
  return tx.collection(COLLECTIONS.contestEntries).doc(entryId).update({ data });
}

export async function txEntry(tx: Tx, entryId: string): Promise<ContestEntryDoc> {
  const entry = await txGet<ContestEntryDoc>(tx, COLLECTIONS.contestEntries, entryId);
  if (!entry) throw new AppError('NOT_FOUND', '参赛作品不存在');
  return entry;
}

/** The member's participant document: in `entryId` for the contest (one per member and contest). */
export function participantOf(contest: ContestDoc, member: MemberDoc, entryId: string): ContestParticipantDoc {
  return {
    _id: participantId(contest._id, member._id),
    contestId: contest._id,
    memberId: member._id,
    entryId,
    branchId: branchOf(member.departmentPath, contest.branchDepth),
  };
}

export interface TeammateInput {
  employeeNo: string;
  name: string;
}

/** The one refusal for every teammate problem (see the module header). */
export function teammateUnavailable(): AppError {
  return new AppError('TEAMMATE_UNAVAILABLE');
}

/** As people type them: full-width letters and digits folded (Ｅ００２ = E002), spaces and case ignored in names. */
const foldNo = (text: string): string => text.normalize('NFKC').trim();
const foldName = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * The members the teammates name, each invitable: the 工号 and the name of one active member, eligible for
 * the contest, not `ownerId`, not already tied to the entry (`tied`: members and pending invitees), in no
 * entry of the contest, nobody named twice. Anything else: TEAMMATE_UNAVAILABLE, the same for all.
 */
export async function findInvitees(
  db: Database,
  contest: ContestDoc,
  ownerId: string,
  teammates: readonly TeammateInput[],
  tied: readonly string[],
  now: Date,
): Promise<MemberDoc[]> {
  if (teammates.length === 0) return [];
  await assertNotThrottled(db, TEAMMATE_RULE, ownerId, now);
  try {
    return await lookUpInvitees(db, { contest, ownerId, teammates, tied, now });
  } catch (err) {
    if (err instanceof AppError && err.code === 'TEAMMATE_UNAVAILABLE') await countFailure(db, TEAMMATE_RULE, ownerId, now);
    throw err;
  }
}

interface InviteeLookup {
  contest: ContestDoc;
  ownerId: string;
  teammates: readonly TeammateInput[];
  tied: readonly string[];
  now: Date;
}

async function lookUpInvitees(db: Database, { contest, ownerId, teammates, tied, now }: InviteeLookup): Promise<MemberDoc[]> {
  const nos = teammates.map((teammate) => foldNo(teammate.employeeNo));
  const found = await docsOf<MemberDoc>(
    db
      .collection(COLLECTIONS.members)
      .where({ employeeNo: db.command.in([...new Set(nos)]) })
      .limit(nos.length),
  );
  const byNo = new Map(found.map((member) => [member.employeeNo, member]));
  const entered = await byIds<ContestParticipantDoc>(
    db,
    COLLECTIONS.contestParticipants,
    found.map((member) => participantId(contest._id, member._id)),
  );
  const seen = new Set([ownerId, ...tied]);
  return teammates.map((teammate, index) => {
    const member = byNo.get(nos[index] as string);
    const invitable =
      member?.active &&
      foldName(member.name) === foldName(teammate.name) &&
      !seen.has(member._id) &&
      isEligible(contest, member, now) &&
      !entered.has(participantId(contest._id, member._id));
    if (!invitable) throw teammateUnavailable();
    seen.add(member._id);
    return member;
  });
}

/** A pending invitation of `invitee` to the entry. */
export function newInvitation(entry: ContestEntryDoc, invitee: MemberDoc, at: Date): ContestInvitationDoc {
  return {
    _id: invitationId(entry._id, invitee._id),
    contestId: entry.contestId,
    entryId: entry._id,
    inviteeId: invitee._id,
    inviteeName: invitee.name,
    inviterId: entry.ownerId,
    inviterName: entry.ownerName,
    title: entry.title,
    teamName: entry.teamName,
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  };
}

/** Whether invitees fit: confirmed members and pending invitations together stay within `max`. */
export function checkRoom(entry: ContestEntryDoc, adding: readonly MemberDoc[], max: number): void {
  if (adding.some((member) => isTiedToEntry(entry, member._id))) throw teammateUnavailable();
  if (entry.memberIds.length + (entry.invitedIds ?? []).length + adding.length > max) {
    throw new AppError('INVALID_INPUT', `队伍最多 ${max} 人（含待确认的邀请），请先撤回未确认的邀请`);
  }
}

/**
 * Whether the team may change now (invite, withdraw, confirm, decline, leave): a team entry of a published
 * contest, still in the first round, whose submission window is open and results not published.
 */
export function teamOpen(contest: ContestDoc, entry: ContestEntryDoc, firstRound: ContestRoundDoc | undefined, now: Date): boolean {
  return (
    contest.status === 'published' &&
    entry.kind === 'team' &&
    firstRound !== undefined &&
    firstRound._id === contest.roundIds[0] &&
    entry.currentRoundId === firstRound._id &&
    roundPhase(firstRound, now).submissionOpen &&
    firstRound.resultsStatus !== 'published'
  );
}

/** CONTEST_PHASE unless the team may change now. */
export async function assertTeamOpen(db: Database, contest: ContestDoc, entry: ContestEntryDoc, now: Date): Promise<void> {
  const firstRound = await findById<ContestRoundDoc>(db, COLLECTIONS.contestRounds, contest.roundIds[0] as string);
  if (!teamOpen(contest, entry, firstRound ?? undefined, now)) throw new AppError('CONTEST_PHASE', '已过报名时间，队伍已锁定，不能再变更');
}

/**
 * The invitee's answer, in one transaction with the entry and (to confirm) their participant document: a
 * confirmation joins the team only if the member is in no entry of the contest and the team has room.
 */
export async function answerInvitationFor(
  db: Database,
  contest: ContestDoc,
  invitee: MemberDoc,
  id: string,
  accept: boolean,
  at: Date,
): Promise<ContestInvitationDoc> {
  const status: ContestInvitationStatus = accept ? 'confirmed' : 'declined';
  return runTransaction(db, async (tx) => {
    const invitation = await txGet<ContestInvitationDoc>(tx, COLLECTIONS.contestInvitations, id);
    if (!invitation || invitation.inviteeId !== invitee._id) throw gone();
    if (invitation.status === status) return invitation;
    if (invitation.status !== 'pending') throw answered();
    const entry = await txEntry(tx, invitation.entryId);
    const invitedIds = (entry.invitedIds ?? []).filter((memberId) => memberId !== invitee._id);
    if (!accept) {
      await updateEntry(tx, entry._id, { invitedIds, updatedAt: at });
    } else {
      if (await txGet<ContestParticipantDoc>(tx, COLLECTIONS.contestParticipants, participantId(contest._id, invitee._id))) {
        throw new AppError('ALREADY_ENTERED', '你已加入本次大赛的其他作品，不能再加入这支队伍');
      }
      if (entry.memberIds.length >= MAX_TEAM_MEMBERS) throw new AppError('INVALID_INPUT', `队伍已满 ${MAX_TEAM_MEMBERS} 人`);
      await txPut(tx, COLLECTIONS.contestParticipants, participantOf(contest, invitee, entry._id));
      const departmentIds = [...new Set([...entry.departmentIds, invitee.departmentId])];
      await updateEntry(tx, entry._id, { memberIds: [...entry.memberIds, invitee._id], invitedIds, departmentIds, updatedAt: at });
    }
    await setStatus(tx, invitation, status, at);
    return { ...invitation, status, updatedAt: at };
  });
}

/**
 * Once the member is in an entry of the contest (signed up, or confirmed a team), their other pending
 * invitations there can never be confirmed: they are declined, so the teams see it and can invite someone
 * else, and the member is no longer tied to those entries. Best effort: one that changed meanwhile is left.
 */
export async function declineOtherInvitations(db: Database, contest: ContestDoc, member: MemberDoc, at: Date): Promise<void> {
  const { data } = (await db
    .collection(COLLECTIONS.contestInvitations)
    .where({ inviteeId: member._id, contestId: contest._id, status: 'pending' })
    .limit(100)
    .get()) as unknown as { data: ContestInvitationDoc[] };
  for (const invitation of data) {
    try {
      await answerInvitationFor(db, contest, member, invitation._id, false, at);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
}
