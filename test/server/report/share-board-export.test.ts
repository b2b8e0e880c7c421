/**
 * 分享排行 export (report.exportShareBoard) read back: every sharer of a campaign's board in the board's own
 * order (reach, conversions, sharer) with their place and learner level (学员等级); a trainer of another branch is answered as if the
 * campaign did not exist, and no file is written.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { fetchWorkbook } from '../../helpers/workbook';

const cloud = useTestCloud();
const EAST = 'dept:华东分公司';
const SOUTH = 'dept:华南分公司';
const EAST_TRAINER = { openid: 'o-sbx-east' };
const SOUTH_TRAINER = { openid: 'o-sbx-south' };

function row(sharerId: string, name: string, shares: number, reach: number, conversions: number) {
  return {
    _id: `campaign:cp-sbx:${sharerId}`,
    boardKind: 'campaign',
    boardId: 'cp-sbx',
    sharerId,
    name,
    departmentPath: ['华东分公司', '销售部'],
    shares,
    reach,
    conversions,
    updatedAt: new Date(),
  };
}

beforeAll(async () => {
  await seedMember(EAST_TRAINER.openid, 'm:sbx-east', { roles: [grant('trainer', EAST)] });
  await seedMember(SOUTH_TRAINER.openid, 'm:sbx-south', { roles: [grant('trainer', SOUTH)] });
  await insertAll('campaigns', [
    {
      _id: 'cp-sbx',
      title: '21天晨读',
      status: 'published',
      startDay: '2026-03-01',
      endDay: '2026-03-21',
      scopeDepartmentId: EAST,
      ownerDepartmentId: EAST,
      publishedAt: new Date(),
    },
  ]);
  await insertAll('shareBoards', [row('m:b', '乙', 3, 5, 1), row('m:a', '甲', 2, 5, 1), row('m:c', '丙', 4, 9, 0), row('m:d', '丁', 1, 5, 2)]);
  // 丙's level is recorded; 甲's 60 points reach the default ladder's first rung, not yet recorded; 乙 and 丁 have none.
  const account = { balance: 0, buckets: {}, oldestYear: null, updatedAt: new Date() };
  await insertAll('pointsAccounts', [
    { ...account, _id: 'm:c', memberId: 'm:c', earnedTotal: 1200, levelRank: 3, levelName: '学习达人', levelReachedAt: new Date(), levelHistory: [] },
    { ...account, _id: 'm:a', memberId: 'm:a', earnedTotal: 60 },
  ]);
});

test("every sharer in the board's order, with their place and level", async () => {
  cloud.actions.reset();
  const exported = dataOf(await callAction('report', 'exportShareBoard', { boardKind: 'campaign', boardId: 'cp-sbx' }, EAST_TRAINER));
  // 5 before learner levels, + 2: the ladder and the page's points accounts, read once for the page.
  expect(cloud.actions.databaseOperations()).toBe(7);
  expect(exported.rows).toBe(4);
  const sheet = await fetchWorkbook(exported.url);
  expect(sheet.name).toBe('分享排行');
  expect(sheet.rows).toEqual([
    ['名次', '姓名', '学员等级', '部门', '分享次数', '触达人数', '分享转化'],
    [1, '丙', '学习达人', '华东分公司/销售部', 4, 9, 0],
    [2, '丁', '', '华东分公司/销售部', 1, 5, 2],
    [3, '甲', '学习新星', '华东分公司/销售部', 2, 5, 1],
    [4, '乙', '', '华东分公司/销售部', 3, 5, 1],
  ]);
});

test('a trainer of another branch finds no such campaign, and nothing is written', async () => {
  const files = await countAll('exportFiles');
  expect(await callAction('report', 'exportShareBoard', { boardKind: 'campaign', boardId: 'cp-sbx' }, SOUTH_TRAINER)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  expect(await callAction('report', 'exportShareBoard', { boardKind: 'contest', boardId: 'cp-sbx' }, EAST_TRAINER)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  expect(await countAll('exportFiles')).toBe(files);
});
