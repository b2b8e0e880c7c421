/** Area `user`: the caller's own identity (我的) and binding a WeChat user to a member (绑定). */
import type { BindingDoc, InvitationDoc, MemberDoc } from '../../typings/domain';
import type { MeView } from '../../typings/functions/user';
import { userContracts } from '../../typings/functions/user';
import { AppError, COLLECTIONS, defineAction, defineFunction, runTransaction, txGet, uploadFolderOf } from '../core';
import type { Tx } from '../core';
// Deep imports keep the roster file readers (exceljs) out of this function's bundle.
import { beijingDate } from '../roster/beijing-day';
import { memberId as rosterMemberId } from '../roster/plan';
import { readEmployeeNo, readName } from '../roster/fields';
import { normaliseCode } from './invitation-code';
import { EMPLOYEE_RULE, isBlocked, OPENID_RULE, readCounters, recordFailure } from './throttle';
import { meView } from './view';

export const me = defineAction({
  ...userContracts.me,
  roles: 'anyone',
  async handler({ caller, now }): Promise<MeView> {
    return caller.member ? meView(caller.member, now()) : { bound: false };
  },
});

/** A transaction's verdict: either the member now bound, or a failure already counted (thrown after commit). */
type Outcome = { ok: true; member: MemberDoc } | { ok: false; code: 'BIND_MISMATCH' | 'INVITATION_INVALID' };

async function assertNotBound(tx: Tx, openid: string): Promise<void> {
  if (await txGet<BindingDoc>(tx, COLLECTIONS.bindings, openid)) throw new AppError('ALREADY_BOUND');
}

async function writeBindingDoc(tx: Tx, openid: string, memberId: string, now: Date): Promise<void> {
  const binding: Omit<BindingDoc, '_id'> = { memberId, boundAt: now };
  await tx.collection(COLLECTIONS.bindings).doc(openid).set({ data: binding });
}

/** Writes the binding both ways: `bindings/<openid>` and `member.boundOpenid`. */
async function writeBinding(tx: Tx, openid: string, member: MemberDoc, now: Date): Promise<MemberDoc> {
  await writeBindingDoc(tx, openid, member._id, now);
  await tx.collection(COLLECTIONS.members).doc(member._id).update({ data: { boundOpenid: openid, updatedAt: now } });
  return { ...member, boundOpenid: openid, updatedAt: now };
}

async function settle(outcome: Outcome, now: Date): Promise<MeView> {
  if (!outcome.ok) throw new AppError(outcome.code);
  return meView(outcome.member, now);
}

/**
 * 工号 + 姓名 must match an active roster member; the whole decision is one transaction, so one member binds
 * to one OPENID and one OPENID to one member whatever runs in parallel. A wrong pair never says which part
 * was wrong.
 */
export const bind = defineAction({
  ...userContracts.bind,
  roles: 'anyone',
  async handler({ input, caller, db, now }): Promise<MeView> {
    const at = now();
    const employeeNo = readEmployeeNo(input.employeeNo);
    const name = readName(input.name);
    const subject = employeeNo.ok ? employeeNo.value : input.employeeNo;
    const outcome = await runTransaction(db, async (tx): Promise<Outcome> => {
      await assertNotBound(tx, caller.openid);
      const counters = await readCounters(tx, [[OPENID_RULE, caller.openid], [EMPLOYEE_RULE, subject]], at);
      if (isBlocked(counters)) throw new AppError('RATE_LIMITED');
      const member = employeeNo.ok ? await txGet<MemberDoc>(tx, COLLECTIONS.members, rosterMemberId(employeeNo.value)) : null;
      const matches = member !== null && !member.external && employeeNo.ok && member.employeeNo === employeeNo.value && name.ok && member.name === name.value;
      if (!matches || !member) {
        await recordFailure(tx, counters);
        return { ok: false, code: 'BIND_MISMATCH' };
      }
      if (!member.active) throw new AppError('MEMBER_INACTIVE');
      if (member.boundOpenid !== undefined && member.boundOpenid !== caller.openid) throw new AppError('MEMBER_TAKEN');
      return { ok: true, member: await writeBinding(tx, caller.openid, member, at) };
    });
    return settle(outcome, at);
  },
});

function isRedeemable(invitation: InvitationDoc | null, at: Date): invitation is InvitationDoc {
  return invitation !== null && invitation.status === 'open' && new Date(invitation.expiresAt).getTime() > at.getTime();
}

/**
 * A one-time code creates an external partner (外部合作伙伴) in the invitation's department, binds it and
 * marks the code used, all in one transaction: a code redeemed in parallel makes exactly one member.
 */
export const redeemInvitation = defineAction({
  ...userContracts.redeemInvitation,
  roles: 'anyone',
  async handler({ input, caller, db, now }): Promise<MeView> {
    const at = now();
    const code = normaliseCode(input.code);
    const outcome = await runTransaction(db, async (tx): Promise<Outcome> => {
      await assertNotBound(tx, caller.openid);
      const counters = await readCounters(tx, [[OPENID_RULE, caller.openid]], at);
      if (isBlocked(counters)) throw new AppError('RATE_LIMITED');
      const invitation = code === '' ? null : await txGet<InvitationDoc>(tx, COLLECTIONS.invitations, code);
      if (!isRedeemable(invitation, at)) {
        await recordFailure(tx, counters);
        return { ok: false, code: 'INVITATION_INVALID' };
      }
      const member: MemberDoc = {
        _id: `m:ext-${invitation._id}`,
        name: invitation.name,
        departmentId: invitation.departmentId,
        departmentPath: invitation.departmentPath,
        jobLevel: 'individual',
        // Partners have no hire date on a roster; the day they joined stands in for it.
        hireDate: beijingDate(at),
        active: true,
        external: true,
        roles: [],
        boundOpenid: caller.openid,
        createdAt: at,
        updatedAt: at,
      };
      // `add` fails on an existing `_id`, so a code can never make a second member.
      await tx.collection(COLLECTIONS.members).add({ data: { ...member } });
      await writeBindingDoc(tx, caller.openid, member._id, at);
      await tx.collection(COLLECTIONS.invitations).doc(invitation._id).update({ data: { status: 'used', usedAt: at, usedByMemberId: member._id } });
      return { ok: true, member };
    });
    return settle(outcome, at);
  },
});

/** Members upload only under their own folder (storage rules and server/core/uploads.ts check it). */
export const uploadFolder = defineAction({
  ...userContracts.uploadFolder,
  roles: ['learner'],
  handler: async ({ caller }) => ({ folder: uploadFolderOf(caller.openid) }),
});

export const userFunction = defineFunction({ name: 'user', actions: { me, bind, redeemInvitation, uploadFolder } });
