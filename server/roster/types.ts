/**
 * Shapes of the roster (花名册) import: the organisation documents it writes, the rows it reads and the plan
 * it produces. The member and department shapes match what the demo seed writes.
 */

import type { DepartmentDoc, JobLevel } from '../../typings/domain';
import type { RoleGrant } from '../../typings/roles';

export type { JobLevel, RoleGrant };

/** A department (部门) in collection `departments`; `_id` is `dept:` followed by the path joined by `/`. */
export type Department = DepartmentDoc;

/**
 * A member (成员) in collection `members`. Roster members have `_id` `m:<employeeNo>`; external partners
 * (外部伙伴) are invited, carry `external: true` and no employee number, and the roster never touches them.
 * Other fields may exist on the document; the roster import leaves them alone. `MemberDoc` in typings/domain
 * is the same document as the rest of the server reads it; this adds the fields the roster owns.
 */
export interface Member {
  _id: string;
  employeeNo?: string;
  name: string;
  departmentId?: string;
  departmentPath?: string[];
  jobLevel?: JobLevel;
  hireDate?: string;
  mobile?: string;
  active: boolean;
  external?: boolean;
  roles: RoleGrant[];
  leftAt?: Date;
  reactivatedAt?: Date;
  createdAt?: Date;
  updatedAt?: Date;
}

/** One valid line of the roster file. */
export interface RosterRow {
  /** Row number as a spreadsheet user sees it (1-based, header included). */
  row: number;
  employeeNo: string;
  name: string;
  departmentPath: string[];
  jobLevel: JobLevel;
  /** Calendar date `YYYY-MM-DD`. */
  hireDate: string;
  /**
   * Absent when the file has no mobile column (existing mobiles are kept); `null` when the column exists
   * and the cell is empty (the file is the source of truth, so an existing mobile is removed).
   */
  mobile?: string | null;
}

export interface RosterRejection {
  row: number;
  employeeNo?: string;
  /** Chinese, shown to the admin as it is. */
  reason: string;
}

export interface RosterParseResult {
  rows: RosterRow[];
  rejected: RosterRejection[];
}

/** Roster-owned member fields: the only ones an import compares and writes. */
export type RosterFields = Pick<Required<Member>, 'employeeNo' | 'name' | 'departmentId' | 'departmentPath' | 'jobLevel' | 'hireDate' | 'mobile'>;

/** Fields an import may set on an existing member. */
export type MemberPatchFields = Partial<RosterFields> & {
  active?: boolean;
  leftAt?: Date;
  reactivatedAt?: Date;
  updatedAt: Date;
};

/** A change to one existing member document, applied with `doc(_id).update()`. */
export interface MemberPatch {
  _id: string;
  employeeNo: string;
  set: MemberPatchFields;
  /** Fields to delete (`_.remove()`). */
  remove: ('mobile' | 'leftAt')[];
}

/** What an import did, for the admin's report. Every valid row counts in exactly one of the first four. */
export interface RosterReport {
  inserted: number;
  updated: number;
  unchanged: number;
  reactivated: number;
  deactivated: number;
  rejected: number;
  departmentsCreated: number;
}

export interface RosterPlan {
  /** New departments, parents before children. */
  departments: Department[];
  inserts: Member[];
  updates: MemberPatch[];
  reactivations: MemberPatch[];
  deactivations: MemberPatch[];
  report: RosterReport;
}

/** Audiences (受众) that courses and assignments target. */
export type Audience = 'new_hire' | 'individual' | 'first_line_manager' | 'middle_senior_manager' | 'external_partner';
