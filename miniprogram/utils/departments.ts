/** Department choices for pickers (admin pages): one line per department, its full path, in tree order. */
import type { Department } from '../services/admin';

export interface DepartmentOption {
  /** '' for the "no department" choice (全部部门 / 全公司). */
  id: string;
  label: string;
}

const byLabel = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function departmentLabel(path: readonly string[]): string {
  return path.join(' / ');
}

/** Sorted by path so that a branch follows its parent; `first` (e.g. 全部部门) leads when given. */
export function departmentOptions(departments: readonly Department[], first?: string): DepartmentOption[] {
  const options = departments.map((department) => ({ id: department.id, label: departmentLabel(department.path) })).sort((a, b) => byLabel(a.label, b.label));
  return first === undefined ? options : [{ id: '', label: first }, ...options];
}

/** The same choices as { value, label }, as components/picker-field and components/chips take them. */
export function departmentChoices(departments: readonly Department[], first?: string): { value: string; label: string }[] {
  return departmentOptions(departments, first).map((option) => ({ value: option.id, label: option.label }));
}

/** id → path label, for showing a role's scope. */
export function departmentNames(departments: readonly Department[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const department of departments) names[department.id] = departmentLabel(department.path);
  return names;
}

// The department picker (components/department-picker): rows, chosen tags, and what a tap chooses.

export interface DepartmentRow {
  id: string;
  name: string;
  /** The parent's path ('' for a top-level department), shown under the name. */
  parentPath: string;
  depth: number;
  checked: boolean;
  /** Chosen through an ancestor: shown checked, not choosable on its own. */
  implied: boolean;
}

export interface PickedDepartment {
  id: string;
  label: string;
}

/** The department's ancestors' ids, nearest first (a broken parent link ends the walk). */
function ancestorsOf(id: string, parents: ReadonlyMap<string, string | null>): string[] {
  const ancestors: string[] = [];
  let parent = parents.get(id) ?? null;
  while (parent !== null && !ancestors.includes(parent)) {
    ancestors.push(parent);
    parent = parents.get(parent) ?? null;
  }
  return ancestors;
}

function parentsOf(departments: readonly Department[]): Map<string, string | null> {
  return new Map(departments.map((department) => [department.id, department.parentId]));
}

/** Tree order: by path, so a branch follows its parent. */
function inTreeOrder(departments: readonly Department[]): Department[] {
  return [...departments].sort((a, b) => byLabel(departmentLabel(a.path), departmentLabel(b.path)));
}

/** The rows to show for `query` (matched against names, ignoring case and surrounding spaces). */
export function departmentRows(departments: readonly Department[], selected: readonly string[], query: string): DepartmentRow[] {
  const chosen = new Set(selected);
  const parents = parentsOf(departments);
  const needle = query.trim().toLowerCase();
  return inTreeOrder(departments)
    .filter((department) => needle === '' || department.name.toLowerCase().includes(needle))
    .map((department) => {
      const implied = ancestorsOf(department.id, parents).some((ancestor) => chosen.has(ancestor));
      return {
        id: department.id,
        name: department.name,
        parentPath: departmentLabel(department.path.slice(0, -1)),
        depth: needle === '' ? department.path.length - 1 : 0,
        checked: implied || chosen.has(department.id),
        implied,
      };
    });
}

/** The chosen departments with their paths, in tree order (ids no longer listed are kept, by id). */
export function pickedDepartments(departments: readonly Department[], selected: readonly string[]): PickedDepartment[] {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const known = inTreeOrder(departments.filter((department) => selected.includes(department.id)));
  const unknown = selected.filter((id) => !byId.has(id));
  return [...known.map((department) => ({ id: department.id, label: departmentLabel(department.path) })), ...unknown.map((id) => ({ id, label: id }))];
}

/** `selected` after tapping `id`: off when on; on (dropping its chosen descendants) when off; implied ones stay. */
export function toggledDepartment(departments: readonly Department[], selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((one) => one !== id);
  const parents = parentsOf(departments);
  if (ancestorsOf(id, parents).some((ancestor) => selected.includes(ancestor))) return [...selected];
  return [...selected.filter((one) => !ancestorsOf(one, parents).includes(id)), id];
}
