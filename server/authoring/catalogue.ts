/**
 * The staff catalogue (课程目录) the console's courses table pages through: every author's course, not only the
 * caller's (`listMyCourses`), limited to the authors inside the caller's scope. A trainer, reviewer or admin
 * grant scoped to a branch shows the courses whose author works in that branch; an unscoped grant shows all;
 * the caller's own courses always show. Filters and the order are the server's, so paging stays exact.
 */
import type { CourseAuthoringDoc, MemberDoc } from '../../typings/domain';
import { authoringContracts } from '../../typings/functions/authoring';
import type { CatalogueCourseView } from '../../typings/functions/authoring';
import type { Role } from '../../typings/roles';
import { COLLECTIONS, defineAction, findPage, pageOf, scopeCondition, scopeFor } from '../core';
import type { Database, Scope } from '../core';
import { escapeRegExp } from '../core/scope';
import { isoDate } from '../core/published';
import { authoredCourseView } from './views';

const STAFF = ['trainer', 'reviewer', 'admin'] as const satisfies readonly Role[];

/** The union of the member's staff scopes: 'all' when any grant is unscoped. */
export function staffScope(member: Pick<MemberDoc, 'roles'>): Scope {
  const roots = new Set<string>();
  for (const role of STAFF) {
    const scope = scopeFor(member, role);
    if (scope === 'all') return 'all';
    for (const root of scope ?? []) roots.add(root);
  }
  return [...roots].sort();
}

function catalogueView(doc: CourseAuthoringDoc): CatalogueCourseView {
  return { ...authoredCourseView(doc), authorId: doc.authorId, authorName: doc.authorName, createdAt: isoDate(doc.createdAt) as string };
}

function and(db: Database, conditions: Record<string, unknown>[]): Record<string, unknown> {
  if (conditions.length === 0) return {};
  return conditions.length === 1 ? (conditions[0] as Record<string, unknown>) : (db.command.and(conditions) as unknown as Record<string, unknown>);
}

export const listCourses = defineAction({
  ...authoringContracts.listCourses,
  roles: STAFF,
  async handler({ input, caller, db }) {
    const conditions: Record<string, unknown>[] = [];
    const scope = staffScope(caller.member);
    if (scope !== 'all') {
      const mine = { authorId: caller.member._id };
      conditions.push(
        scope.length === 0
          ? mine
          : (db.command.or([mine, scopeCondition(db, 'authorDepartmentId', scope) as Record<string, unknown>]) as unknown as Record<string, unknown>),
      );
    }
    if (input.status) conditions.push({ courseStatus: input.status });
    if (input.category) conditions.push({ category: input.category });
    if (input.authorId) conditions.push({ authorId: input.authorId });
    if (input.keyword) conditions.push({ title: db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' }) });
    const sort = [
      { field: input.sort, direction: input.direction },
      { field: '_id', direction: 'asc' as const },
    ];
    const found = await findPage<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, and(db, conditions), sort, input);
    return pageOf(found, input, catalogueView);
  },
});
