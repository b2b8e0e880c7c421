/** Reads every admin action needs: a member or department that must exist, and the admin's own scope. */
import type { DepartmentDoc, MemberDoc } from '../../typings/domain';
import type { RoleGrant } from '../../typings/roles';
import { AppError, COLLECTIONS, findById, inScope, scopeFor } from '../core';
import type { Database, MemberCaller, Scope } from '../core';

export async function requireMember(db: Database, memberId: string): Promise<MemberDoc> {
  const member = await findById<MemberDoc>(db, COLLECTIONS.members, memberId);
  if (!member) throw new AppError('NOT_FOUND', '成员不存在');
  return member;
}

export async function requireDepartment(db: Database, departmentId: string): Promise<DepartmentDoc> {
  const department = await findById<DepartmentDoc>(db, COLLECTIONS.departments, departmentId);
  if (!department) throw new AppError('NOT_FOUND', `部门不存在：${departmentId}`);
  return department;
}

/** The departments an admin manages: everything, or the subtrees of their scoped admin grants. */
export function adminScope(caller: MemberCaller): Scope {
  return scopeFor(caller.member, 'admin') ?? [];
}

/** Refuses a department-scoped admin: what `message` names is run company-wide only. */
export function requireCompanyAdmin(caller: MemberCaller, message: string): void {
  if (adminScope(caller) !== 'all') throw new AppError('FORBIDDEN', message);
}

/** A scoped admin manages only their subtrees. */
export function assertManages(scope: Scope, departmentId: string): void {
  if (!inScope(departmentId, scope)) throw new AppError('FORBIDDEN', '该部门不在你的管理范围内');
}

/** The member `memberId` names, refused unless it sits in the calling admin's scope; with that scope. */
export async function managedMember(db: Database, caller: MemberCaller, memberId: string): Promise<{ scope: Scope; member: MemberDoc }> {
  const scope = adminScope(caller);
  const member = await requireMember(db, memberId);
  assertManages(scope, member.departmentId);
  return { scope, member };
}

/** Whether a grant lies inside `scope`: an unscoped (company-wide) grant lies inside `all` only. */
export function grantWithin(scope: Scope, grant: Pick<RoleGrant, 'scopeDepartmentId'>): boolean {
  if (scope === 'all') return true;
  return grant.scopeDepartmentId !== undefined && inScope(grant.scopeDepartmentId, scope);
}

/** Granting or revoking: a scoped admin hands out and takes back grants inside their own subtrees only. */
export function assertGrantWithin(scope: Scope, grant: Pick<RoleGrant, 'scopeDepartmentId'>): void {
  if (!grantWithin(scope, grant)) throw new AppError('FORBIDDEN', '你只能授予或撤销你管理范围内的部门权限');
}

/**
 * Changing who a member's account belongs to (unbinding, bind codes): a scoped admin may do it only when
 * every grant the member holds lies inside the admin's scope. Otherwise a branch admin could unbind a
 * company-wide admin and bind a spare WeChat account with the employee number and name the member list shows.
 */
export function assertOutranks(scope: Scope, member: Pick<MemberDoc, 'roles'>): void {
  if (member.roles.some((grant) => !grantWithin(scope, grant))) {
    throw new AppError('FORBIDDEN', '该成员拥有超出你管理范围的权限，请由更高范围的管理员操作');
  }
}
