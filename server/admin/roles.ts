/**
 * Granting and revoking roles (授权). Shared by the `admin` actions and scripts/grant-admin.ts. The member's
 * grants are read and rewritten in one transaction so that two admins editing one member never lose a grant,
 * and the audit record of a change is written by that same transaction.
 */
import type { MemberDoc } from '../../typings/domain';
import type { RoleGrant } from '../../typings/roles';
import { AppError, COLLECTIONS, recordAudit, runTransaction, txGet } from '../core';
import type { AuditActor, Database } from '../core';
import { requireDepartment } from './lookup';

export interface RoleChange {
  memberId: string;
  role: Exclude<RoleGrant['role'], 'learner'>;
  scopeDepartmentId?: string;
}

export type RoleChangeKind = 'grant' | 'revoke';

function sameGrant(grant: RoleGrant, change: RoleChange): boolean {
  return grant.role === change.role && grant.scopeDepartmentId === change.scopeDepartmentId;
}

function grantOf(change: RoleChange): RoleGrant {
  return change.scopeDepartmentId === undefined ? { role: change.role } : { role: change.role, scopeDepartmentId: change.scopeDepartmentId };
}

/** A grant as the audit log keeps it (plain data, no optional fields). */
function grantState(grant: RoleGrant): { role: string; scope: string | null } {
  return { role: grant.role, scope: grant.scopeDepartmentId ?? null };
}

export interface RoleChangeOptions {
  now: Date;
  /** Who changes the grant, for the audit log. */
  actor: AuditActor;
  /** Runs on the stored member before anything is written (for example the last-admin guard). */
  check?: (member: MemberDoc, roles: RoleGrant[]) => void;
}

/** Idempotent: granting a held grant or revoking a missing one changes nothing. */
export async function changeRole(db: Database, kind: RoleChangeKind, change: RoleChange, options: RoleChangeOptions): Promise<MemberDoc> {
  if (change.scopeDepartmentId !== undefined) await requireDepartment(db, change.scopeDepartmentId);
  return runTransaction(db, async (tx) => {
    const member = await txGet<MemberDoc>(tx, COLLECTIONS.members, change.memberId);
    if (!member) throw new AppError('NOT_FOUND', '成员不存在');
    const held = member.roles.some((grant) => sameGrant(grant, change));
    const roles = kind === 'grant' ? (held ? member.roles : [...member.roles, grantOf(change)]) : member.roles.filter((grant) => !sameGrant(grant, change));
    options.check?.(member, roles);
    if (roles.length === member.roles.length) return member;
    await tx
      .collection(COLLECTIONS.members)
      .doc(member._id)
      .update({ data: { roles, updatedAt: options.now } });
    await recordAudit(tx, {
      actor: options.actor,
      action: kind === 'grant' ? 'role_grant' : 'role_revoke',
      target: { kind: 'member', id: member._id, name: member.name },
      before: { roles: member.roles.map(grantState) },
      after: { roles: roles.map(grantState), changed: grantState(grantOf(change)) },
      at: options.now,
    });
    return { ...member, roles, updatedAt: options.now };
  });
}

/** An admin cannot take away their own last admin grant: the organisation could be left without one. */
export function lastAdminGuard(actorMemberId: string): (member: MemberDoc, roles: RoleGrant[]) => void {
  return (member, roles) => {
    if (member._id === actorMemberId && !roles.some((grant) => grant.role === 'admin')) {
      throw new AppError('FORBIDDEN', '不能撤销你自己的最后一项管理员权限，请由其他管理员操作');
    }
  };
}
