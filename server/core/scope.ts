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
  return outermost(grants.map((grant) => grant.scopeDepartmentId as string));
}

/** Subtree roots without repeats, sorted; a root inside another root adds nothing. */
function outermost(roots: readonly string[]): string[] {
  const unique = [...new Set(roots)].sort();
  return unique.filter((root) => !unique.some((other) => other !== root && isInSubtree(root, other)));
}

/**
 * The scope in which `member` holds any of `roles`: the union of each role's scope (for actions several roles
 * may call, such as running a contest as a trainer or an admin); null when they hold none of them.
 */
export function scopeForAny(member: Pick<MemberDoc, 'roles'>, roles: readonly Role[]): Scope | null {
  const scopes = roles.map((role) => scopeFor(member, role)).filter((scope): scope is Scope => scope !== null);
  if (scopes.length === 0) return null;
  return scopes.includes('all') ? 'all' : outermost(scopes.flat() as string[]);
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
 * Members searched by `keyword` (the member table, judge candidates): an employee number starting with it or a
 * name containing it; null for no keyword.
 */
export function memberKeywordCondition(db: Database, keyword: string | undefined): Record<string, unknown> | null {
  if (!keyword) return null;
  const pattern = escapeRegExp(keyword);
  return db.command.or([{ employeeNo: db.RegExp({ regexp: `^${pattern}` }) }, { name: db.RegExp({ regexp: pattern }) }]) as unknown as Record<string, unknown>;
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
