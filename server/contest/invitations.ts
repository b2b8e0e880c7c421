/**
 * Team invitations (组队邀请), the actions: the owner invites and withdraws, the invitee lists, confirms and
 * declines, a confirmed teammate leaves; all while the team is open (team.ts explains the documents and why
 * a member joins at most one team). Every action that takes an invitation or entry id answers only the
 * people it concerns: the invitee for their invitation, the owner for withdrawing, a member for leaving;
 * anyone else gets NOT_FOUND (or FORBIDDEN when they can already see the team), and nothing changes.
 */
import type { ContestDoc, ContestEntryDoc, ContestInvitationDoc, ContestRoundDoc, CourseAuthoringDoc, MemberDoc } from '../../typings/domain';
import { contestContracts, MAX_TEAM_MEMBERS, MIN_TEAM_MEMBERS } from '../../typings/functions/contest';
import type { InvitationView } from '../../typings/functions/contest';
import { AppError, COLLECTIONS, defineAction, findById, findPage, pageOf, runTransaction, txGet } from '../core';
import type { Database } from '../core';
import { isoDate } from '../core/published';
import { txPut } from '../core/transaction';
import { byIds } from '../core/db';
import { isEligible, isOwnEntry, loadContest, loadEntry, loadVisibleContest } from './access';
import { entryView } from './entries';
import { invitationId, participantId } from './ids';
import {
  answered,
  answerInvitationFor,
  assertTeamOpen,
  checkRoom,
  declineOtherInvitations,
  findInvitees,
  gone,
  newInvitation,
  setStatus,
  teamOpen,
  txEntry,
  updateEntry,
} from './team';

/** The owner invites more teammates (the same checks as sign-up), within the team size. */
export async function inviteTeammates(db: Database, entryId: string, invitees: readonly MemberDoc[], at: Date): Promise<ContestEntryDoc> {
  return runTransaction(db, async (tx) => {
    const entry = await txEntry(tx, entryId);
    checkRoom(entry, invitees, MAX_TEAM_MEMBERS);
    for (const invitee of invitees) await txPut<ContestInvitationDoc>(tx, COLLECTIONS.contestInvitations, newInvitation(entry, invitee, at));
    const invitedIds = [...(entry.invitedIds ?? []), ...invitees.map((invitee) => invitee._id)];
    await updateEntry(tx, entry._id, { invitedIds, updatedAt: at });
    return { ...entry, invitedIds, updatedAt: at };
  });
}

/** The owner withdraws a pending invitation. */
async function withdrawFor(db: Database, id: string, at: Date): Promise<void> {
  await runTransaction(db, async (tx) => {
    const invitation = await txGet<ContestInvitationDoc>(tx, COLLECTIONS.contestInvitations, id);
    if (!invitation) throw gone();
    if (invitation.status === 'withdrawn') return;
    if (invitation.status !== 'pending') throw answered();
    const entry = await txEntry(tx, invitation.entryId);
    await updateEntry(tx, entry._id, { invitedIds: (entry.invitedIds ?? []).filter((memberId) => memberId !== invitation.inviteeId), updatedAt: at });
    await setStatus(tx, invitation, 'withdrawn', at);
  });
}

/**
 * A confirmed teammate leaves: out of `memberIds`, their participant document removed (they may join
 * another team or sign up), their invitation marked left. A submitted team keeps MIN_TEAM_MEMBERS.
 */
async function leaveFor(db: Database, entry: ContestEntryDoc, member: MemberDoc, at: Date): Promise<void> {
  const courses = await byIds<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, entry.courseIds);
  if ([...courses.values()].some((course) => course.authorId === member._id)) {
    throw new AppError('INVALID_INPUT', '作品中有你制作的课程，请先请队长从作品中移除后再退出');
  }
  const colleagues = await byIds<MemberDoc>(db, COLLECTIONS.members, entry.memberIds);
  await runTransaction(db, async (tx) => {
    const current = await txEntry(tx, entry._id);
    if (!current.memberIds.includes(member._id)) return;
    const memberIds = current.memberIds.filter((memberId) => memberId !== member._id);
    if (current.submitted && current.kind === 'team' && memberIds.length < MIN_TEAM_MEMBERS) {
      throw new AppError('INVALID_INPUT', `作品已提交，队伍须保留 ${MIN_TEAM_MEMBERS} 名成员；请队长先邀请新队友并等其确认后再退出`);
    }
    // A department stays excluded from judging while anyone left (or anyone not known here) is in it.
    const departments = memberIds.map((memberId) => colleagues.get(memberId)?.departmentId);
    const departmentIds = departments.every((department) => department !== undefined) ? [...new Set(departments as string[])] : current.departmentIds;
    await updateEntry(tx, current._id, { memberIds, departmentIds, updatedAt: at });
    await tx.collection(COLLECTIONS.contestParticipants).doc(participantId(current.contestId, member._id)).remove();
    const invitation = await txGet<ContestInvitationDoc>(tx, COLLECTIONS.contestInvitations, invitationId(current._id, member._id));
    if (invitation) await setStatus(tx, invitation, 'left', at);
    else await txPut<ContestInvitationDoc>(tx, COLLECTIONS.contestInvitations, { ...newInvitation(current, member, at), status: 'left' });
  });
}

function invitationView(invitation: ContestInvitationDoc, contest: ContestDoc | undefined, open: boolean): InvitationView {
  return {
    id: invitation._id,
    contestId: invitation.contestId,
    contestTitle: contest?.title ?? '',
    entryId: invitation.entryId,
    title: invitation.title,
    teamName: invitation.teamName,
    inviterName: invitation.inviterName,
    status: invitation.status,
    open: invitation.status === 'pending' && open,
    invitedAt: isoDate(invitation.createdAt) ?? '',
  };
}

/** Whether each invitation can be answered now, for a page of them (contests, first rounds, entries: three reads). */
async function openness(
  db: Database,
  invitations: readonly ContestInvitationDoc[],
  now: Date,
): Promise<{ contests: Map<string, ContestDoc>; open: (invitation: ContestInvitationDoc) => boolean }> {
  const [contests, entries] = await Promise.all([
    byIds<ContestDoc>(
      db,
      COLLECTIONS.contests,
      invitations.map((invitation) => invitation.contestId),
    ),
    byIds<ContestEntryDoc>(
      db,
      COLLECTIONS.contestEntries,
      invitations.map((invitation) => invitation.entryId),
    ),
  ]);
  const rounds = await byIds<ContestRoundDoc>(
    db,
    COLLECTIONS.contestRounds,
    [...contests.values()].map((contest) => contest.roundIds[0] as string),
  );
  return {
    contests,
    open: (invitation) => {
      const contest = contests.get(invitation.contestId);
      const entry = entries.get(invitation.entryId);
      return contest !== undefined && entry !== undefined && teamOpen(contest, entry, rounds.get(contest.roundIds[0] as string), now);
    },
  };
}

export const invite = defineAction({
  ...contestContracts.invite,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const entry = await loadEntry(db, input.entryId);
    const contest = await loadVisibleContest(db, entry.contestId, caller.member);
    if (entry.ownerId !== caller.member._id) throw new AppError('FORBIDDEN', '只有队长可以邀请队友');
    await assertTeamOpen(db, contest, entry, at);
    const invitees = await findInvitees(db, contest, entry.ownerId, input.teammates, [...entry.memberIds, ...(entry.invitedIds ?? [])], at);
    const saved = await inviteTeammates(db, entry._id, invitees, at);
    return entryView(db, cloud, saved, contest, caller.member._id, at);
  },
});

export const withdrawInvitation = defineAction({
  ...contestContracts.withdrawInvitation,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const me = caller.member._id;
    const invitation = await findById<ContestInvitationDoc>(db, COLLECTIONS.contestInvitations, input.invitationId);
    if (!invitation) throw gone();
    const entry = await loadEntry(db, invitation.entryId);
    if (entry.ownerId !== me) throw isOwnEntry(entry, me) ? new AppError('FORBIDDEN', '只有队长可以撤回邀请') : gone();
    const contest = await loadContest(db, entry.contestId);
    if (invitation.status !== 'withdrawn') await assertTeamOpen(db, contest, entry, at);
    await withdrawFor(db, invitation._id, at);
    return entryView(db, cloud, await loadEntry(db, entry._id), contest, me, at);
  },
});

export const invitations = defineAction({
  ...contestContracts.invitations,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const filter = { inviteeId: caller.member._id, status: 'pending', ...(input.contestId ? { contestId: input.contestId } : {}) };
    const found = await findPage<ContestInvitationDoc>(
      db,
      COLLECTIONS.contestInvitations,
      filter,
      [
        { field: 'updatedAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    const { contests, open } = await openness(db, found.docs, now());
    return pageOf(found, input, (invitation) => invitationView(invitation, contests.get(invitation.contestId), open(invitation)));
  },
});

export const answerInvitation = defineAction({
  ...contestContracts.answerInvitation,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    const me = caller.member;
    const invitation = await findById<ContestInvitationDoc>(db, COLLECTIONS.contestInvitations, input.invitationId);
    if (!invitation || invitation.inviteeId !== me._id) throw gone();
    const contest = await loadContest(db, invitation.contestId);
    const entry = await loadEntry(db, invitation.entryId);
    const repeated = invitation.status === (input.accept ? 'confirmed' : 'declined');
    if (!repeated) {
      if (invitation.status !== 'pending') throw answered();
      await assertTeamOpen(db, contest, entry, at);
      if (input.accept && !isEligible(contest, me, at)) throw new AppError('NOT_ELIGIBLE', '你不在本次大赛的参赛范围内');
    }
    const saved = await answerInvitationFor(db, contest, me, invitation._id, input.accept, at);
    if (input.accept) await declineOtherInvitations(db, contest, me, at);
    const { open } = await openness(db, [saved], at);
    return invitationView(saved, contest, open(saved));
  },
});

export const leaveTeam = defineAction({
  ...contestContracts.leaveTeam,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const me = caller.member;
    const entry = await loadEntry(db, input.entryId);
    const contest = await loadVisibleContest(db, entry.contestId, me);
    if (entry.ownerId === me._id) throw new AppError('INVALID_INPUT', '队长不能退出队伍');
    if (!entry.memberIds.includes(me._id)) {
      // Leaving again answers the team as it is now; anyone else is not a member.
      const mine = await findById<ContestInvitationDoc>(db, COLLECTIONS.contestInvitations, invitationId(entry._id, me._id));
      if (mine?.status !== 'left') throw new AppError('FORBIDDEN', '你不是这支队伍的成员');
    } else {
      await assertTeamOpen(db, contest, entry, at);
      await leaveFor(db, entry, me, at);
    }
    return entryView(db, cloud, await loadEntry(db, entry._id), contest, me._id, at);
  },
});
