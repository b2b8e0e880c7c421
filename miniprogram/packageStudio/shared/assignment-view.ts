/** How an assignment reads in the list and on its progress page. */
import type { Assignment } from '../../services/assignment';
import { AUDIENCE_LABELS, ROLE_LABELS } from '../../utils/labels';

export interface AssignmentSummary {
  assignmentId: string;
  title: string;
  kind: string;
  target: string;
  due: string;
  overdue: boolean;
  cancelled: boolean;
  progress: string;
  percent: number;
}

export function percentOf(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 100);
}

export function assignmentSummary(assignment: Assignment): AssignmentSummary {
  const { target } = assignment;
  const parts = [...target.departmentNames, ...target.roles.map((role) => ROLE_LABELS[role]), ...target.audiences.map((audience) => AUDIENCE_LABELS[audience])];
  return {
    assignmentId: assignment.assignmentId,
    title: assignment.title,
    kind: assignment.kind === 'series' ? '系列课' : '课程',
    target: parts.join('、'),
    due: `截止 ${assignment.dueDay}`,
    overdue: assignment.overdue,
    cancelled: assignment.status === 'cancelled',
    progress: `${assignment.completedCount}/${assignment.assignedCount} 人完成`,
    percent: percentOf(assignment.completedCount, assignment.assignedCount),
  };
}
