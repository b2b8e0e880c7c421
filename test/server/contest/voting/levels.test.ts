/**
 * 人气榜 with learner levels (server/contest/voting/standing.ts): each row carries its owner's level, batched
 * per page (the page's entries, the ladder, the accounts: three reads however many rows).
 */
import type { MemberDoc } from '../../../../typings/domain';
import { voteLeaderboard } from '../../../../server/contest/voting/standing';
import { useTestCloud } from '../../../helpers/local-cloud';
import { insertAll, memberDoc, testDb } from '../../../helpers/db';
import { seedVotingContest } from './helpers';

jest.setTimeout(60_000);

const cloud = useTestCloud();
const viewer: MemberDoc = memberDoc('m:lv-viewer');

it('shows each owner’s learner level beside the name in three more reads per page', async () => {
  const { entries } = await seedVotingContest({ entryCount: 4 });
  const owners = entries.map((entry) => entry.ownerId);
  const at = new Date('2026-03-01T02:00:00Z');
  await insertAll('pointsAccounts', [
    {
      _id: owners[0],
      memberId: owners[0],
      name: '甲',
      departmentId: 'd',
      departmentPath: [],
      balance: 400,
      earnedTotal: 400,
      buckets: { 2026: 400 },
      oldestYear: 2026,
      levelRank: 2,
      levelName: '学习能手',
      levelReachedAt: at,
      levelHistory: [],
      createdAt: at,
      updatedAt: at,
    },
    // Earned enough for 学习新星 but never recorded: the ladder of the day gives it.
    {
      _id: owners[1],
      memberId: owners[1],
      name: '乙',
      departmentId: 'd',
      departmentPath: [],
      balance: 60,
      earnedTotal: 60,
      buckets: { 2026: 60 },
      oldestYear: 2026,
      createdAt: at,
      updatedAt: at,
    },
  ]);
  const roundId = entries[0]!.currentRoundId;
  cloud.actions.reset();
  const board = await voteLeaderboard(testDb(), viewer, roundId, { page: 1, pageSize: 10 });
  const withLevels = cloud.actions.databaseOperations();
  const levels = new Map(board.items.map((row) => [row.entryId, row.ownerLevel]));
  expect(levels.get(entries[0]!._id)).toBe('学习能手');
  expect(levels.get(entries[1]!._id)).toBe('学习新星');
  expect(levels.get(entries[2]!._id)).toBeNull();
  // The same board with one row: the same count (batched, not per row).
  cloud.actions.reset();
  await voteLeaderboard(testDb(), viewer, roundId, { page: 1, pageSize: 1 });
  expect(cloud.actions.databaseOperations()).toBe(withLevels);
  // Round, contest, standings (count and page), entries, ladder, accounts.
  expect(withLevels).toBeLessThanOrEqual(8);
});
