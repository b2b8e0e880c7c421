/**
 * Who an assignment targets (必修对象): members in any listed department subtree, holding any listed role, or
 * in any listed audience — and, for a scoped trainer's assignment, inside that trainer's departments. One
 * definition serves both directions: the member query used to materialise targets, and the test of one
 * member used by the learner's home page.
 */
import type { AssignmentDoc, Audience, MemberDoc } from '../../typings/domain';
import type { Role } from '../../typings/roles';
import { allOf, inScope, isInSubtree, subtreeCondition, scopeCondition } from '../core';
import type { Database } from '../core';
import { DEFAULT_NEW_HIRE_DAYS, deriveAudiences } from '../core/audiences';
import { addDays, beijingDate } from '../core/time';

export type Targeting = Pick<AssignmentDoc, 'departmentIds' | 'roles' | 'audiences' | 'scopeDepartmentIds'>;

/** The department and every department above it (`dept:A/B/C` → `dept:A`, `dept:A/B`, `dept:A/B/C`). */
export function departmentAncestors(departmentId: string): string[] {
  const parts = departmentId.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** The roles a member holds (every member is a learner). */
export function memberRoles(member: Pick<MemberDoc, 'roles'>): Role[] {
  return [...new Set<Role>(['learner', ...member.roles.map((grant) => grant.role)])];
}

export function targetsMember(targeting: Targeting, member: MemberDoc, now: Date): boolean {
  if (targeting.scopeDepartmentIds !== null && !inScope(member.departmentId, targeting.scopeDepartmentIds)) return false;
  if (targeting.departmentIds.some((root) => isInSubtree(member.departmentId, root))) return true;
  const roles = memberRoles(member);
  if (targeting.roles.some((role) => roles.includes(role))) return true;
  const audiences = deriveAudiences(member, now);
  return targeting.audiences.some((audience) => audiences.includes(audience));
}

/** The first day a hire is no longer new (the query form of deriveAudiences' new-hire rule). */
function newHireSince(now: Date): string {
  return addDays(beijingDate(now), -(DEFAULT_NEW_HIRE_DAYS - 1));
}

function audienceCondition(db: Database, audience: Audience, now: Date): Record<string, unknown> {
  const _ = db.command;
  if (audience === 'external_partner') return { external: true };
  if (audience === 'new_hire') return { external: _.neq(true), hireDate: _.gte(newHireSince(now)) };
  return { external: _.neq(true), jobLevel: audience };
}

/** The query for active members an assignment targets, or null when it can target nobody. */
export function targetMemberCondition(db: Database, targeting: Targeting, now: Date): Record<string, unknown> | null {
  const _ = db.command;
  if (targeting.roles.includes('learner')) return allOf(db, [{ active: true }, scopeOf(db, targeting)]);
  const alternatives = [
    ...targeting.departmentIds.map((root) => subtreeCondition(db, 'departmentId', root) as Record<string, unknown>),
    ...(targeting.roles.length > 0 ? [{ 'roles.role': _.in(targeting.roles) }] : []),
    ...targeting.audiences.map((audience) => audienceCondition(db, audience, now)),
  ];
  if (alternatives.length === 0) return null;
  const any = alternatives.length === 1 ? (alternatives[0] as Record<string, unknown>) : (_.or(alternatives) as unknown as Record<string, unknown>);
  return allOf(db, [{ active: true }, any, scopeOf(db, targeting)]);
}

function scopeOf(db: Database, targeting: Targeting): Record<string, unknown> | null {
  return targeting.scopeDepartmentIds === null ? null : (scopeCondition(db, 'departmentId', targeting.scopeDepartmentIds) as Record<string, unknown> | null);
}
