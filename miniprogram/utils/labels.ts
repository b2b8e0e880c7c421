/**
 * Chinese labels for the domain's unions. The WeChat compiler cannot load runtime values from outside
 * miniprogram/, so the labels live here, typed as Record<Union, string> against typings/: a value added to a
 * union fails type-checking until it has a label. (test/miniprogram checks ROLE_LABELS against typings/roles.ts.)
 */
import type { Audience, JobLevel } from '../../typings/domain';
import type { InvitationStatus } from '../../typings/functions/admin';
import type { Role } from '../../typings/roles';

export const ROLE_LABELS: Record<Role, string> = {
  learner: '学员',
  trainer: '培训管理员',
  reviewer: '审核员',
  judge: '评委',
  admin: '管理员',
};

export type GrantableRole = Exclude<Role, 'learner'>;

/** Roles an admin grants, in the order the role picker lists them (`learner` is every member). */
export const GRANTABLE_ROLES: readonly GrantableRole[] = ['trainer', 'reviewer', 'judge', 'admin'];

export const JOB_LEVEL_LABELS: Record<JobLevel, string> = {
  individual: '基层员工',
  first_line_manager: '一线经理',
  middle_senior_manager: '中高层管理者',
};

export const AUDIENCE_LABELS: Record<Audience, string> = {
  new_hire: '新员工',
  individual: '基层员工',
  first_line_manager: '一线经理',
  middle_senior_manager: '中高层管理者',
  external_partner: '外部合作伙伴',
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  open: '未使用',
  used: '已使用',
  revoked: '已撤销',
  expired: '已过期',
};

export const EXTERNAL_PARTNER_LABEL = AUDIENCE_LABELS.external_partner;
