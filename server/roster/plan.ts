/** planRosterImport: compares the file's rows with the organisation as stored and says what to write. Pure. */
import { departmentChain, departmentId } from './departments';
import type { Department, Member, MemberPatch, RosterFields, RosterPlan, RosterRejection, RosterRow } from './types';

export interface ExistingOrganisation {
  members: readonly Member[];
  departments: readonly Department[];
}

export interface RosterPlanOptions {
  /**
   * Rows the parser rejected. Their count goes into the report, and a person whose row was rejected is not
   * treated as having left: a typo in a date must not lock someone out.
   */
  rejected?: readonly RosterRejection[];
}

export function memberId(employeeNo: string): string {
  return `m:${employeeNo}`;
}

function samePath(stored: readonly string[] | undefined, path: readonly string[]): boolean {
  return stored !== undefined && stored.length === path.length && stored.every((name, index) => name === path[index]);
}

/** The roster-owned fields of a member that differ from the row; an absent mobile column changes no mobile. */
function changedFields(member: Member, row: RosterRow): Pick<MemberPatch, 'remove'> & { set: Partial<RosterFields> } {
  const set: Partial<RosterFields> = {};
  const remove: MemberPatch['remove'] = [];
  if (member.name !== row.name) set.name = row.name;
  if (member.departmentId !== departmentId(row.departmentPath)) set.departmentId = departmentId(row.departmentPath);
  if (!samePath(member.departmentPath, row.departmentPath)) set.departmentPath = row.departmentPath;
  if (member.jobLevel !== row.jobLevel) set.jobLevel = row.jobLevel;
  if (member.hireDate !== row.hireDate) set.hireDate = row.hireDate;
  if (row.mobile === null && member.mobile !== undefined) remove.push('mobile');
  if (typeof row.mobile === 'string' && member.mobile !== row.mobile) set.mobile = row.mobile;
  return { set, remove };
}

function newMember(row: RosterRow, now: Date): Member {
  return {
    _id: memberId(row.employeeNo),
    employeeNo: row.employeeNo,
    name: row.name,
    departmentId: departmentId(row.departmentPath),
    departmentPath: row.departmentPath,
    jobLevel: row.jobLevel,
    hireDate: row.hireDate,
    ...(typeof row.mobile === 'string' ? { mobile: row.mobile } : {}),
    active: true,
    // Learner needs no grant (typings/roles); other roles are granted by admins, never by the roster.
    roles: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** Roster members by employee number; external partners are invited, not listed, so the roster ignores them. */
function rosterMembers(members: readonly Member[]): Map<string, Member> {
  const byEmployeeNo = new Map<string, Member>();
  for (const member of members) {
    if (member.external || member.employeeNo === undefined) continue;
    const known = byEmployeeNo.get(member.employeeNo);
    // Should two documents claim one number, the one with the canonical id is the roster's.
    if (!known || member._id === memberId(member.employeeNo)) byEmployeeNo.set(member.employeeNo, member);
  }
  return byEmployeeNo;
}

export function planRosterImport(rows: readonly RosterRow[], existing: ExistingOrganisation, now: Date, options: RosterPlanOptions = {}): RosterPlan {
  const rejected = options.rejected ?? [];
  const knownDepartments = new Set(existing.departments.map((department) => department._id));
  const departments: Department[] = [];
  for (const row of rows) {
    for (const department of departmentChain(row.departmentPath)) {
      if (knownDepartments.has(department._id)) continue;
      knownDepartments.add(department._id);
      departments.push(department);
    }
  }

  const members = rosterMembers(existing.members);
  const plan: RosterPlan = {
    departments,
    inserts: [],
    updates: [],
    reactivations: [],
    deactivations: [],
    report: { inserted: 0, updated: 0, unchanged: 0, reactivated: 0, deactivated: 0, rejected: rejected.length, departmentsCreated: departments.length },
  };

  for (const row of rows) {
    const member = members.get(row.employeeNo);
    if (!member) {
      plan.inserts.push(newMember(row, now));
      continue;
    }
    const { set, remove } = changedFields(member, row);
    if (!member.active) {
      if (member.leftAt !== undefined) remove.push('leftAt');
      plan.reactivations.push({ _id: member._id, employeeNo: row.employeeNo, set: { ...set, active: true, reactivatedAt: now, updatedAt: now }, remove });
    } else if (Object.keys(set).length > 0 || remove.length > 0) {
      plan.updates.push({ _id: member._id, employeeNo: row.employeeNo, set: { ...set, updatedAt: now }, remove });
    } else {
      plan.report.unchanged += 1;
    }
  }

  const listed = new Set([
    ...rows.map((row) => row.employeeNo),
    ...rejected.flatMap((rejection) => (rejection.employeeNo === undefined ? [] : [rejection.employeeNo])),
  ]);
  for (const [employeeNo, member] of members) {
    if (!member.active || listed.has(employeeNo)) continue;
    plan.deactivations.push({ _id: member._id, employeeNo, set: { active: false, leftAt: now, updatedAt: now }, remove: [] });
  }

  plan.report.inserted = plan.inserts.length;
  plan.report.updated = plan.updates.length;
  plan.report.reactivated = plan.reactivations.length;
  plan.report.deactivated = plan.deactivations.length;
  return plan;
}
