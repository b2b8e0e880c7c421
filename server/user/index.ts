/** Area `user`: the caller's own identity. */
import type { MeView } from '../../typings/functions/user';
import { userContracts } from '../../typings/functions/user';
import { defineAction, defineFunction } from '../core';

export const me = defineAction({
  ...userContracts.me,
  roles: 'anyone',
  async handler({ caller }): Promise<MeView> {
    const { member } = caller;
    if (!member) return { bound: false };
    return {
      bound: true,
      memberId: member._id,
      employeeNo: member.employeeNo,
      name: member.name,
      departmentId: member.departmentId,
      departmentPath: member.departmentPath,
      jobLevel: member.jobLevel,
      active: member.active,
      roles: member.roles,
    };
  },
});

export const userFunction = defineFunction({ name: 'user', actions: { me } });
