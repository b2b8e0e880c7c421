/** 必修任务: assignments of a course or series, their completion and the people not done (function `assignment`). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action, call } from './transport';

export type AssignmentInput = ActionInput<'assignment', 'create'>;
export type AssignmentPage = ActionOutput<'assignment', 'list'>;
export type Assignment = AssignmentPage['items'][number];
export type AssignmentStats = ActionOutput<'assignment', 'stats'>;
export type DepartmentProgress = AssignmentStats['departments'][number];
export type PendingPage = ActionOutput<'assignment', 'pending'>;
export type PendingMember = PendingPage['items'][number];
export type PendingExport = ActionOutput<'assignment', 'exportPending'>;

export const createAssignment = action('assignment', 'create');

export function listAssignments(page: number, pageSize: number): Promise<AssignmentPage> {
  return call('assignment', 'list', { page, pageSize, status: 'all' });
}

export function assignmentStats(assignmentId: string): Promise<AssignmentStats> {
  return call('assignment', 'stats', { assignmentId });
}

/** People not done, optionally within one department subtree ('' = everyone in the caller's scope). */
export function listPending(assignmentId: string, departmentId: string, page: number, pageSize: number): Promise<PendingPage> {
  return call('assignment', 'pending', { assignmentId, page, pageSize, ...(departmentId ? { departmentId } : {}) });
}

export function exportPending(assignmentId: string, departmentId: string): Promise<PendingExport> {
  return call('assignment', 'exportPending', { assignmentId, ...(departmentId ? { departmentId } : {}) });
}

export function refreshTargets(assignmentId: string): Promise<Assignment> {
  return call('assignment', 'refreshTargets', { assignmentId });
}

export function cancelAssignment(assignmentId: string): Promise<Assignment> {
  return call('assignment', 'cancel', { assignmentId });
}
