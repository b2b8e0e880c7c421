/**
 * What the members table costs the database (the console's member page, bench/members.ts times it with
 * 10,000 members): `admin.listMembers` is the guard's member read, one count and one page read, and the
 * default view's page read (active members in `_id` order) is served by the `active_1__id_1` index
 * (database/collections.json), reading the page's rows rather than scanning and sorting the collection.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { rosterMember } from '../../helpers/roster';

jest.setTimeout(60_000);

const ADMIN = { openid: 'o-ops-admin' };
const MEMBERS = 1_000;
const cloud = useTestCloud();

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:OPS0000', { employeeNo: 'OPS0000', name: '管理员', roles: [grant('admin')] });
  const members = Array.from({ length: MEMBERS }, (_, i) => rosterMember(`OPS${String(i + 1).padStart(4, '0')}`, `成员${i + 1}`, { active: i % 10 !== 0 }));
  cloud.database.insertDocuments('members', members as unknown as Record<string, unknown>[]);
});

async function listed(input: Record<string, unknown>) {
  cloud.actions.reset();
  const page = dataOf(await callAction('admin', 'listMembers', input, ADMIN));
  return { page, operations: cloud.actions.databaseOperations(), read: cloud.database.stats() };
}

it('loads a page of active members in 3 operations, reading only that page through the index', async () => {
  const first = await listed({ page: 1, pageSize: 20 });
  expect(first.operations).toBe(3);
  expect(first.page).toMatchObject({ total: 901, hasMore: true });
  // OPS0001, OPS0011, … have left: the page holds active members only, in employee number order.
  expect(first.page.items.map((item) => item.employeeNo).slice(0, 4)).toEqual(['OPS0000', 'OPS0002', 'OPS0003', 'OPS0004']);
  expect(first.page.items.every((item) => item.active)).toBe(true);
  expect(first.read).toEqual({ collection: 'members', rowsScanned: 20, plan: 'index:members:active_1__id_1+sort' });

  // A later page streams past the skipped rows in index order; it never reads the inactive ones.
  const fifth = await listed({ page: 5, pageSize: 20 });
  expect(fifth.operations).toBe(3);
  expect(fifth.read).toEqual({ collection: 'members', rowsScanned: 100, plan: 'index:members:active_1__id_1+sort' });
});

it('serves the inactive view from the same index', async () => {
  const inactive = await listed({ page: 1, pageSize: 20, status: 'inactive' });
  expect(inactive.page.total).toBe(100);
  expect(inactive.read).toEqual({ collection: 'members', rowsScanned: 20, plan: 'index:members:active_1__id_1+sort' });
});
