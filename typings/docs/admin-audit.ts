/**
 * The admin audit log (操作日志): one record per change an admin makes to points, roles, bindings, the roster,
 * votes or the adjustment ceiling. Written by server/core/audit.ts; read by company-wide admins only.
 */

export const AUDIT_ACTIONS = [
  'points_adjust',
  'adjust_settings',
  'role_grant',
  'role_revoke',
  'member_unbind',
  'roster_import',
  'vote_void',
  'bind_code_issue',
  'learner_levels',
  'discussion_hide',
  'author_awards',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Chinese names for the app and the export. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  points_adjust: '积分调整',
  adjust_settings: '调整上限设置',
  role_grant: '授予角色',
  role_revoke: '撤销角色',
  member_unbind: '解除绑定',
  roster_import: '导入花名册',
  vote_void: '作废选票',
  bind_code_issue: '生成绑定码',
  learner_levels: '学员等级设置',
  discussion_hide: '隐藏讨论',
  author_awards: '年度作者评选',
};

export const AUDIT_TARGET_KINDS = ['member', 'settings', 'roster', 'ballot', 'discussion', 'award_year'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/** A value recorded before or after a change: plain data only (never an OPENID). */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };
export type AuditState = Record<string, AuditValue>;

/** Collection `adminAudit`: append-only. */
export interface AdminAuditDoc {
  _id: string;
  action: AuditAction;
  /** The acting member, or null for a command-line script run by an operator (`actorName` says which). */
  actorId: string | null;
  actorName: string;
  targetKind: AuditTargetKind;
  targetId: string;
  /** What the target is called at the time (a member's name, a file name, an entry title). */
  targetName: string;
  before: AuditState | null;
  after: AuditState | null;
  at: Date;
}
