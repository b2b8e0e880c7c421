/** Routes inside packageStudio that carry a query, built in one place. */
export type AssignableKind = 'course' | 'series';

/** The assignment form with the course or series already chosen (from 我的课程 or 系列课). */
export function assignmentFormUrl(kind: AssignableKind, id: string, title: string): string {
  return `/packageStudio/assignment-new/index?kind=${kind}&id=${encodeURIComponent(id)}&title=${encodeURIComponent(title)}`;
}

export function assignmentUrl(assignmentId: string): string {
  return `/packageStudio/assignment/index?assignmentId=${encodeURIComponent(assignmentId)}`;
}
