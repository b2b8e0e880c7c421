/**
 * The console's home (首页): what needs the caller's attention, each count narrowed to what the caller's
 * grants let them act on, so a number never promises work the server would then refuse.
 *
 * - 待我评审 (reviewer): revisions in review still waiting for the caller's score (their review queue).
 * - 待审核报名 (trainer, admin): pending sign-ups of the campaigns the caller manages (managing scope).
 * - 待发放订单 (company-wide admin, as mall orders are): redemption orders not yet fulfilled.
 * - 评审中的大赛轮次 (judge: rounds they judge; trainer, admin: rounds of contests they run) with judging open today.
 * - 逾期必修 (trainer, admin): members in the caller's scope who have not completed a required course
 *   past its due day, by department.
 *
 * Counts, not lists: each is one `count` (or one aggregation), at most 9 database operations in all, and
 * they run in parallel.
 */
import type { MemberDoc } from '../../typings/domain';
import type { AttentionItem, ConsoleHome, OverdueByDepartment } from '../../typings/functions/web-console';
import type { Role } from '../../typings/roles';
import { allOf, COLLECTIONS, byIds, docsOf, scopeCondition, scopeFor } from '../core';
import type { Database, Scope } from '../core';
import { beijingDate } from '../core/time';

/** Most campaigns, contests and overdue assignments counted; beyond that the home is not where to look. */
const MAX_OWNED = 100;
const MAX_DEPARTMENTS = 20;

async function count(db: Database, collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS], filter: unknown): Promise<number> {
  const { total } = (await db
    .collection(collection)
    .where(filter as Record<string, unknown>)
    .count()) as unknown as { total: number };
  return total;
}

async function ids(db: Database, collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS], filter: unknown): Promise<string[]> {
  const docs = await docsOf<{ _id: string }>(
    db
      .collection(collection)
      .where(filter as Record<string, unknown>)
      .field({ _id: true })
      .limit(MAX_OWNED),
  );
  return docs.map((doc) => doc._id);
}

/** The wider of two scopes (a member may hold trainer in one branch and admin in another). */
function union(a: Scope | null, b: Scope | null): Scope | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])];
}

async function pendingSignUps(db: Database, scope: Scope): Promise<number> {
  const _ = db.command;
  if (scope === 'all') return count(db, COLLECTIONS.campaignEnrollments, { status: 'pending' });
  const campaigns = await ids(db, COLLECTIONS.campaigns, allOf(db, [{ status: 'published' }, scopeCondition(db, 'scopeDepartmentId', scope)]));
  return campaigns.length === 0 ? 0 : count(db, COLLECTIONS.campaignEnrollments, { campaignId: _.in(campaigns), status: 'pending' });
}

async function roundsInJudging(db: Database, member: MemberDoc, today: string, organiserScope: Scope | null, judge: boolean): Promise<number> {
  const _ = db.command;
  const open = { judgingStartDay: _.lte(today), judgingEndDay: _.gte(today) };
  if (organiserScope === 'all') return count(db, COLLECTIONS.contestRounds, open);
  if (organiserScope !== null) {
    const contests = await ids(db, COLLECTIONS.contests, scopeCondition(db, 'scopeDepartmentId', organiserScope));
    return contests.length === 0 ? 0 : count(db, COLLECTIONS.contestRounds, { ...open, contestId: _.in(contests) });
  }
  return judge ? count(db, COLLECTIONS.contestRounds, { ...open, judgeIds: member._id }) : 0;
}

async function overdueByDepartment(db: Database, scope: Scope, today: string): Promise<OverdueByDepartment[]> {
  const _ = db.command;
  const overdue = await ids(db, COLLECTIONS.assignments, { status: 'active', dueDay: _.lt(today) });
  if (overdue.length === 0) return [];
  const match = allOf(db, [{ assignmentId: _.in(overdue), done: false }, scopeCondition(db, 'departmentId', scope)]);
  const { list } = (await db
    .collection(COLLECTIONS.assignmentTargets)
    .aggregate()
    .match(match)
    .group({ _id: '$departmentId', overdue: db.command.aggregate.sum(1) })
    .sort({ overdue: -1 })
    .limit(MAX_DEPARTMENTS)
    .end()) as unknown as { list: { _id: string; overdue: number }[] };
  const departments = await byIds<{ _id: string; name: string; path?: string[] }>(
    db,
    COLLECTIONS.departments,
    list.map((row) => row._id),
  );
  const nameOf = (id: string): string => {
    const department = departments.get(id);
    return department?.path?.join(' / ') || department?.name || id;
  };
  return list.map((row) => ({ departmentId: row._id, departmentName: nameOf(row._id), overdue: row.overdue }));
}

export async function consoleHome(db: Database, member: MemberDoc, now: Date): Promise<ConsoleHome> {
  const today = beijingDate(now);
  const held = (role: Role) => member.roles.some((grant) => grant.role === role);
  const adminScope = scopeFor(member, 'admin');
  const managerScope = union(scopeFor(member, 'trainer'), adminScope);
  const [reviews, signUps, orders, judging, overdue] = await Promise.all([
    held('reviewer') ? count(db, COLLECTIONS.courseRevisions, { status: 'in_review', pendingReviewerIds: member._id }) : null,
    managerScope ? pendingSignUps(db, managerScope) : null,
    adminScope === 'all' ? count(db, COLLECTIONS.mallOrders, { status: 'pending' }) : null,
    // Contests are run by trainers and admins alike (typings/functions/contest.ts CONTEST_ORGANISER_ROLES).
    managerScope !== null || held('judge') ? roundsInJudging(db, member, today, managerScope, held('judge')) : null,
    managerScope ? overdueByDepartment(db, managerScope, today) : null,
  ]);
  const attention: AttentionItem[] = [];
  if (reviews !== null) attention.push({ key: 'reviews', label: '待我评审的课程', count: reviews });
  if (signUps !== null) attention.push({ key: 'signUps', label: '待审核的活动报名', count: signUps });
  if (orders !== null) attention.push({ key: 'orders', label: '待发放的兑换订单', count: orders });
  if (judging !== null) attention.push({ key: 'judging', label: '评审中的大赛轮次', count: judging });
  if (overdue !== null) attention.push({ key: 'overdue', label: '逾期未完成必修的人次', count: overdue.reduce((sum, row) => sum + row.overdue, 0) });
  return { name: member.name, roles: [...new Set(member.roles.map((grant) => grant.role))], attention, overdueByDepartment: overdue ?? [] };
}
