/** Routes inside packageStudio that carry a query, built through the route table (utils/routes.ts). */
import type { AssignableKind } from '../../../typings/domain';
import { routeUrl } from '../../utils/routes';

export type { AssignableKind };

/** The assignment form with the course or series already chosen (from 我的课程 or 系列课). */
export function assignmentFormUrl(kind: AssignableKind, id: string, title: string): string {
  return routeUrl('packageStudio/assignment-new', { kind, id, title });
}

export function assignmentUrl(assignmentId: string): string {
  return routeUrl('packageStudio/assignment', { assignmentId });
}
