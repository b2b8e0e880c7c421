/** Department choices for pickers (admin pages): one line per department, its full path, in tree order. */
import type { Department } from '../services/admin';

export interface DepartmentOption {
  /** '' for the "no department" choice (全部部门 / 全公司). */
  id: string;
  label: string;
}

export function departmentLabel(path: readonly string[]): string {
  return path.join(' / ');
}

/** Sorted by path so that a branch follows its parent; `first` (e.g. 全部部门) leads when given. */
export function departmentOptions(departments: readonly Department[], first?: string): DepartmentOption[] {
  const options = departments
    .map((department) => ({ id: department.id, label: departmentLabel(department.path) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return first === undefined ? options : [{ id: '', label: first }, ...options];
}

/** id → path label, for showing a role's scope. */
export function departmentNames(departments: readonly Department[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const department of departments) names[department.id] = departmentLabel(department.path);
  return names;
}
