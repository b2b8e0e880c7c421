/** Reads every admin action needs: a member or department that must exist, and the admin's own scope. */
import type { DepartmentDoc, MemberDoc } from '../../typings/domain';
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

/** A scoped admin manages only their subtrees. */
export function assertManages(scope: Scope, departmentId: string): void {
  if (!inScope(departmentId, scope)) throw new AppError('FORBIDDEN', '该部门不在你的管理范围内');
}
