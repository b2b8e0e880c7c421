/**
 * An overdue required course (逾期必修) for the console home's "overdue by department": 数据隐私保护 required of
 * three branches, made three weeks ago as the demo trainer would (the assignment code, so its targets and
 * counters are real) and due a week ago. Some members finished it in time through the learning code (their
 * targets flip as a completion would flip them), a different share per branch, so the home shows a different
 * count per department. Who finishes is fixed by the member's place in their branch, and every instant is
 * whole days before the seeding's Beijing day, so the figures do not depend on when the demo is seeded.
 */
import type { Database, WxCloud } from '../../server/core';
import { COLLECTIONS, findById, isInSubtree, resolveCaller } from '../../server/core';
import { parseInput } from '../../server/core/validate';
import { create as createAssignment } from '../../server/assignment/actions';
import { departmentId } from '../../server/roster';
import { beijingDate } from '../../server/core/time';
import type { CourseDoc } from '../../typings/domain';
import type { AssignmentView } from '../../typings/functions/assignment';
import { courseIdOf } from '../import-courses';
import type { buildDemoCompany } from './company';
import { DEMO_AUTHOR_OPENID } from './courses';
import { settleReports, study } from './share';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export const OVERDUE_COURSE = courseIdOf('data-privacy');
export const OVERDUE_KEY = 'demo-required-data-privacy-overdue';

/** The branches it is required of, with the share of each branch's members who finished in time. */
export const OVERDUE_BRANCHES: readonly { branch: string; finishedEvery: number }[] = [
  // Every second member finished, every fourth, nobody.
  { branch: '华东分公司', finishedEvery: 2 },
  { branch: '华南分公司', finishedEvery: 4 },
  { branch: '西南分公司', finishedEvery: 0 },
];

/** Noon (Beijing) `days` before `now`'s Beijing day. */
function beijingNoonBefore(now: Date, days: number): Date {
  const midnight = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
  return new Date(midnight - days * DAY_MS + 12 * 3_600_000);
}

export interface OverdueDemoResult {
  assigned: number;
  overdue: number;
}

export async function seedOverdueDemo(db: Database, cloud: WxCloud, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<OverdueDemoResult> {
  const course = await findById<CourseDoc>(db, COLLECTIONS.courses, OVERDUE_COURSE);
  if (!course) throw new Error(`演示课程 ${OVERDUE_COURSE} 不存在`);
  const made = beijingNoonBefore(now, 21);
  const caller = await resolveCaller(db, { openid: DEMO_AUTHOR_OPENID, appid: null, unionid: null }, createAssignment.roles);
  const input = parseInput(createAssignment.input, {
    courseId: OVERDUE_COURSE,
    departmentIds: OVERDUE_BRANCHES.map(({ branch }) => departmentId([branch])),
    dueDay: beijingDate(beijingNoonBefore(now, 7)),
    idempotencyKey: OVERDUE_KEY,
  });
  const assignment = (await createAssignment.handler({ input, caller, db, cloud, requestId: `demo-seed:${OVERDUE_KEY}`, now: () => made })) as AssignmentView;

  for (const { branch, finishedEvery } of OVERDUE_BRANCHES) {
    if (finishedEvery === 0) continue;
    const members = company.members
      .filter((member) => member.active && isInSubtree(member.departmentId, departmentId([branch])))
      .sort((a, b) => a._id.localeCompare(b._id));
    for (const [index, member] of members.entries()) {
      if (index % finishedEvery !== 0) continue;
      // In time: ten days ago, the whole course in one sitting. The session id makes a second seeding a no-op.
      await study(db, member, course, beijingNoonBefore(now, 10), course.durationMinutes, true, 'demo-overdue');
    }
  }
  // The course counters those completions move are the rollup's (server/report/course-rollup.ts): now, not at a timer tick.
  await settleReports(db, now);
  const open = (await db.collection(COLLECTIONS.assignmentTargets).where({ assignmentId: assignment.assignmentId, done: false }).count()) as unknown as {
    total: number;
  };
  return { assigned: assignment.assignedCount, overdue: open.total };
}
