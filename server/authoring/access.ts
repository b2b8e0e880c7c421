/** Who may touch a course or series: its author, or a trainer whose scope covers the author's department. */
import type { CourseAuthoringDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, inScope, scopeFor } from '../core';
import type { Database, MemberCaller } from '../core';
import type { Author } from './revisions';

export function authorOf(member: MemberDoc): Author {
  return { memberId: member._id, name: member.name, departmentId: member.departmentId };
}

export function assertEdits(caller: MemberCaller, authoring: CourseAuthoringDoc): void {
  if (authoring.authorId === caller.member._id) return;
  if (inScope(authoring.authorDepartmentId, scopeFor(caller.member, 'trainer'))) return;
  throw new AppError('FORBIDDEN', '你只能编辑自己或管理范围内作者的课程');
}

export async function requireAuthoring(db: Database, courseId: string): Promise<CourseAuthoringDoc> {
  const authoring = await findById<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, courseId);
  if (!authoring) throw new AppError('NOT_FOUND', '课程不存在');
  return authoring;
}
