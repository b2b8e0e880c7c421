/**
 * The demo catalogue: content/demo imported by the real bulk importer (so the demo exercises the same path
 * as any environment's content), authored by the demo trainer, a course with take-away files (./course-files.ts), then two required assignments (必修) made
 * through the assignment domain code as that trainer would from the app. Run after the demo company
 * (departments, members, bindings) is in the database: the assignments target its members.
 */
import type { Database, WxCloud } from '../../server/core';
import { COLLECTIONS, resolveCaller } from '../../server/core';
import { parseInput } from '../../server/core/validate';
import { create as createAssignment } from '../../server/assignment/actions';
import { beijingDate } from '../../server/core/time';
import { courseIdOf, importCourses } from '../import-courses';
import { buildDemoCompany } from './company';
import { DEMO_CONTENT_DIR } from './media';
import { seedCourseFilesDemo } from './course-files';

/** The demo identity that authors the catalogue and makes the assignments. */
export const DEMO_AUTHOR_OPENID = 'demo-trainer';

/** Required assignments of the demo; idempotency keys make seeding twice answer the same assignments. */
export const DEMO_ASSIGNMENTS = [
  // The whole company (every member is a learner), due in two days: the one about to become overdue.
  { idempotencyKey: 'demo-required-code-of-conduct', courseId: courseIdOf('code-of-conduct'), roles: ['learner'] as const, dueInDays: 2 },
  // New hires (audience derived from the hire date), the step-by-step onboarding series.
  { idempotencyKey: 'demo-required-new-hire-series', seriesId: 's:new-hire', audiences: ['new_hire'] as const, dueInDays: 30 },
] as const;

export interface CourseDemoResult {
  courses: number;
  series: number;
  quizzes: number;
}

/** The Beijing day `days` after `now`'s Beijing day. */
function beijingDayAfter(now: Date, days: number): string {
  return beijingDate(new Date(now.getTime() + days * 86_400_000));
}

export async function seedCourseDemo(db: Database, cloud: WxCloud, now: Date, company = buildDemoCompany(now)): Promise<CourseDemoResult> {
  const trainer = company.identities.find((identity) => identity.openid === DEMO_AUTHOR_OPENID);
  const trainerMember = company.members.find((member) => member._id === trainer?.memberId);
  if (!trainer || !trainerMember) throw new Error(`演示公司缺少 ${DEMO_AUTHOR_OPENID} 身份`);

  const author = { memberId: trainer.memberId, name: trainer.name, departmentId: trainerMember.departmentId };
  const report = await importCourses(db, cloud, DEMO_CONTENT_DIR, { author, now });
  // The demo content is ours: any problem is a bug to fix, not something to skip quietly.
  if (report.errors.length > 0) throw new Error(`演示课程导入失败：\n${report.errors.join('\n')}`);
  // One more course, whose take-away files are made now (./course-files.ts).
  await seedCourseFilesDemo(db, cloud, DEMO_AUTHOR_OPENID, author, now);

  const _ = db.command;
  const withQuiz = (await db
    .collection(COLLECTIONS.courses)
    .where({ _id: _.in(report.courses.map((course) => courseIdOf(course.slug))), quiz: _.neq(null) })
    .count()) as unknown as { total: number };

  // The trainer goes through the real guard (binding → member → role), as a call from the app would.
  const caller = await resolveCaller(db, { openid: DEMO_AUTHOR_OPENID, appid: null, unionid: null }, createAssignment.roles);
  for (const { dueInDays, ...assignment } of DEMO_ASSIGNMENTS) {
    const input = parseInput(createAssignment.input, { ...assignment, dueDay: beijingDayAfter(now, dueInDays) });
    await createAssignment.handler({ input, caller, db, cloud, requestId: `demo-seed:${assignment.idempotencyKey}`, now: () => now });
  }

  return { courses: report.courses.length + 1, series: report.series.length, quizzes: withQuiz.total };
}
