/**
 * The demo's overdue required course (scripts/demo/overdue.ts): seeded just after midnight in Beijing (the
 * previous day in UTC), it is due a week before the Beijing day, some members of two branches finished it in
 * time through the learning code, and the console home counts the rest by department, exactly as the
 * company's make-up says. Seeding again late the same day changes nothing, so the figures do not depend on
 * the time of day.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { readWhere, testDb } from '../helpers/db';
import { buildDemoCompany } from '../../scripts/demo/company';
import { seedDemoCompany } from '../../scripts/demo/index';
import { DEMO_CONTENT_DIR } from '../../scripts/demo/media';
import { OVERDUE_BRANCHES, OVERDUE_COURSE, seedOverdueDemo } from '../../scripts/demo/overdue';
import { DEMO_AUTHOR_OPENID } from '../../scripts/demo/courses';
import { importCourses } from '../../scripts/import-courses';
import { consoleHome } from '../../server/webConsole/home';
import { departmentId } from '../../server/roster';
import { isInSubtree } from '../../server/core';
import { getCloud } from '../../server/core/cloud';
import type { AssignmentDoc, MemberDoc } from '../../typings/domain';

jest.setTimeout(300_000);

// 00:05 on 2 March in Beijing is still 1 March in UTC.
const EARLY = new Date('2026-03-01T16:05:00Z');
const LATE = new Date('2026-03-02T15:55:00Z');
const company = buildDemoCompany(EARLY);
let cloud: TestCloud;
let content: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  await seedDemoCompany(testDb(), company, EARLY);
  // Only the one course the assignment needs, through the real importer.
  content = makeTempDir('weike-overdue-');
  fs.cpSync(path.join(DEMO_CONTENT_DIR, 'data-privacy'), path.join(content, 'data-privacy'), { recursive: true });
  const trainer = company.identities.find((identity) => identity.openid === DEMO_AUTHOR_OPENID)!;
  const report = await importCourses(testDb(), getCloud(), content, {
    author: { memberId: trainer.memberId, name: trainer.name, departmentId: '' },
    now: EARLY,
  });
  expect(report.errors).toEqual([]);
});

afterAll(async () => {
  await cloud.dispose();
  fs.rmSync(content, { recursive: true, force: true });
});

/** Overdue members per department, from the company's make-up: every n-th member of a branch finished. */
function expectedOverdue(): Map<string, number> {
  const overdue = new Map<string, number>();
  for (const { branch, finishedEvery } of OVERDUE_BRANCHES) {
    const members = company.members
      .filter((member) => member.active && isInSubtree(member.departmentId, departmentId([branch])))
      .sort((a, b) => a._id.localeCompare(b._id));
    members.forEach((member, index) => {
      if (finishedEvery > 0 && index % finishedEvery === 0) return;
      overdue.set(member.departmentId, (overdue.get(member.departmentId) ?? 0) + 1);
    });
  }
  return overdue;
}

async function homeFigures(now: Date): Promise<Map<string, number>> {
  const trainer = company.members.find(
    (member) => member._id === company.identities.find((identity) => identity.openid === DEMO_AUTHOR_OPENID)?.memberId,
  ) as MemberDoc;
  const home = await consoleHome(testDb(), trainer, now);
  return new Map(home.overdueByDepartment.map((row) => [row.departmentId, row.overdue]));
}

it('is due a week before the Beijing day, and the home counts the members who did not finish, per department', async () => {
  const result = await seedOverdueDemo(testDb(), getCloud(), company, EARLY);
  const [assignment] = await readWhere<AssignmentDoc>('assignments', {});
  expect(assignment).toMatchObject({ courseId: OVERDUE_COURSE, dueDay: '2026-02-23', status: 'active' });
  const expected = expectedOverdue();
  const total = [...expected.values()].reduce((sum, count) => sum + count, 0);
  expect(result).toEqual({ assigned: assignment?.assignedCount, overdue: total });
  expect(assignment?.completedCount).toBe((assignment?.assignedCount ?? 0) - total);
  // Several departments, each with its own count (the home shows at most 20, largest first).
  expect(expected.size).toBeGreaterThan(5);
  const shown = await homeFigures(EARLY);
  expect(shown.size).toBe(Math.min(20, expected.size));
  for (const [department, count] of shown) expect(count).toBe(expected.get(department));
  // Same-named departments of different branches tell apart by their path.
  const trainer = company.members.find(
    (member) => member._id === company.identities.find((identity) => identity.openid === DEMO_AUTHOR_OPENID)?.memberId,
  ) as MemberDoc;
  const names = (await consoleHome(testDb(), trainer, EARLY)).overdueByDepartment.map((row) => row.departmentName);
  expect(names).toContain('华东分公司 / 销售一部');
  expect(new Set(names).size).toBe(names.length);
});

it('seeds again late the same day without changing anything', async () => {
  const before = await readWhere('assignmentTargets', {});
  const again = await seedOverdueDemo(testDb(), getCloud(), company, LATE);
  expect(await readWhere('assignments', {})).toHaveLength(1);
  expect(await readWhere('assignmentTargets', {})).toEqual(before);
  expect(again.overdue).toBe([...expectedOverdue().values()].reduce((sum, count) => sum + count, 0));
  expect(await homeFigures(LATE)).toEqual(await homeFigures(EARLY));
});
