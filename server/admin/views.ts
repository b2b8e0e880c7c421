/** What the admin pages see of members, departments and invitations (never an OPENID). */
import type { DepartmentDoc, InvitationDoc, MemberDoc } from '../../typings/domain';
import type { DepartmentView, InvitationStatus, InvitationView, MemberAdminView } from '../../typings/functions/admin';
import { isoDate } from '../core/published';
import { memberProfile } from '../user';

export function memberAdminView(member: MemberDoc): MemberAdminView {
  return { ...memberProfile(member), bound: typeof member.boundOpenid === 'string' && member.boundOpenid !== '' };
}

export function departmentView(department: DepartmentDoc): DepartmentView {
  return { id: department._id, name: department.name, path: department.path, parentId: department.parentId };
}

export function invitationStatus(invitation: InvitationDoc, now: Date): InvitationStatus {
  if (invitation.status === 'open' && new Date(invitation.expiresAt).getTime() <= now.getTime()) return 'expired';
  return invitation.status;
}

export function invitationView(invitation: InvitationDoc, now: Date): InvitationView {
  return {
    code: invitation._id,
    name: invitation.name,
    note: invitation.note,
    departmentId: invitation.departmentId,
    departmentPath: invitation.departmentPath,
    status: invitationStatus(invitation, now),
    createdAt: isoDate(invitation.createdAt) as string,
    expiresAt: isoDate(invitation.expiresAt) as string,
    usedAt: isoDate(invitation.usedAt),
    usedByMemberId: invitation.usedByMemberId ?? null,
  };
}
