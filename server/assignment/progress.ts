/**
 * Assignment progress. Each targeted member has a document `assignmentTargets/<assignmentId>:<memberId>`
 * written when the assignment is made (and by `refreshTargets`); a course completion flips it through
 * `onCourseCompleted`, which the learning code calls once per member and course, and maintains the
 * assignment's `completedCount`. Completion per department is then one aggregation over `assignmentId`
 * (indexed), never a read of every member on each view.
 */
import type { AssignmentDoc, AssignmentTargetDoc, LearningRecordDoc, MemberDoc } from '../../typings/domain';
import { COLLECTIONS, runTransaction, txGet } from '../core';
import type { Database } from '../core';
import { txPut } from '../core/transaction';
import chunk from 'lodash/chunk';

export function targetId(assignmentId: string, memberId: string): string {
  return `${assignmentId}:${memberId}`;
}

/** `learningRecords` ids are `<memberId>:<courseId>` (the learning module's key). */
function recordId(memberId: string, courseId: string): string {
  return `${memberId}:${courseId}`;
}

/** Queries take at most 1000 documents (CloudBase's maximum). */
const MAX_QUERY = 1000;

/** Which of `courseIds` each member has completed, from the learners' records (read by id, in batches). */
export async function completedCourses(db: Database, memberIds: readonly string[], courseIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const done = new Map<string, Set<string>>();
  const ids = memberIds.flatMap((memberId) => courseIds.map((courseId) => recordId(memberId, courseId)));
  for (const batch of chunk(ids, MAX_QUERY)) {
    const result = (await db
      .collection(COLLECTIONS.learningRecords)
      .where({ _id: db.command.in(batch), completed: true })
      .field({ memberId: true, courseId: true })
      .limit(MAX_QUERY)
      .get()) as unknown as { data: Pick<LearningRecordDoc, 'memberId' | 'courseId'>[] };
    for (const record of result.data) {
      const set = done.get(record.memberId) ?? new Set<string>();
      set.add(record.courseId);
      done.set(record.memberId, set);
    }
  }
  return done;
}

export function newTarget(assignment: AssignmentDoc, member: MemberDoc, completed: ReadonlySet<string> | undefined, now: Date): AssignmentTargetDoc {
  const completedCourseIds = assignment.courseIds.filter((courseId) => completed?.has(courseId));
  const done = completedCourseIds.length === assignment.courseIds.length;
  return {
    _id: targetId(assignment._id, member._id),
    assignmentId: assignment._id,
    memberId: member._id,
    name: member.name,
    employeeNo: member.employeeNo ?? null,
    departmentId: member.departmentId,
    departmentPath: member.departmentPath,
    courseIds: assignment.courseIds,
    completedCourseIds,
    done,
    doneAt: done ? now : null,
    createdAt: now,
  };
}

/**
 * Records that `memberId` completed `courseId` on every open assignment target that needs it; a target whose
 * courses are now all complete is done and counted once on its assignment. Safe to call again.
 */
export async function onCourseCompleted(db: Database, memberId: string, courseId: string, now: Date): Promise<number> {
  const open = (await db
    .collection(COLLECTIONS.assignmentTargets)
    .where({ memberId, done: false, courseIds: courseId })
    .field({ _id: true })
    .limit(MAX_QUERY)
    .get()) as unknown as { data: Pick<AssignmentTargetDoc, '_id'>[] };
  let finished = 0;
  for (const { _id } of open.data) {
    const justDone = await runTransaction(db, async (tx) => {
      const target = await txGet<AssignmentTargetDoc>(tx, COLLECTIONS.assignmentTargets, _id);
      if (!target || target.done || target.completedCourseIds.includes(courseId)) return false;
      const completedCourseIds = [...target.completedCourseIds, courseId];
      const done = target.courseIds.every((id) => completedCourseIds.includes(id));
      await txPut(tx, COLLECTIONS.assignmentTargets, { ...target, completedCourseIds, done, doneAt: done ? now : null });
      if (done) {
        const assignment = await txGet<AssignmentDoc>(tx, COLLECTIONS.assignments, target.assignmentId);
        if (assignment)
          await tx
            .collection(COLLECTIONS.assignments)
            .doc(assignment._id)
            .update({ data: { completedCount: assignment.completedCount + 1 } });
      }
      return done;
    });
    if (justDone) finished += 1;
  }
  return finished;
}
