/**
 * rosterChanges: the plan as the admin reads it before applying, who is added, changed (field by field),
 * brought back and deactivated, so a preview shows people and values, not only counts. Pure.
 */
import type { RosterChanges, RosterDiffMember, RosterFieldChange } from '../../typings/functions/admin';
import { ROSTER_DIFF_LISTED } from '../../typings/functions/admin';
import { jobLevelLabel } from './fields';
import type { ExistingOrganisation } from './plan';
import type { Member, MemberPatch, RosterPlan } from './types';

/** A mobile in a diff shows its first three and last four digits: enough to recognise, not to copy. */
function maskMobile(mobile: string | undefined | null): string | null {
  if (!mobile) return null;
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';
}

function path(departmentPath: readonly string[] | undefined): string | null {
  return departmentPath && departmentPath.length > 0 ? departmentPath.join('/') : null;
}

function fieldChanges(member: Member, patch: MemberPatch): RosterFieldChange[] {
  const { set } = patch;
  const changes: RosterFieldChange[] = [];
  if (set.name !== undefined) changes.push({ field: 'name', before: member.name, after: set.name });
  if (set.departmentPath !== undefined || set.departmentId !== undefined) {
    changes.push({ field: 'department', before: path(member.departmentPath), after: path(set.departmentPath ?? member.departmentPath) });
  }
  if (set.jobLevel !== undefined)
    changes.push({ field: 'jobLevel', before: member.jobLevel ? jobLevelLabel(member.jobLevel) : null, after: jobLevelLabel(set.jobLevel) });
  if (set.hireDate !== undefined) changes.push({ field: 'hireDate', before: member.hireDate ?? null, after: set.hireDate });
  if (set.mobile !== undefined || patch.remove.includes('mobile'))
    changes.push({ field: 'mobile', before: maskMobile(member.mobile), after: maskMobile(set.mobile) });
  return changes;
}

/** The member as the file names them after the change (the stored fields where the file changes none). */
function diffMember(member: Member, patch?: MemberPatch): RosterDiffMember {
  return {
    employeeNo: member.employeeNo ?? patch?.employeeNo ?? '',
    name: patch?.set.name ?? member.name,
    departmentPath: patch?.set.departmentPath ?? member.departmentPath ?? [],
  };
}

const byEmployeeNo = (a: RosterDiffMember, b: RosterDiffMember) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0);

function listed<T extends RosterDiffMember>(items: T[]): T[] {
  return items.sort(byEmployeeNo).slice(0, ROSTER_DIFF_LISTED);
}

export function rosterChanges(plan: RosterPlan, existing: ExistingOrganisation): RosterChanges {
  const stored = new Map(existing.members.map((member) => [member._id, member]));
  const withFields = (patch: MemberPatch) => {
    const member = stored.get(patch._id) as Member;
    return { ...diffMember(member, patch), fields: fieldChanges(member, patch) };
  };
  return {
    added: listed(plan.inserts.map((member) => diffMember(member))),
    changed: listed(plan.updates.map(withFields)),
    reactivated: listed(plan.reactivations.map(withFields)),
    deactivated: listed(plan.deactivations.map((patch) => diffMember(stored.get(patch._id) as Member))),
  };
}
