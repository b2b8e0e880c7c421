/** Function `user`: the caller's own identity (我的). */
import * as z from 'zod/mini';
import { contract } from '../contract';
import type { JobLevel } from '../domain';
import type { RoleGrant } from '../roles';

/** What the app shows about the caller; never carries the OPENID. */
export type MeView =
  | { bound: false }
  | {
      bound: true;
      memberId: string;
      employeeNo: string;
      name: string;
      departmentId: string;
      departmentPath: string[];
      jobLevel: JobLevel;
      active: boolean;
      roles: RoleGrant[];
    };

export const userContracts = {
  me: contract<MeView>()(z.strictObject({})),
};
