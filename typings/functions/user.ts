/** Function `user`: the caller's own identity (我的) and binding a WeChat user to an employee (绑定). */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { requiredText } from '../schema';
import type { Audience, JobLevel } from '../domain';
import type { RoleGrant } from '../roles';

/** A member as the app shows them; never carries the OPENID. */
export interface MemberProfile {
  memberId: string;
  /** Absent for external partners (invited, not on the roster). */
  employeeNo: string | null;
  name: string;
  departmentId: string;
  departmentPath: string[];
  jobLevel: JobLevel;
  active: boolean;
  external: boolean;
  roles: RoleGrant[];
}

/** What the app shows about the caller. */
export type MeView = { bound: false } | (MemberProfile & { bound: true; audiences: Audience[] });

export const userContracts = {
  me: contract<MeView>()(z.strictObject({})),
  /**
   * Bind with employee number plus name, as on the roster, and a second factor: the dynamic token of
   * WeChat's phone-number button (`phoneCode`, matched against the roster's 手机) or a one-time bind code
   * an admin issued for this member (`bindCode`). See server/user/index.ts.
   */
  bind: contract<MeView>()(
    z.union([
      z.strictObject({ employeeNo: requiredText(32), name: requiredText(32), phoneCode: requiredText(128) }),
      z.strictObject({ employeeNo: requiredText(32), name: requiredText(32), bindCode: requiredText(32) }),
    ]),
  ),
  /** Bind with a one-time invitation code an admin generated (partners, people outside the roster). */
  redeemInvitation: contract<MeView>()(z.strictObject({ code: requiredText(32) })),
  /** The caller's own upload folder (`uploads/<openid>`, typings/uploads.ts): the only place the app may upload. */
  uploadFolder: contract<{ folder: string }>()(z.strictObject({})),
};
