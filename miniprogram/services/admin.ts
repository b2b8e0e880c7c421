/** 管理后台: members and roles, departments, invitation codes and the roster import (admins only). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { call } from './transport';

export type MemberListInput = ActionInput<'admin', 'listMembers'>;
export type MemberListPage = ActionOutput<'admin', 'listMembers'>;
export type AdminMember = MemberListPage['items'][number];
export type RoleChange = ActionInput<'admin', 'grantRole'>;
export type Department = ActionOutput<'admin', 'listDepartments'>[number];
export type InvitationInput = ActionInput<'admin', 'createInvitation'>;
export type InvitationListPage = ActionOutput<'admin', 'listInvitations'>;
export type Invitation = InvitationListPage['items'][number];
export type RosterImportInput = ActionInput<'admin', 'importRoster'>;
export type RosterImportResult = ActionOutput<'admin', 'importRoster'>;

export function listMembers(input: MemberListInput): Promise<MemberListPage> {
  return call('admin', 'listMembers', input);
}

export function grantRole(change: RoleChange): Promise<AdminMember> {
  return call('admin', 'grantRole', change);
}

export function revokeRole(change: RoleChange): Promise<AdminMember> {
  return call('admin', 'revokeRole', change);
}

export function unbindMember(memberId: string): Promise<AdminMember> {
  return call('admin', 'unbindMember', { memberId });
}

export function listDepartments(): Promise<Department[]> {
  return call('admin', 'listDepartments', {});
}

export function createInvitation(input: InvitationInput): Promise<Invitation> {
  return call('admin', 'createInvitation', input);
}

export function listInvitations(page: number, pageSize: number): Promise<InvitationListPage> {
  return call('admin', 'listInvitations', { page, pageSize });
}

export function revokeInvitation(code: string): Promise<Invitation> {
  return call('admin', 'revokeInvitation', { code });
}

export function importRoster(input: RosterImportInput): Promise<RosterImportResult> {
  return call('admin', 'importRoster', input);
}
