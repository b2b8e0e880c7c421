/**
 * 分享排行 with learner levels (server/share/boards.ts): each row and the caller's own carry the sharer's
 * level, batched per page (the ladder and the accounts: two reads however many rows).
 */
import { leaderboard } from '../../../server/share/boards';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';

jest.setTimeout(60_000);

const cloud = useTestCloud();
const AT = new Date('2026-03-01T02:00:00Z');

const row = (sharerId: string, reach: number) => ({
  _id: `campaign:c:lv:${sharerId}`,
  boardKind: 'campaign',
  boardId: 'c:lv',
  sharerId,
  name: sharerId,
  departmentPath: ['总部'],
  shares: 1,
  reach,
  conversions: 0,
  updatedAt: AT,
});

beforeAll(async () => {
  await insertAll('campaigns', [{ _id: 'c:lv', title: '晨读打卡', status: 'published' }]);
  await insertAll('shareBoards', [row('m:a', 30), row('m:b', 20), row('m:c', 10)]);
  await insertAll('pointsAccounts', [
    {
      _id: 'm:a',
      memberId: 'm:a',
      name: 'a',
      departmentId: 'd',
      departmentPath: [],
      balance: 3500,
      earnedTotal: 3500,
      buckets: {},
      oldestYear: null,
      levelRank: 4,
      levelName: '学习标兵',
      levelReachedAt: AT,
      levelHistory: [],
      createdAt: AT,
      updatedAt: AT,
    },
    {
      _id: 'm:c',
      memberId: 'm:c',
      name: 'c',
      departmentId: 'd',
      departmentPath: [],
      balance: 0,
      earnedTotal: 320,
      buckets: {},
      oldestYear: null,
      createdAt: AT,
      updatedAt: AT,
    },
  ]);
});

it('carries each sharer’s learner level, the caller’s too, in two more reads per page', async () => {
  cloud.actions.reset();
  const board = await leaderboard(testDb(), 'm:c', 'campaign', 'c:lv', { page: 1, pageSize: 2 });
  const full = cloud.actions.databaseOperations();
  expect(board.items.map((item) => [item.memberId, item.level])).toEqual([
    ['m:a', '学习标兵'],
    ['m:b', null],
  ]);
  expect(board.mine).toMatchObject({ memberId: 'm:c', rank: 3, level: '学习能手' });
  cloud.actions.reset();
  await leaderboard(testDb(), 'm:c', 'campaign', 'c:lv', { page: 1, pageSize: 1 });
  expect(cloud.actions.databaseOperations()).toBe(full);
  // Title, page (count and rows), my row, figures' date, my rank (3 counts), ladder, accounts.
  expect(full).toBe(10);
});
