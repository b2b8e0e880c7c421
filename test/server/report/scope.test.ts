/**
 * Every report a trainer reads is narrowed to their departments, campaign and contest summaries included
 * (server/report/summaries.ts): a branch trainer sees only their branch's campaigns and contests, never the
 * company-wide ones or another branch's; per-department figures stay within their departments.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';

jest.setTimeout(60_000);

useTestCloud();
const BRANCH_TRAINER = 'o-report-branch';
const TWO_ROLES = 'o-report-two';
const HQ_TRAINER = 'o-report-hq';
const A = 'dept:华东分公司';
const B = 'dept:华南分公司';

function campaign(id: string, scope: Record<string, unknown>, day: number) {
  return {
    _id: id,
    title: id,
    status: 'published',
    startDay: '2026-03-01',
    endDay: '2026-03-07',
    counts: { enrolled: 3, pending: 0, waitlisted: 0 },
    ownerDepartmentId: 'dept:总部',
    ...scope,
    publishedAt: new Date(Date.UTC(2026, 1, day)),
  };
}

function contest(id: string, scopeDepartmentId: string | null, day: number) {
  return { _id: id, title: id, status: 'published', roundIds: [], scopeDepartmentId, publishedAt: new Date(Date.UTC(2026, 1, day)) };
}

beforeAll(async () => {
  await seedMember(BRANCH_TRAINER, 'm:report-branch', { departmentId: A, departmentPath: ['华东分公司'], roles: [grant('trainer', A)] });
  await seedMember(TWO_ROLES, 'm:report-two', { roles: [grant('trainer', A), grant('admin', B)] });
  await seedMember(HQ_TRAINER, 'm:report-hq', { roles: [grant('trainer')] });
  await insertAll('campaigns', [
    campaign('cp-company', { scopeDepartmentId: null }, 1),
    campaign('cp-a', { scopeDepartmentId: `${A}/销售部` }, 2),
    campaign('cp-b', { scopeDepartmentId: B }, 3),
    // From before managing scopes: its creator's department decides.
    campaign('cp-legacy-a', { ownerDepartmentId: A }, 4),
    { ...campaign('cp-a-draft', { scopeDepartmentId: A }, 5), status: 'draft' },
  ]);
  await insertAll('contests', [contest('ct-company', null, 1), contest('ct-a', A, 2), contest('ct-b', B, 3)]);
});

const ids = async (action: 'campaigns' | 'contests', openid: string): Promise<string[]> => {
  const page = dataOf(await callAction('report', action, { pageSize: 50 }, { openid }));
  return page.items.map((row) => ('campaignId' in row ? row.campaignId : row.contestId)).sort();
};

it('trainer reports narrowed: a branch trainer sees only their branch campaign and contest summaries', async () => {
  expect(await ids('campaigns', BRANCH_TRAINER)).toEqual(['cp-a', 'cp-legacy-a']);
  expect(await ids('contests', BRANCH_TRAINER)).toEqual(['ct-a']);
});

it('a member with two grants sees the union of their scopes; an unscoped trainer sees everything', async () => {
  expect(await ids('campaigns', TWO_ROLES)).toEqual(['cp-a', 'cp-b', 'cp-legacy-a']);
  expect(await ids('contests', TWO_ROLES)).toEqual(['ct-a', 'ct-b']);
  expect(await ids('campaigns', HQ_TRAINER)).toEqual(['cp-a', 'cp-b', 'cp-company', 'cp-legacy-a']);
  expect(await ids('contests', HQ_TRAINER)).toEqual(['ct-a', 'ct-b', 'ct-company']);
});

it('per-department figures stay within the trainer departments', async () => {
  expect(await callAction('report', 'departments', { departmentId: B }, { openid: BRANCH_TRAINER })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await callAction('report', 'export', { table: 'departments', departmentId: B }, { openid: BRANCH_TRAINER })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});
