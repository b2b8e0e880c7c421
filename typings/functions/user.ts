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

/** Bounds of the binding inputs; the binding page reads the same numbers (miniprogram/utils/limits.ts). */
export const BIND_LIMITS = { employeeNo: 32, name: 32, bindCode: 32, invitationCode: 32, phoneCode: 128 } as const;

export const userContracts = {
  me: contract<MeView>()(z.strictObject({})),
  /**
   * Bind with employee number plus name, as on the roster, and a second factor: the dynamic token of
   * WeChat's phone-number button (`phoneCode`, matched against the roster's 手机) or a one-time bind code
   * an admin issued for this member (`bindCode`). See server/user/actions.ts.
   */
  bind: contract<MeView>()(
    z.union([
      z.strictObject({
        employeeNo: requiredText(BIND_LIMITS.employeeNo),
        name: requiredText(BIND_LIMITS.name),
        phoneCode: requiredText(BIND_LIMITS.phoneCode),
      }),
      z.strictObject({ employeeNo: requiredText(BIND_LIMITS.employeeNo), name: requiredText(BIND_LIMITS.name), bindCode: requiredText(BIND_LIMITS.bindCode) }),
    ]),
  ),
  /** Bind with a one-time invitation code an admin generated (partners, people outside the roster). */
  redeemInvitation: contract<MeView>()(z.strictObject({ code: requiredText(BIND_LIMITS.invitationCode) })),
  /** The caller's own upload folder (`uploads/<openid>`, typings/uploads.ts): the only place the app may upload. */
  uploadFolder: contract<{ folder: string }>()(z.strictObject({})),
};
