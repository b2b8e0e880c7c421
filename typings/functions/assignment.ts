/**
 * Function `assignment` (必修): trainers assign a course or a series to departments (subtrees), roles or
 * audiences with a due day (Beijing), and follow completion per assignment and per department.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { day, id } from '../schema';
import { ASSIGNMENT_STATUSES, AUDIENCES } from '../domain';
import type { AssignableKind, AssignmentStatus, Audience } from '../domain';
import { ROLES } from '../roles';
import type { Role } from '../roles';
import { type Page, pageInputShape } from './paging';

/** Who an assignment targets: a member is targeted when any one of the lists matches them. */
export interface AssignmentTargetView {
  /** Department ids; each covers its whole subtree. */
  departmentIds: string[];
  /** Department display paths, in the order of `departmentIds`. */
  departmentNames: string[];
  roles: Role[];
  audiences: Audience[];
}

export interface AssignmentView {
  assignmentId: string;
  kind: AssignableKind;
  courseId: string | null;
  seriesId: string | null;
  title: string;
  target: AssignmentTargetView;
  /** Beijing day, YYYY-MM-DD: the last day to complete. */
  dueDay: string;
  overdue: boolean;
  status: AssignmentStatus;
  /** Members targeted when the assignment was made (refreshed by `refreshTargets`). */
  assignedCount: number;
  completedCount: number;
  createdByName: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface DepartmentProgress {
  departmentId: string;
  departmentPath: string[];
  assigned: number;
  completed: number;
}

export interface AssignmentStats {
  assignment: AssignmentView;
  /** One row per department with targeted members, within the caller's scope. */
  departments: DepartmentProgress[];
}

/** A targeted member who has not completed yet. */
export interface PendingMemberView {
  memberId: string;
  employeeNo: string | null;
  name: string;
  departmentPath: string[];
  /** For a series: courses of the series this member completed. */
  completedCourses: number;
  totalCourses: number;
}

/** The assignment list's status filter. */
export const ASSIGNMENT_STATUS_FILTERS = [...ASSIGNMENT_STATUSES, 'all'] as const;

export const assignmentContracts = {
  /** Assigns a published course or series; at least one of departments, roles or audiences is required. */
  create: contract<AssignmentView>()(
    z.strictObject({
      courseId: z.optional(id),
      seriesId: z.optional(id),
      departmentIds: z._default(z.array(id).check(z.maxLength(50)), []),
      roles: z._default(z.array(z.enum(ROLES)).check(z.maxLength(ROLES.length)), []),
      audiences: z._default(z.array(z.enum(AUDIENCES)).check(z.maxLength(AUDIENCES.length)), []),
      dueDay: day,
      /** Retrying with the same key answers the assignment already made. */
      idempotencyKey: z.string().check(z.minLength(8), z.maxLength(64)),
    }),
  ),
  /** Assignments the caller can see (their scope), newest first. */
  list: contract<Page<AssignmentView>>()(z.strictObject({ ...pageInputShape, status: z._default(z.enum(ASSIGNMENT_STATUS_FILTERS), 'active') })),
  /** Completion per department (within the caller's scope). */
  stats: contract<AssignmentStats>()(z.strictObject({ assignmentId: id })),
  /** Paged list of targeted members not done yet, optionally within one department subtree. */
  pending: contract<Page<PendingMemberView>>()(z.strictObject({ ...pageInputShape, assignmentId: id, departmentId: z.optional(id) })),
  /** The members not done as an Excel file in cloud storage; `url` is a temporary download link. */
  exportPending: contract<{ fileID: string; url: string; rows: number }>()(z.strictObject({ assignmentId: id, departmentId: z.optional(id) })),
  /** Every targeted member, done or not, with the completion time, as an Excel file (the full completion list). */
  exportCompletion: contract<{ fileID: string; url: string; rows: number }>()(z.strictObject({ assignmentId: id, departmentId: z.optional(id) })),
  /** Adds members who match the targeting now but did not when the assignment was made (new hires, moves). */
  refreshTargets: contract<AssignmentView>()(z.strictObject({ assignmentId: id })),
  cancel: contract<AssignmentView>()(z.strictObject({ assignmentId: id })),
};
