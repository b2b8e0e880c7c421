/**
 * Area `assignment` (必修): trainers assign a published course or series to departments, roles or audiences
 * with a Beijing due day, then follow completion per assignment and department and list who is not done.
 * Counts come from maintained counters (`assignedCount`, `completedCount`) and an aggregation over the
 * indexed `assignmentTargets.assignmentId`, never from reading every member on a view.
 */
import type { AssignmentDoc, AssignmentTargetDoc, CourseDoc, DepartmentDoc, MemberDoc, SeriesDoc } from '../../typings/domain';
import { assignmentContracts } from '../../typings/functions/assignment';
import type { AssignmentView, DepartmentProgress, PendingMemberView } from '../../typings/functions/assignment';
import type { PageInput } from '../../typings/functions/paging';
import {
  allOf,
  AppError,
  COLLECTIONS,
  defineAction,
  defineFunction,
  findById,
  findPage,
  inScope,
  pageOf,
  runTransaction,
  scopeCondition,
  scopeFor,
  subtreeCondition,
  txGet,
} from '../core';
import type { Database, MemberCaller, Scope, SortKey } from '../core';
import { isoDate } from '../core/published';
import { txPut } from '../core/transaction';
import { beijingDate } from '../core/time';
import { completionExport, exportTargets, pendingExport } from './export';
import { isOverdue } from './for-member';
import { completedCourses, newTarget } from './progress';
import { targetMemberCondition } from './targeting';

const MAX_QUERY = 1000;
const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];
const BY_DEPARTMENT: readonly SortKey[] = [
  { field: 'departmentId', direction: 'asc' },
  { field: '_id', direction: 'asc' },
];

function trainerScope(caller: MemberCaller): Scope {
  return scopeFor(caller.member, 'trainer') ?? [];
}

export function assignmentView(assignment: AssignmentDoc, now: Date): AssignmentView {
  return {
    assignmentId: assignment._id,
    kind: assignment.kind,
    courseId: assignment.courseId,
    seriesId: assignment.seriesId,
    title: assignment.title,
    target: { departmentIds: assignment.departmentIds, departmentNames: assignment.departmentNames, roles: assignment.roles, audiences: assignment.audiences },
    dueDay: assignment.dueDay,
    overdue: assignment.status === 'active' && isOverdue(assignment.dueDay, now) && assignment.completedCount < assignment.assignedCount,
    status: assignment.status,
    assignedCount: assignment.assignedCount,
    completedCount: assignment.completedCount,
    createdByName: assignment.createdByName,
    createdAt: isoDate(assignment.createdAt) as string,
  };
}

/** The assignment, if the caller's trainer scope covers it (an unscoped assignment needs an unscoped trainer). */
async function requireAssignment(db: Database, caller: MemberCaller, assignmentId: string): Promise<AssignmentDoc> {
  const assignment = await findById<AssignmentDoc>(db, COLLECTIONS.assignments, assignmentId);
  if (!assignment) throw new AppError('NOT_FOUND', '必修任务不存在');
  const scope = trainerScope(caller);
  if (scope !== 'all' && assignment.createdById !== caller.member._id && (assignment.scopeDepartmentIds ?? []).every((root) => !inScope(root, scope))) {
    throw new AppError('FORBIDDEN', '该必修任务不在你的管理范围内');
  }
  return assignment;
}

/** Target documents are written in transactions of this many (fewer round trips than one each). */
const TARGET_BATCH = 100;

/**
 * Writes a target document for every member the assignment targets who has none yet (new hires, moves),
 * then sets the counters from indexed counts. Members are read in `_id` order, a page at a time.
 */
async function materialiseTargets(db: Database, assignment: AssignmentDoc, now: Date): Promise<AssignmentDoc> {
  const _ = db.command;
  const condition = targetMemberCondition(db, assignment, now);
  let last = '';
  while (condition) {
    const page = (await db
      .collection(COLLECTIONS.members)
      .where(allOf(db, [condition, { _id: _.gt(last) }]))
      .orderBy('_id', 'asc')
      .limit(MAX_QUERY)
      .get()) as unknown as { data: MemberDoc[] };
    if (page.data.length === 0) break;
    last = (page.data[page.data.length - 1] as MemberDoc)._id;
    const existing = (await db
      .collection(COLLECTIONS.assignmentTargets)
      .where({ assignmentId: assignment._id, memberId: _.in(page.data.map((member) => member._id)) })
      .field({ memberId: true })
      .limit(MAX_QUERY)
      .get()) as unknown as { data: Pick<AssignmentTargetDoc, 'memberId'>[] };
    const known = new Set(existing.data.map((target) => target.memberId));
    const fresh = page.data.filter((member) => !known.has(member._id));
    const completed = await completedCourses(
      db,
      fresh.map((member) => member._id),
      assignment.courseIds,
    );
    for (let start = 0; start < fresh.length; start += TARGET_BATCH) {
      const batch = fresh.slice(start, start + TARGET_BATCH);
      await runTransaction(db, async (tx) => {
        for (const member of batch) await txPut(tx, COLLECTIONS.assignmentTargets, newTarget(assignment, member, completed.get(member._id), now));
      });
    }
    if (page.data.length < MAX_QUERY) break;
  }
  const count = async (filter: Record<string, unknown>) =>
    (
      (await db
        .collection(COLLECTIONS.assignmentTargets)
        .where({ assignmentId: assignment._id, ...filter })
        .count()) as unknown as { total: number }
    ).total;
  const assignedCount = await count({});
  const completedCount = await count({ done: true });
  return runTransaction(db, async (tx) => {
    const current = await txGet<AssignmentDoc>(tx, COLLECTIONS.assignments, assignment._id);
    if (!current) throw new AppError('NOT_FOUND', '必修任务不存在');
    await tx
      .collection(COLLECTIONS.assignments)
      .doc(assignment._id)
      .update({ data: { assignedCount, completedCount, updatedAt: now } });
    return { ...current, assignedCount, completedCount, updatedAt: now };
  });
}

async function departmentNames(db: Database, ids: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for (const id of ids) {
    const department = await findById<DepartmentDoc>(db, COLLECTIONS.departments, id);
    if (!department) throw new AppError('INVALID_INPUT', `部门 ${id} 不存在`);
    names.push(department.path.join('/'));
  }
  return names;
}

export const create = defineAction({
  ...assignmentContracts.create,
  roles: ['trainer'],
  async handler({ input, caller, db, now }) {
    const at = now();
    if ((input.courseId === undefined) === (input.seriesId === undefined)) throw new AppError('INVALID_INPUT', '请指定一门课程或一个系列（二选一）');
    if (input.departmentIds.length + input.roles.length + input.audiences.length === 0) throw new AppError('INVALID_INPUT', '请至少选择一个部门、角色或受众');
    if (input.dueDay < beijingDate(at) || Number.isNaN(Date.parse(`${input.dueDay}T00:00:00Z`))) throw new AppError('INVALID_INPUT', '截止日期不能早于今天');
    const scope = trainerScope(caller);
    for (const id of input.departmentIds) if (!inScope(id, scope)) throw new AppError('FORBIDDEN', `部门 ${id} 不在你的管理范围内`);
    let title: string;
    let courseIds: string[];
    if (input.courseId !== undefined) {
      const course = await findById<CourseDoc>(db, COLLECTIONS.courses, input.courseId);
      if (course?.status !== 'published') throw new AppError('INVALID_INPUT', '只能指派已发布的课程');
      title = course.title;
      courseIds = [course._id];
    } else {
      const series = await findById<SeriesDoc>(db, COLLECTIONS.series, input.seriesId as string);
      if (series?.status !== 'published') throw new AppError('INVALID_INPUT', '只能指派已发布的系列');
      title = series.title;
      courseIds = series.courseIds;
    }
    const assignment: AssignmentDoc = {
      // One assignment per trainer and idempotency key: a retried create answers the first one.
      _id: `a:${caller.member._id}:${input.idempotencyKey}`,
      kind: input.courseId !== undefined ? 'course' : 'series',
      courseId: input.courseId ?? null,
      seriesId: input.seriesId ?? null,
      title,
      courseIds,
      departmentIds: input.departmentIds,
      departmentNames: await departmentNames(db, input.departmentIds),
      roles: input.roles,
      audiences: input.audiences,
      scopeDepartmentIds: scope === 'all' ? null : scope,
      dueDay: input.dueDay,
      status: 'active',
      assignedCount: 0,
      completedCount: 0,
      createdById: caller.member._id,
      createdByName: caller.member.name,
      createdAt: at,
      updatedAt: at,
    };
    const stored = await runTransaction(db, async (tx) => {
      const existing = await txGet<AssignmentDoc>(tx, COLLECTIONS.assignments, assignment._id);
      if (existing) return existing;
      await txPut(tx, COLLECTIONS.assignments, assignment);
      return assignment;
    });
    // Materialising again after a retry only adds what is missing.
    return assignmentView(await materialiseTargets(db, stored, at), at);
  },
});

export const list = defineAction({
  ...assignmentContracts.list,
  roles: ['trainer'],
  async handler({ input, caller, db, now }) {
    const scope = trainerScope(caller);
    const _ = db.command;
    // A scoped trainer sees the assignments they made and those made for their departments.
    const visible = scope === 'all' ? null : _.or([{ createdById: caller.member._id }, { scopeDepartmentIds: _.in(scope) }]);
    const filter = allOf(db, [input.status === 'all' ? null : { status: input.status }, visible as Record<string, unknown> | null]);
    const at = now();
    return pageOf(await findPage<AssignmentDoc>(db, COLLECTIONS.assignments, filter, NEWEST_FIRST, input), input, (doc) => assignmentView(doc, at));
  },
});

function targetFilter(
  db: Database,
  assignmentId: string,
  scope: Scope,
  departmentId: string | undefined,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  if (departmentId !== undefined && !inScope(departmentId, scope)) throw new AppError('FORBIDDEN', '该部门不在你的管理范围内');
  return allOf(db, [
    { assignmentId, ...extra },
    departmentId !== undefined
      ? (subtreeCondition(db, 'departmentId', departmentId) as Record<string, unknown>)
      : (scopeCondition(db, 'departmentId', scope) as Record<string, unknown> | null),
  ]);
}

export const stats = defineAction({
  ...assignmentContracts.stats,
  roles: ['trainer'],
  async handler({ input, caller, db, now }) {
    const assignment = await requireAssignment(db, caller, input.assignmentId);
    const $ = db.command.aggregate;
    const result = (await db
      .collection(COLLECTIONS.assignmentTargets)
      .aggregate()
      .match(targetFilter(db, assignment._id, trainerScope(caller), undefined, {}))
      .group({ _id: '$departmentId', departmentPath: $.first('$departmentPath'), assigned: $.sum(1), completed: $.sum($.cond(['$done', 1, 0])) })
      .sort({ _id: 1 })
      .limit(MAX_QUERY)
      .end()) as unknown as { list: { _id: string; departmentPath: string[]; assigned: number; completed: number }[] };
    const departments: DepartmentProgress[] = result.list.map((row) => ({
      departmentId: row._id,
      departmentPath: row.departmentPath,
      assigned: row.assigned,
      completed: row.completed,
    }));
    return { assignment: assignmentView(assignment, now()), departments };
  },
});

function pendingView(target: AssignmentTargetDoc): PendingMemberView {
  return {
    memberId: target.memberId,
    employeeNo: target.employeeNo,
    name: target.name,
    departmentPath: target.departmentPath,
    completedCourses: target.completedCourseIds.length,
    totalCourses: target.courseIds.length,
  };
}

async function pendingPage(db: Database, caller: MemberCaller, assignmentId: string, departmentId: string | undefined, page: PageInput) {
  const assignment = await requireAssignment(db, caller, assignmentId);
  const filter = targetFilter(db, assignment._id, trainerScope(caller), departmentId, { done: false });
  return { assignment, found: await findPage<AssignmentTargetDoc>(db, COLLECTIONS.assignmentTargets, filter, BY_DEPARTMENT, page) };
}

export const pending = defineAction({
  ...assignmentContracts.pending,
  roles: ['trainer'],
  async handler({ input, caller, db }) {
    const { found } = await pendingPage(db, caller, input.assignmentId, input.departmentId, input);
    return pageOf(found, input, pendingView);
  },
});

export const exportPending = defineAction({
  ...assignmentContracts.exportPending,
  roles: ['trainer'],
  async handler({ input, caller, db, cloud, now }) {
    const assignment = await requireAssignment(db, caller, input.assignmentId);
    const filter = targetFilter(db, assignment._id, trainerScope(caller), input.departmentId, { done: false });
    return exportTargets(db, cloud, pendingExport(assignment), assignment, filter, now(), caller.member._id);
  },
});

/** Every targeted member in the caller's scope (or `departmentId`'s subtree), done or not. */
export const exportCompletion = defineAction({
  ...assignmentContracts.exportCompletion,
  roles: ['trainer'],
  async handler({ input, caller, db, cloud, now }) {
    const assignment = await requireAssignment(db, caller, input.assignmentId);
    const filter = targetFilter(db, assignment._id, trainerScope(caller), input.departmentId, {});
    return exportTargets(db, cloud, completionExport(assignment), assignment, filter, now(), caller.member._id);
  },
});

export const refreshTargets = defineAction({
  ...assignmentContracts.refreshTargets,
  roles: ['trainer'],
  async handler({ input, caller, db, now }) {
    const assignment = await requireAssignment(db, caller, input.assignmentId);
    if (assignment.status !== 'active') throw new AppError('CONFLICT', '必修任务已取消');
    const at = now();
    return assignmentView(await materialiseTargets(db, assignment, at), at);
  },
});

export const cancel = defineAction({
  ...assignmentContracts.cancel,
  roles: ['trainer'],
  async handler({ input, caller, db, now }) {
    await requireAssignment(db, caller, input.assignmentId);
    const at = now();
    const next = await runTransaction(db, async (tx) => {
      const current = await txGet<AssignmentDoc>(tx, COLLECTIONS.assignments, input.assignmentId);
      if (!current) throw new AppError('NOT_FOUND', '必修任务不存在');
      if (current.status === 'cancelled') return current;
      await tx
        .collection(COLLECTIONS.assignments)
        .doc(current._id)
        .update({ data: { status: 'cancelled', updatedAt: at } });
      return { ...current, status: 'cancelled' as const, updatedAt: at };
    });
    return assignmentView(next, at);
  },
});

export const assignmentFunction = defineFunction({
  name: 'assignment',
  actions: { create, list, stats, pending, exportPending, exportCompletion, refreshTargets, cancel },
});
