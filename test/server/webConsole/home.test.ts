/**
 * webConsole.home: what needs attention, counted within the caller's grants, with a fixed number of
 * database operations whatever the data (counts and one aggregation, never lists).
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { beijing, freezeClock } from '../../helpers/clock';

jest.setTimeout(60_000);

const cloud = useTestCloud();

const A = 'dept:甲分公司';
const B = 'dept:乙分公司';
const TODAY = '2026-03-10';

const ADMIN = 'o-home-admin';
const BRANCH_TRAINER = 'o-home-branch-trainer';
const REVIEWER = 'o-home-reviewer';
const JUDGE = 'o-home-judge';
const LEARNER = 'o-home-learner';

beforeAll(async () => {
  freezeClock(beijing(TODAY));
  await insertAll('departments', [
    { _id: A, name: '甲分公司', path: ['甲分公司'], parentId: null },
    { _id: B, name: '乙分公司', path: ['乙分公司'], parentId: null },
  ]);
  await seedMember(ADMIN, 'm:home-admin', { roles: [grant('admin')] });
  await seedMember(BRANCH_TRAINER, 'm:home-branch-trainer', { departmentId: A, departmentPath: ['甲分公司'], roles: [grant('trainer', A)] });
  await seedMember(REVIEWER, 'm:home-reviewer', { roles: [grant('reviewer')] });
  await seedMember(JUDGE, 'm:home-judge', { roles: [grant('judge')] });
  await seedMember(LEARNER, 'm:home-learner');
  await insertAll('courseRevisions', [
    { _id: 'c1:1', courseId: 'c1', status: 'in_review', pendingReviewerIds: ['m:home-reviewer'] },
    { _id: 'c2:1', courseId: 'c2', status: 'in_review', pendingReviewerIds: ['m:someone-else'] },
    { _id: 'c3:1', courseId: 'c3', status: 'published', pendingReviewerIds: [] },
  ]);
  await insertAll('campaigns', [
    { _id: 'camp-a', status: 'published', scopeDepartmentId: A },
    { _id: 'camp-b', status: 'published', scopeDepartmentId: B },
  ]);
  await insertAll('campaignEnrollments', [
    { _id: 'camp-a:m1', campaignId: 'camp-a', memberId: 'm1', departmentId: A, status: 'pending' },
    { _id: 'camp-a:m2', campaignId: 'camp-a', memberId: 'm2', departmentId: A, status: 'enrolled' },
    { _id: 'camp-b:m3', campaignId: 'camp-b', memberId: 'm3', departmentId: B, status: 'pending' },
    { _id: 'camp-b:m4', campaignId: 'camp-b', memberId: 'm4', departmentId: B, status: 'pending' },
  ]);
  await insertAll('mallOrders', [
    { _id: 'o1', status: 'pending', departmentId: A },
    { _id: 'o2', status: 'fulfilled', departmentId: A },
  ]);
  await insertAll('contests', [{ _id: 'contest-1', scopeDepartmentId: null }]);
  await insertAll('contestRounds', [
    { _id: 'contest-1:r1', contestId: 'contest-1', judgingStartDay: '2026-03-09', judgingEndDay: '2026-03-12', judgeIds: ['m:home-judge'] },
    { _id: 'contest-1:r2', contestId: 'contest-1', judgingStartDay: '2026-04-01', judgingEndDay: '2026-04-05', judgeIds: ['m:home-judge'] },
  ]);
  await insertAll('assignments', [
    { _id: 'as-late', status: 'active', dueDay: '2026-03-01' },
    { _id: 'as-open', status: 'active', dueDay: '2026-03-31' },
  ]);
  await insertAll('assignmentTargets', [
    { _id: 'as-late:m1', assignmentId: 'as-late', memberId: 'm1', departmentId: A, done: false },
    { _id: 'as-late:m2', assignmentId: 'as-late', memberId: 'm2', departmentId: A, done: true },
    { _id: 'as-late:m3', assignmentId: 'as-late', memberId: 'm3', departmentId: B, done: false },
    { _id: 'as-late:m4', assignmentId: 'as-late', memberId: 'm4', departmentId: B, done: false },
    { _id: 'as-open:m1', assignmentId: 'as-open', memberId: 'm1', departmentId: A, done: false },
  ]);
});

afterAll(() => jest.useRealTimers());

const countsOf = (home: { attention: { key: string; count: number }[] }) => Object.fromEntries(home.attention.map((item) => [item.key, item.count]));

it('counts everything a company-wide admin acts on, overdue required courses by department', async () => {
  const home = dataOf(await callAction('webConsole', 'home', {}, { openid: ADMIN }));
  expect(countsOf(home)).toEqual({ signUps: 3, orders: 1, judging: 1, overdue: 3 });
  expect(home.overdueByDepartment).toEqual([
    { departmentId: B, departmentName: '乙分公司', overdue: 2 },
    { departmentId: A, departmentName: '甲分公司', overdue: 1 },
  ]);
});

it("narrows a branch trainer's counts to the branch and shows no admin items", async () => {
  const home = dataOf(await callAction('webConsole', 'home', {}, { openid: BRANCH_TRAINER }));
  // Trainers run contests too: the only one is company-wide, outside the branch, so none of its rounds count.
  expect(countsOf(home)).toEqual({ signUps: 1, judging: 0, overdue: 1 });
  expect(home.overdueByDepartment).toEqual([{ departmentId: A, departmentName: '甲分公司', overdue: 1 }]);
});

it('shows a reviewer their queue and a judge the rounds they judge today', async () => {
  expect(countsOf(dataOf(await callAction('webConsole', 'home', {}, { openid: REVIEWER })))).toEqual({ reviews: 1 });
  expect(countsOf(dataOf(await callAction('webConsole', 'home', {}, { openid: JUDGE })))).toEqual({ judging: 1 });
});

it('is not for members without a console role', async () => {
  expect(codeOf(await callAction('webConsole', 'home', {}, { openid: LEARNER }))).toBe('FORBIDDEN');
});

it('costs a fixed number of database operations', async () => {
  cloud.actions.reset();
  dataOf(await callAction('webConsole', 'home', {}, { openid: ADMIN }));
  // Guard 1 (the member bound to the caller); sign-ups 1, orders 1, judging 1; overdue: assignments,
  // aggregation, departments.
  expect(cloud.actions.databaseOperations()).toBe(7);
  cloud.actions.reset();
  dataOf(await callAction('webConsole', 'home', {}, { openid: BRANCH_TRAINER }));
  // Guard 1; sign-ups: campaigns then enrollments; judging: the branch's contests (none, so no round count);
  // overdue 3.
  expect(cloud.actions.databaseOperations()).toBe(7);
});
