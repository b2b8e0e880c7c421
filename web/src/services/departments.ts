/** Departments as TDesign's tree pickers take them: the flat list (each with its parentId) folded into a tree. */
import type { DepartmentView } from '../../../typings/functions/admin';

export interface DepartmentNode {
  label: string;
  value: string;
  children?: DepartmentNode[];
}

export function departmentTree(departments: readonly DepartmentView[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>(departments.map((d) => [d.id, { label: d.name, value: d.id }]));
  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id) as DepartmentNode;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
