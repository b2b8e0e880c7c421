/** A learner's required courses and series (必修) for the 学习 home page, due soonest first. */
import type { AssignmentDoc, MemberDoc } from '../../typings/domain';
import { COLLECTIONS } from '../core';
import type { Database } from '../core';
import { deriveAudiences } from '../core';
import { beijingDate } from '../core/time';
import { completedCourses } from './progress';
import { departmentAncestors, memberRoles, targetsMember } from './targeting';

export interface RequiredItem {
  assignmentId: string;
  courseId: string | null;
  seriesId: string | null;
  title: string;
  dueDay: string;
  overdue: boolean;
  completed: boolean;
}

/** Active assignments one member can match; a company runs tens of them at once (chosen bound). */
const MAX_ACTIVE_FOR_MEMBER = 100;

/** Whether `dueDay` (Beijing) has passed at `now`: the due day itself is still on time. */
export function isOverdue(dueDay: string, now: Date): boolean {
  return dueDay < beijingDate(now);
}

/** The active assignments that target `member` (one query; the learner's records say which are done). */
export async function activeAssignmentsFor(db: Database, member: MemberDoc, now: Date): Promise<AssignmentDoc[]> {
  const _ = db.command;
  const audiences = deriveAudiences(member, now);
  const alternatives: Record<string, unknown>[] = [{ departmentIds: _.in(departmentAncestors(member.departmentId)) }, { roles: _.in(memberRoles(member)) }];
  if (audiences.length > 0) alternatives.push({ audiences: _.in(audiences) });
  const result = (await db
    .collection(COLLECTIONS.assignments)
    .where(_.and([{ status: 'active' }, _.or(alternatives)]))
    .orderBy('dueDay', 'asc')
    .orderBy('_id', 'asc')
    .limit(MAX_ACTIVE_FOR_MEMBER)
    .get()) as unknown as { data: AssignmentDoc[] };
  return result.data.filter((assignment) => targetsMember(assignment, member, now));
}

/**
 * The member's required items from their assignments and the courses they completed. An assignment is done
 * when every one of its courses is completed: exactly what its target's `done` records (server/assignment/
 * progress.ts), read here from the records themselves, which completion never reverts, so the home page
 * needs neither the targets nor a second read for members who joined after the assignment was made.
 */
export function requiredItemsOf(assignments: readonly AssignmentDoc[], completed: ReadonlySet<string>, now: Date): RequiredItem[] {
  const items = assignments.map((assignment) => {
    const done = assignment.courseIds.every((courseId) => completed.has(courseId));
    return {
      assignmentId: assignment._id,
      courseId: assignment.courseId,
      seriesId: assignment.seriesId,
      title: assignment.title,
      dueDay: assignment.dueDay,
      overdue: !done && isOverdue(assignment.dueDay, now),
      completed: done,
    };
  });
  // Still to do first (by due day), then completed ones.
  return items.sort((a, b) => Number(a.completed) - Number(b.completed) || a.dueDay.localeCompare(b.dueDay));
}

export async function requiredForMember(db: Database, member: MemberDoc, now: Date): Promise<RequiredItem[]> {
  const assignments = await activeAssignmentsFor(db, member, now);
  if (assignments.length === 0) return [];
  const completed = (await completedCourses(db, [member._id], [...new Set(assignments.flatMap((a) => a.courseIds))])).get(member._id) ?? new Set<string>();
  return requiredItemsOf(assignments, completed, now);
}
