/**
 * Teams (组队): who may be invited, the invitation documents, and when a team may change.
 *
 * Teammates are invited, never entered by someone else. `contestInvitations/<entryId>:<memberId>` stays
 * pending until the invitee answers; only a confirmation puts the member into the entry's `memberIds` and
 * writes their `contestParticipants/<contestId>:<memberId>` (one entry per member and contest), in one
 * transaction that reads both. So a member invited by two teams joins at most one of them (the second
 * confirmation finds the participant document), and parallel confirmations on one entry serialise on the
 * entry document, which holds the team size (confirmed `memberIds` plus pending `invitedIds`).
 *
 * A teammate who cannot be invited gets one answer, TEAMMATE_UNAVAILABLE, whatever the reason: whether a
 * 工号 exists, whose it is, or whether its member already plays in the contest is never told to the person
 * typing it (they must already know the 工号 and the name to invite anyone).
 */
import type { ContestDoc, ContestEntryDoc, ContestInvitationDoc, ContestParticipantDoc, ContestRoundDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById } from '../core';
import type { Database } from '../core';
import { byIds, docsOf } from '../course/query';
import { isEligible, isTiedToEntry, roundPhase } from './access';
import { invitationId, participantId } from './ids';

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
  const nos = teammates.map((teammate) => foldNo(teammate.employeeNo));
  const found = await docsOf<MemberDoc>(db.collection(COLLECTIONS.members).where({ employeeNo: db.command.in([...new Set(nos)]) }).limit(nos.length));
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
      member !== undefined &&
      member.active &&
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
