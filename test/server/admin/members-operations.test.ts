/**
 * What the members table costs the database (the console's member page, bench/members.ts times it with
 * 10,000 members): `admin.listMembers` is the guard's member read, one count, one page read and one read
 * of the page's learner levels (the points accounts by id), and the default view's page read (active members
 * in `_id` order) is served by the `active_1__id_1` index (database/collections.json), reading the page's
 * rows rather than scanning and sorting the collection.
 */
import { Store, type QueryStats } from '../../../emulator/db/store';
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
  // Two members on the first page hold learner levels; the others have no points account or no level yet.
  cloud.database.insertDocuments('pointsAccounts', [
    { _id: 'm:OPS0002', memberId: 'm:OPS0002', balance: 80, earnedTotal: 120, levelRank: 1, levelName: '学习新星' },
    { _id: 'm:OPS0003', memberId: 'm:OPS0003', balance: 10, earnedTotal: 20 },
    { _id: 'm:OPS0004', memberId: 'm:OPS0004', balance: 300, earnedTotal: 900, levelRank: 2, levelName: '学习能手' },
  ]);
});

/** How every query read its candidates during a call (the store keeps only the last one). */
const reads: QueryStats[] = [];
beforeAll(() => {
  const candidates = Store.prototype.candidates;
  jest.spyOn(Store.prototype, 'candidates').mockImplementation(function (this: Store, ...args: Parameters<Store['candidates']>) {
    const found = candidates.apply(this, args);
    reads.push(this.stats());
    return found;
  });
});
afterAll(() => jest.restoreAllMocks());

async function listed(input: Record<string, unknown>) {
  cloud.actions.reset();
  reads.length = 0;
  const page = dataOf(await callAction('admin', 'listMembers', input, ADMIN));
  return { page, operations: cloud.actions.databaseOperations(), reads: [...reads], read: cloud.database.stats() };
}

it('loads a page of active members in 4 operations, reading only that page through the index', async () => {
  const first = await listed({ page: 1, pageSize: 20 });
  // 3 before learner levels, + 1: the page's points accounts in one read by id (no read per row).
  expect(first.operations).toBe(4);
  expect(first.page).toMatchObject({ total: 901, hasMore: true });
  // OPS0001, OPS0011, … have left: the page holds active members only, in employee number order.
  expect(first.page.items.map((item) => item.employeeNo).slice(0, 4)).toEqual(['OPS0000', 'OPS0002', 'OPS0003', 'OPS0004']);
  expect(first.page.items.every((item) => item.active)).toBe(true);
  expect(first.reads).toContainEqual({ collection: 'members', rowsScanned: 20, plan: 'index:members:active_1__id_1+sort' });
  // Each row carries its learner level (学员等级), null without one; the levels are the last read, by id.
  expect(first.page.items.slice(0, 4).map((item) => [item.employeeNo, item.level])).toEqual([
    ['OPS0000', null],
    ['OPS0002', '学习新星'],
    ['OPS0003', null],
    ['OPS0004', '学习能手'],
  ]);
  expect(first.read).toEqual({ collection: 'pointsAccounts', rowsScanned: 3, plan: 'id' });

  // A later page streams past the skipped rows in index order; it never reads the inactive ones.
  const fifth = await listed({ page: 5, pageSize: 20 });
  expect(fifth.operations).toBe(4);
  expect(fifth.reads).toContainEqual({ collection: 'members', rowsScanned: 100, plan: 'index:members:active_1__id_1+sort' });
});

it('serves the inactive view from the same index', async () => {
  const inactive = await listed({ page: 1, pageSize: 20, status: 'inactive' });
  expect(inactive.page.total).toBe(100);
  expect(inactive.reads).toContainEqual({ collection: 'members', rowsScanned: 20, plan: 'index:members:active_1__id_1+sort' });
});
