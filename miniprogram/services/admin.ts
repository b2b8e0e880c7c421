/** 管理后台: members and roles, departments, invitation codes and the roster import (admins only). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action, call, pagedAction } from './transport';

export type MemberListInput = ActionInput<'admin', 'listMembers'>;
export type MemberListPage = ActionOutput<'admin', 'listMembers'>;
/** A member as role changes answer it; the list's rows add the learner level, which the app's admin page does not show. */
export type AdminMember = ActionOutput<'admin', 'unbindMember'>;
export type RoleChange = ActionInput<'admin', 'grantRole'>;
export type Department = ActionOutput<'admin', 'listDepartments'>[number];
export type InvitationInput = ActionInput<'admin', 'createInvitation'>;
export type InvitationListPage = ActionOutput<'admin', 'listInvitations'>;
export type Invitation = InvitationListPage['items'][number];
export type RosterImportInput = ActionInput<'admin', 'importRoster'>;
export type RosterImportResult = ActionOutput<'admin', 'importRoster'>;

export const listMembers = action('admin', 'listMembers');

export const grantRole = action('admin', 'grantRole');

export const revokeRole = action('admin', 'revokeRole');

export function unbindMember(memberId: string): Promise<AdminMember> {
  return call('admin', 'unbindMember', { memberId });
}

/** Issues a one-time bind code (绑定码) for a roster member; the code is answered this once only. */
export function issueBindCode(memberId: string): Promise<ActionOutput<'admin', 'issueBindCode'>> {
  return call('admin', 'issueBindCode', { memberId });
}

export type BindAttemptListInput = ActionInput<'admin', 'listBindAttempts'>;
export type BindAttempt = ActionOutput<'admin', 'listBindAttempts'>['items'][number];
export const listBindAttempts = action('admin', 'listBindAttempts');

export function listDepartments(): Promise<Department[]> {
  return call('admin', 'listDepartments', {});
}

export const createInvitation = action('admin', 'createInvitation');

export const listInvitations = pagedAction('admin', 'listInvitations');

export function revokeInvitation(code: string): Promise<Invitation> {
  return call('admin', 'revokeInvitation', { code });
}

export const importRoster = action('admin', 'importRoster');

export type AuditLogInput = ActionInput<'admin', 'auditLog'>;
export type AuditFilter = Omit<AuditLogInput, 'page' | 'pageSize'>;
export type AuditLogPage = ActionOutput<'admin', 'auditLog'>;
export type AuditEntry = AuditLogPage['items'][number];
export type AuditKind = NonNullable<AuditFilter['kind']>;

/** 操作日志 (company-wide admins): newest first, with the page's filters. */
export function listAuditLog(filter: AuditFilter, page: number, pageSize: number): Promise<AuditLogPage> {
  return call('admin', 'auditLog', { ...filter, page, pageSize });
}

export const exportAuditLog = action('admin', 'exportAudit');
