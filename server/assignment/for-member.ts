/** A learner's required courses and series (必修) for the 学习 home page, due soonest first. */
import type { AssignmentDoc, AssignmentTargetDoc, MemberDoc } from '../../typings/domain';
import { COLLECTIONS } from '../core';
import type { Database } from '../core';
import { deriveAudiences } from '../roster/audiences';
import { beijingDate } from '../core/time';
import { completedCourses, targetId } from './progress';
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

export async function requiredForMember(
  db: Database,
  member: MemberDoc,
  now: Date,
): Promise<RequiredItem[]> {
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
  const assignments = result.data.filter((assignment) => targetsMember(assignment, member, now));
  if (assignments.length === 0) return [];
  const targets = (await db
    .collection(COLLECTIONS.assignmentTargets)
    .where({ _id: _.in(assignments.map((assignment) => targetId(assignment._id, member._id))) })
    .field({ assignmentId: true, done: true })
    .limit(MAX_ACTIVE_FOR_MEMBER)
    .get()) as unknown as { data: Pick<AssignmentTargetDoc, 'assignmentId' | 'done'>[] };
  const doneByAssignment = new Map(targets.data.map((target) => [target.assignmentId, target.done]));
  // Members who joined after an assignment was made have no target yet: read their records directly.
  const untracked = assignments.filter((assignment) => !doneByAssignment.has(assignment._id));
  const completed = untracked.length > 0 ? ((await completedCourses(db, [member._id], [...new Set(untracked.flatMap((a) => a.courseIds))])).get(member._id) ?? new Set<string>()) : new Set<string>();
  const items = assignments.map((assignment) => {
    const done = doneByAssignment.get(assignment._id) ?? assignment.courseIds.every((courseId) => completed.has(courseId));
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
