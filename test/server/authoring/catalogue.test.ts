/**
 * The staff catalogue (authoring.listCourses, server/authoring/catalogue.ts): courses of authors inside the
 * caller's trainer, reviewer or admin scope plus the caller's own, filtered and ordered by the server.
 */
import { callAction } from '../../helpers/invoke';
import { dataOf } from '../../helpers/envelope';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';

const cloud = useTestCloud();

const HQ = { openid: 'o-cat-hq' };
const BRANCH = { openid: 'o-cat-branch' };
const REVIEWER = { openid: 'o-cat-reviewer' };
const LEARNER = { openid: 'o-cat-learner' };

const A = 'dept:甲分公司';

function authoring(id: string, authorId: string, departmentId: string, status: string, day: number, category = 'leadership') {
  const at = new Date(Date.UTC(2026, 10, day));
  return {
    _id: id,
    authorId,
    authorName: authorId === 'm:cat-branch' ? '甲讲师' : '作者',
    authorDepartmentId: departmentId,
    title: `课程 ${id}`,
    format: 'article',
    category,
    courseStatus: status,
    publishedRevision: status === 'published' ? 1 : 0,
    latestRevision: 1,
    openRevision: status === 'published' ? null : 1,
    openStatus: status === 'published' ? null : status,
    createdAt: at,
    updatedAt: at,
  };
}

beforeAll(async () => {
  await seedMember(HQ.openid, 'm:cat-hq', { roles: [grant('trainer')] });
  await seedMember(BRANCH.openid, 'm:cat-branch', { roles: [grant('trainer', A)], departmentId: `${A}/销售部`, departmentPath: ['甲分公司', '销售部'] });
  await seedMember(REVIEWER.openid, 'm:cat-reviewer', {
    roles: [grant('reviewer', 'dept:乙分公司')],
    departmentId: 'dept:乙分公司',
    departmentPath: ['乙分公司'],
  });
  await seedMember(LEARNER.openid, 'm:cat-learner', {});
  await insertAll('courseAuthoring', [
    authoring('k:1', 'm:a1', `${A}/销售部`, 'published', 1),
    authoring('k:2', 'm:a2', `${A}`, 'in_review', 2, 'onboarding'),
    authoring('k:3', 'm:b1', 'dept:乙分公司', 'draft', 3),
    authoring('k:4', 'm:cat-branch', 'dept:总部', 'draft', 4),
    authoring('k:5', 'm:h1', 'dept:总部', 'archived', 5),
    // A sibling whose id merely starts like 甲分公司's is outside its subtree.
    authoring('k:6', 'm:a3', 'dept:甲分公司二部', 'published', 6),
  ]);
});

const ids = async (answer: ReturnType<typeof list>) => dataOf(await answer).items.map((item) => item.courseId);
const list = (input: Record<string, unknown>, who: { openid: string }) => callAction('authoring', 'listCourses', input as never, who);

it('an unscoped trainer pages through every course, newest change first, in 3 operations', async () => {
  cloud.actions.reset();
  const page = dataOf(await callAction('authoring', 'listCourses', { pageSize: 4 }, HQ));
  // Caller, count, page.
  expect(cloud.actions.databaseOperations()).toBe(3);
  expect(page.items.map((item) => item.courseId)).toEqual(['k:6', 'k:5', 'k:4', 'k:3']);
  expect(page).toMatchObject({ total: 6, hasMore: true });
  expect(page.items[2]).toMatchObject({
    authorId: 'm:cat-branch',
    authorName: '甲讲师',
    courseStatus: 'draft',
    openRevision: { revision: 1, status: 'draft' },
    createdAt: '2026-11-04T00:00:00.000Z',
  });
  expect(await ids(list({ page: 2, pageSize: 4 }, HQ))).toEqual(['k:2', 'k:1']);
});

it("a branch trainer sees the branch authors' courses and their own, nothing else, whatever the filter asks", async () => {
  expect(await ids(list({}, BRANCH))).toEqual(['k:4', 'k:2', 'k:1']);
  expect(await ids(list({ authorId: 'm:b1' }, BRANCH))).toEqual([]);
  expect(await ids(list({ authorId: 'm:a1' }, BRANCH))).toEqual(['k:1']);
  // A reviewer scoped to 乙 sees 乙's courses.
  expect(await ids(list({}, REVIEWER))).toEqual(['k:3']);
});

it('filters by status, category and title keyword, and orders by creation either way', async () => {
  expect(await ids(list({ status: 'published' }, HQ))).toEqual(['k:6', 'k:1']);
  expect(await ids(list({ category: 'onboarding' }, HQ))).toEqual(['k:2']);
  expect(await ids(list({ keyword: 'k:5' }, HQ))).toEqual(['k:5']);
  // A keyword is text, not a pattern.
  expect(await ids(list({ keyword: '.*' }, HQ))).toEqual([]);
  expect(await ids(list({ sort: 'createdAt', direction: 'asc', pageSize: 2 }, HQ))).toEqual(['k:1', 'k:2']);
});

it('refuses learners and bad filters with a Chinese message', async () => {
  expect(await callAction('authoring', 'listCourses', {}, LEARNER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await list({ status: 'gone' }, HQ)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await list({ sort: 'title' }, HQ)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
