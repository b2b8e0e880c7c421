/**
 * Role scopes (授权范围): a grant may be limited to a department subtree. A department's subtree is the
 * department itself and every department whose id starts with its id followed by `/` (ids are
 * `dept:总部/人力资源部`, see server/roster/departments.ts). Later features use these to let, for example,
 * a trainer of a branch see that branch only.
 */
import type { MemberDoc } from '../../typings/domain';
import type { Role } from '../../typings/roles';
import type { Database } from './cloud';

/** Every department, or the roots of the subtrees the member's grants cover. */
export type Scope = 'all' | string[];

/** The scope in which `member` holds `role`: `learner` and any unscoped grant cover everything. */
export function scopeFor(member: Pick<MemberDoc, 'roles'>, role: Role): Scope | null {
  if (role === 'learner') return 'all';
  const grants = member.roles.filter((grant) => grant.role === role);
  if (grants.length === 0) return null;
  if (grants.some((grant) => grant.scopeDepartmentId === undefined)) return 'all';
  const roots = [...new Set(grants.map((grant) => grant.scopeDepartmentId as string))].sort();
  // A root inside another root adds nothing.
  return roots.filter((root) => !roots.some((other) => other !== root && isInSubtree(root, other)));
}

/** Whether `departmentId` is `rootId` or below it. */
export function isInSubtree(departmentId: string, rootId: string): boolean {
  return departmentId === rootId || departmentId.startsWith(`${rootId}/`);
}

export function inScope(departmentId: string, scope: Scope | null): boolean {
  if (scope === null) return false;
  return scope === 'all' || scope.some((root) => isInSubtree(departmentId, root));
}

/**
 * Escapes text for use inside a regular expression (search keywords, subtree prefixes). A NUL character is
 * written as `\x00`: the database refuses a pattern holding the byte itself (BSON regex patterns are C strings).
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\0/g, '\\x00');
}

/**
 * A query condition for "`field` is in the subtree of `rootId`": a string range an index on `field` can
 * serve, narrowed by a regular expression to exact subtree boundaries (the range alone would also take
 * `dept:A-B` for `dept:A`).
 */
export function subtreeCondition(db: Database, field: string, rootId: string): unknown {
  const _ = db.command;
  return _.and([{ [field]: _.gte(rootId) }, { [field]: _.lt(`${rootId}/\uffff`) }, { [field]: db.RegExp({ regexp: `^${escapeRegExp(rootId)}(/|$)` }) }]);
}

/** A query condition for "`field` is within `scope`", or null when the scope is everything. */
export function scopeCondition(db: Database, field: string, scope: Scope): unknown {
  if (scope === 'all') return null;
  if (scope.length === 1) return subtreeCondition(db, field, scope[0] as string);
  return db.command.or(scope.map((root) => subtreeCondition(db, field, root) as Record<string, unknown>));
}

/** The display path (department ids are `dept:` + the path, server/roster/departments.ts) of a managing scope. */
export function scopeLabel(departmentId: string | null): string {
  return departmentId === null
    ? '全公司'
    : departmentId
        .replace(/^dept:/, '')
        .split('/')
        .join(' / ');
}
