/**
 * Bind codes (绑定码) and the binding attempt log (绑定记录), for admins. A bind code is the second factor
 * of a roster member whose roster entry has no phone, or whose phone changed (server/user/actions.ts): the
 * admin issues it for a member in their scope, hands it over in person, and the member binds with
 * 工号 + 姓名 + code within 72 hours, once. The code is answered once and stored only as a salted hash.
 */
import { createHash } from 'node:crypto';
import type { BindCodeDoc, BindLogDoc } from '../../typings/domain';
import type { BindAttemptView, BindCodeIssued } from '../../typings/functions/admin';
import { adminContracts } from '../../typings/functions/admin';
import { AppError, COLLECTIONS, defineAction, findPage, memberActor, pageOf, recordAudit, runTransaction, scopeCondition } from '../core';
import type { SortKey } from '../core';
import { isoDate } from '../core/published';
import { BIND_CODE_VALID_MS, hashBindCode, newBindCode, newSalt } from '../user';
import { adminScope, assertOutranks, managedMember } from './lookup';

export const issueBindCode = defineAction({
  ...adminContracts.issueBindCode,
  roles: ['admin'],
  async handler({ input, caller, db, now }): Promise<BindCodeIssued> {
    const { scope, member } = await managedMember(db, caller, input.memberId);
    // A code binds a WeChat account to the member: a scoped admin must not hand out one for a member whose
    // grants reach beyond the admin's scope (the same takeover unbindMember refuses).
    assertOutranks(scope, member);
    if (member.external || !member.employeeNo) throw new AppError('CONFLICT', '外部合作伙伴通过邀请码加入，无需绑定码');
    if (!member.active) throw new AppError('MEMBER_INACTIVE', '该成员已停用，不能生成绑定码');
    if (member.boundOpenid) throw new AppError('CONFLICT', '该成员已绑定微信；如需换绑，请先解绑');
    const at = now();
    const code = newBindCode();
    const salt = newSalt();
    const doc: Omit<BindCodeDoc, '_id'> = {
      departmentId: member.departmentId,
      salt,
      codeHash: hashBindCode(salt, member._id, code),
      status: 'open',
      issuedAt: at,
      issuedByMemberId: caller.member._id,
      expiresAt: new Date(at.getTime() + BIND_CODE_VALID_MS),
    };
    // One open code per member: a new one replaces (and so voids) the last. The audit record commits with it.
    await runTransaction(db, async (tx) => {
      await tx.collection(COLLECTIONS.bindCodes).doc(member._id).set({ data: doc });
      await recordAudit(tx, {
        actor: memberActor(caller.member),
        action: 'bind_code_issue',
        target: { kind: 'member', id: member._id, name: member.name },
        before: null,
        after: { expiresAt: isoDate(doc.expiresAt) as string },
        at,
      });
    });
    return { memberId: member._id, code, expiresAt: isoDate(doc.expiresAt) as string };
  },
});

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'at', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/** A stable pseudonym for a WeChat user: admins can tell attempts of one user apart without seeing the OPENID. */
export function wechatPseudonym(openid: string): string {
  return `微信用户 ${createHash('sha256').update(`weike-bind-log\n${openid}`).digest('hex').slice(0, 8)}`;
}

function attemptView(doc: BindLogDoc): BindAttemptView {
  return {
    id: doc._id,
    at: isoDate(doc.at) as string,
    wechatUser: wechatPseudonym(doc.openid),
    employeeNo: doc.employeeNo,
    memberId: doc.memberId,
    factor: doc.factor,
    outcome: doc.outcome,
    reason: doc.reason,
  };
}

/**
 * Attempts newest first. A company-wide admin sees every attempt, also those on numbers that are on no
 * roster; a department admin sees the attempts on members of their subtrees.
 */
export const listBindAttempts = defineAction({
  ...adminContracts.listBindAttempts,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    const conditions = [
      input.employeeNo !== undefined ? { employeeNo: input.employeeNo } : null,
      input.outcome !== undefined ? { outcome: input.outcome } : null,
      scopeCondition(db, 'departmentId', adminScope(caller)),
    ].filter((condition) => condition !== null) as Record<string, unknown>[];
    const filter = conditions.length > 0 ? (db.command.and(conditions) as unknown as Record<string, unknown>) : {};
    return pageOf(await findPage<BindLogDoc>(db, COLLECTIONS.bindLog, filter, NEWEST_FIRST, input), input, attemptView);
  },
});
