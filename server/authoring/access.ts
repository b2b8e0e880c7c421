/** Who may touch a course or series: its author, or a trainer whose scope covers the author's department. */
import type { CourseAuthoringDoc, MemberDoc, SeriesDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, inScope, scopeCondition, scopeFor } from '../core';
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

/**
 * Series are scoped like courses: their creator, or a trainer whose scope covers the series' department.
 * A series without one (imported, or made before series were scoped) belongs to headquarters: only
 * unscoped trainers manage it.
 */
export function managesSeries(member: Pick<MemberDoc, '_id' | 'roles'>, series: Pick<SeriesDoc, 'ownerId' | 'ownerDepartmentId'>): boolean {
  if (series.ownerId != null && series.ownerId === member._id) return true;
  const scope = scopeFor(member, 'trainer');
  if (series.ownerDepartmentId == null) return scope === 'all';
  return inScope(series.ownerDepartmentId, scope);
}

export function assertManagesSeries(caller: MemberCaller, series: SeriesDoc): void {
  if (!managesSeries(caller.member, series)) throw new AppError('FORBIDDEN', '该系列不在你的管理范围内');
}

/** A query condition for the series the member manages (null: every series). */
export function managedSeriesCondition(db: Database, member: Pick<MemberDoc, '_id' | 'roles'>): Record<string, unknown> | null {
  const scope = scopeFor(member, 'trainer') ?? [];
  if (scope === 'all') return null;
  const mine = { ownerId: member._id };
  if (scope.length === 0) return mine;
  return db.command.or([mine, scopeCondition(db, 'ownerDepartmentId', scope) as Record<string, unknown>]) as unknown as Record<string, unknown>;
}
