/** Area `user`: the caller's own identity (我的) and binding a WeChat user to a member (绑定). */
import type { BindCodeDoc, BindingDoc, BindLogReason, InvitationDoc, MemberDoc } from '../../typings/domain';
import type { MeView } from '../../typings/functions/user';
import { userContracts } from '../../typings/functions/user';
import { AppError, COLLECTIONS, defineAction, defineFunction, runTransaction, txGet, uploadFolderOf } from '../core';
import type { Tx } from '../core';
// Deep imports keep the roster file readers (exceljs) out of this function's bundle.
import { beijingDate } from '../core/time';
import { memberId as rosterMemberId } from '../roster';
import { readEmployeeNo, readName } from '../roster';
import { normaliseCode } from './invitation-code';
import { bindCodeMatches } from './bind-code';
import { bindLogEntry } from './bind-log';
import { samePhone, verifiedPhone } from './phone';
import type { VerifiedPhone } from './phone';
import { EMPLOYEE_RULE, isBlocked, OPENID_RULE, rateLimited, readCounters, recordFailure, waitMinutes } from '../core/throttle';
import type { ThrottleRule } from '../core/throttle';
import { meView } from './view';

export const me = defineAction({
  ...userContracts.me,
  roles: 'anyone',
  async handler({ caller, now }): Promise<MeView> {
    return caller.member ? meView(caller.member, now()) : { bound: false };
  },
});

/** A transaction's verdict: either the member now bound, or a failure already counted (thrown after commit). */
type Outcome = { ok: true; member: MemberDoc } | { ok: false; code: 'INVITATION_INVALID' };

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
  await tx
    .collection(COLLECTIONS.members)
    .doc(member._id)
    .update({ data: { boundOpenid: openid, updatedAt: now } });
  return { ...member, boundOpenid: openid, updatedAt: now };
}

async function settle(outcome: Outcome, now: Date): Promise<MeView> {
  if (!outcome.ok) throw new AppError(outcome.code);
  return meView(outcome.member, now);
}

/** The second factor as sent: WeChat's phone-number token, or an admin's bind code. */
type Factor = { kind: 'phone'; phone: VerifiedPhone } | { kind: 'bind_code'; code: string };

/** How one binding attempt ended; every one is logged (server/user/bind-log.ts) before it is answered. */
type Refusal = Exclude<BindLogReason, 'bound' | 'rate_limited'>;
type Attempt = { reason: 'bound'; member: MemberDoc } | { reason: 'rate_limited'; minutes: number } | { reason: Refusal; member?: MemberDoc };

/** The answer for an attempt: the generic refusal covers every wrong part, so none is singled out. */
function answerFor(attempt: Attempt, at: Date): MeView {
  switch (attempt.reason) {
    case 'bound':
      return meView(attempt.member, at);
    case 'rate_limited':
      throw rateLimited(attempt.minutes);
    case 'already_bound':
      throw new AppError('ALREADY_BOUND');
    case 'inactive':
      throw new AppError('MEMBER_INACTIVE');
    case 'taken':
      throw new AppError('MEMBER_TAKEN');
    case 'phone_code_invalid':
      throw new AppError('PHONE_CODE_INVALID');
    default:
      throw new AppError('BIND_MISMATCH');
  }
}

/** Checks the second factor against the member (inside the transaction, which also consumes a bind code). */
async function factorFailure(tx: Tx, member: MemberDoc, factor: Factor, at: Date): Promise<Refusal | null> {
  if (factor.kind === 'phone') {
    if (!member.mobile) return 'no_phone_on_roster';
    return samePhone(member.mobile, factor.phone) ? null : 'phone_mismatch';
  }
  const stored = await txGet<BindCodeDoc>(tx, COLLECTIONS.bindCodes, member._id);
  return bindCodeMatches(stored, member._id, factor.code, at) ? null : 'bind_code_invalid';
}

/**
 * 工号 + 姓名 must match an active roster member, plus a second factor the roster holds: the phone number
 * WeChat verified (where the roster has a 手机) or a one-time bind code an admin issued for that member
 * (the only way where the roster has no phone, and a fallback where the phone changed). Every wrong part –
 * number, name, phone, code – gets the same BIND_MISMATCH and counts one failure against both the WeChat
 * user and the employee number (server/user/throttle.ts); a token WeChat itself refuses answers
 * PHONE_CODE_INVALID (it says nothing about the roster) and counts too. The whole decision, the failure
 * count, the bind code's consumption and the log entry are one transaction, so one member binds to one
 * OPENID and one OPENID to one member whatever runs in parallel, and parallel guesses never pass the limit.
 */
export const bind = defineAction({
  ...userContracts.bind,
  roles: 'anyone',
  async handler({ input, caller, db, cloud, now }): Promise<MeView> {
    const at = now();
    const employeeNo = readEmployeeNo(input.employeeNo);
    const name = readName(input.name);
    const subject = employeeNo.ok ? employeeNo.value : input.employeeNo;
    const rules: [ThrottleRule, string][] = [
      [OPENID_RULE, caller.openid],
      [EMPLOYEE_RULE, subject],
    ];
    const log = { openid: caller.openid, employeeNo: subject, factor: 'phoneCode' in input ? ('phone' as const) : ('bind_code' as const) };

    let factor: Factor;
    if ('phoneCode' in input) {
      // Checked before asking WeChat: a blocked caller spends no phone-number quota (WeChat bills it).
      const before = await runTransaction(db, (tx) => readCounters(tx, rules, at));
      if (isBlocked(before)) {
        const attempt: Attempt = { reason: 'rate_limited', minutes: waitMinutes(before, at) };
        await db.collection(COLLECTIONS.bindLog).add({ data: bindLogEntry(log, attempt, at) });
        return answerFor(attempt, at);
      }
      factor = { kind: 'phone', phone: await verifiedPhone(cloud, input.phoneCode) };
    } else {
      factor = { kind: 'bind_code', code: input.bindCode };
    }

    const attempt = await runTransaction(db, async (tx): Promise<Attempt> => {
      const decide = async (): Promise<Attempt> => {
        if (await txGet<BindingDoc>(tx, COLLECTIONS.bindings, caller.openid)) return { reason: 'already_bound' };
        const counters = await readCounters(tx, rules, at);
        if (isBlocked(counters)) return { reason: 'rate_limited', minutes: waitMinutes(counters, at) };
        const found = employeeNo.ok ? await txGet<MemberDoc>(tx, COLLECTIONS.members, rosterMemberId(employeeNo.value)) : null;
        const member = found && !found.external && employeeNo.ok && found.employeeNo === employeeNo.value ? found : null;
        // A token WeChat refuses is reported first, whatever else is wrong, so that answer tells nothing about the roster.
        const failure: Refusal | null =
          factor.kind === 'phone' && !factor.phone.ok
            ? 'phone_code_invalid'
            : !member
              ? 'no_member'
              : !name.ok || member.name !== name.value
                ? 'name_mismatch'
                : await factorFailure(tx, member, factor, at);
        if (failure) {
          await recordFailure(tx, counters);
          return { reason: failure, ...(member ? { member } : {}) };
        }
        const matched = member as MemberDoc;
        if (!matched.active) return { reason: 'inactive', member: matched };
        if (matched.boundOpenid !== undefined && matched.boundOpenid !== caller.openid) return { reason: 'taken', member: matched };
        // Any open bind code of the member is spent by this binding, whichever factor was used.
        const code = await txGet<BindCodeDoc>(tx, COLLECTIONS.bindCodes, matched._id);
        if (code?.status === 'open')
          await tx
            .collection(COLLECTIONS.bindCodes)
            .doc(matched._id)
            .update({ data: { status: 'used', usedAt: at } });
        return { reason: 'bound', member: await writeBinding(tx, caller.openid, matched, at) };
      };
      const decided = await decide();
      await tx.collection(COLLECTIONS.bindLog).add({ data: bindLogEntry(log, decided, at) });
      return decided;
    });
    return answerFor(attempt, at);
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
      if (isBlocked(counters)) throw rateLimited(waitMinutes(counters, at));
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
      await tx
        .collection(COLLECTIONS.invitations)
        .doc(invitation._id)
        .update({ data: { status: 'used', usedAt: at, usedByMemberId: member._id } });
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
