/**
 * Roles a member can hold. `learner` (学员) is every active member and needs no grant; the others are
 * granted per member, optionally limited to a department subtree (`scopeDepartmentId`).
 */
export const ROLES = ['learner', 'trainer', 'reviewer', 'judge', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Chinese names for the app. */
export const ROLE_LABELS: Record<Role, string> = {
  learner: '学员',
  trainer: '培训管理员',
  reviewer: '审核员',
  judge: '评委',
  admin: '管理员',
};

/** One role granted to a member; without a scope it applies to the whole company. */
export interface RoleGrant {
  role: Role;
  scopeDepartmentId?: string;
}

/**
 * Who may call an action: a list of roles (any one suffices), or `'anyone'` with a WeChat identity,
 * member or not (for example binding an employee identity), or `'browser'`: a browser signed in to
 * CloudBase but not (yet) as a member, the web console before its sign-in; mini-program callers are refused.
 */
export type Access = 'anyone' | 'browser' | readonly [Role, ...Role[]];

/** Roles the web console (管理后台) is for; a member holding none of them cannot sign in to it. */
export const CONSOLE_ROLES = ['trainer', 'reviewer', 'judge', 'admin'] as const satisfies readonly Role[];

/**
 * Who runs contests (组织大赛: set up, judges, results, the vote audit, exports): trainers and admins, each
 * within their grant's department scope (server/contest/access.ts). The console opens its contest screens to
 * the same roles (web/src/areas/contests.ts); here rather than in the contest contract so the console's menu
 * does not load that contract.
 */
export const CONTEST_ORGANISER_ROLES = ['trainer', 'admin'] as const satisfies readonly Role[];
