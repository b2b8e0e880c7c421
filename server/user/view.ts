/** The caller's own view (我的), shared by `me` and the binding actions. */
import type { MemberDoc } from '../../typings/domain';
import type { MemberProfile, MeView } from '../../typings/functions/user';
import { deriveAudiences } from '../core';

/**
 * The new-hire window is `DEFAULT_NEW_HIRE_DAYS` in server/core/audiences.ts (90 days): the one place the
 * setting lives; change it there.
 */
export function memberProfile(member: MemberDoc): MemberProfile {
  return {
    memberId: member._id,
    employeeNo: member.external ? null : (member.employeeNo ?? null),
    name: member.name,
    departmentId: member.departmentId,
    departmentPath: member.departmentPath,
    jobLevel: member.jobLevel,
    active: member.active,
    external: member.external === true,
    roles: member.roles,
  };
}

export function meView(member: MemberDoc, now: Date): MeView {
  return { bound: true, ...memberProfile(member), audiences: deriveAudiences(member, now) };
}
