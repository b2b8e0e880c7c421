/**
 * Contest exports read back (report.exportContestRanking, report.exportContestVotes): a published round's ranking with one
 * line per entry and judge and every rubric dimension's score; public votes per Beijing day and voter
 * department. An admin of another branch is refused and no file is written. Round and results documents are
 * seeded as publishing leaves them (typings/docs/contest.ts).
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, memberDoc, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { fetchWorkbook } from '../../helpers/workbook';

useTestCloud();
const EAST = 'dept:华东分公司';
const SOUTH = 'dept:华南分公司';
const ADMIN = { openid: 'o-cx-admin' };
const SOUTH_ADMIN = { openid: 'o-cx-south' };
const ROUND = 'ct-cx:r1';

function result(entryId: string, title: string, rank: number, finalScore: number, votes: number) {
  return {
    entryId,
    branchId: 'all',
    title,
    ownerName: `${title}作者`,
    teamName: null,
    dimensionAverages: {},
    judgeScore: finalScore,
    judgeCount: 2,
    votes,
    voteScore: 0,
    bonus: 0,
    finalScore,
    rank,
    advances: rank === 1,
  };
}

function sheet(entryId: string, judgeId: string, content: number, delivery: number, weighted: number) {
  return {
    _id: `${ROUND}:${entryId}:${judgeId}`,
    contestId: 'ct-cx',
    roundId: ROUND,
    entryId,
    judgeId,
    scores: { content, delivery },
    weighted,
    comment: `${judgeId}的评语`,
    scoredAt: new Date('2026-03-05T06:00:00Z'),
    assignedAt: new Date(),
  };
}

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:cx-admin', { roles: [grant('admin', EAST)] });
  await seedMember(SOUTH_ADMIN.openid, 'm:cx-south', { roles: [grant('admin', SOUTH)] });
  await insertAll('members', [memberDoc('m:cx-j1', { name: '评委甲' }), memberDoc('m:cx-j2', { name: '评委乙' })]);
  await insertAll('departments', [
    { _id: EAST, name: '华东分公司', path: ['华东分公司'], parentId: null },
    { _id: `${EAST}/销售部`, name: '销售部', path: ['华东分公司', '销售部'], parentId: EAST },
  ]);
  await insertAll('contests', [{ _id: 'ct-cx', title: '华东微课大赛', status: 'published', scopeDepartmentId: EAST, roundIds: [ROUND], topics: [] }]);
  await insertAll('contestRounds', [
    {
      _id: ROUND,
      contestId: 'ct-cx',
      name: '初赛',
      rubric: [
        { id: 'content', name: '内容', weight: 60, min: 0, max: 10 },
        { id: 'delivery', name: '表达', weight: 40, min: 0, max: 10 },
      ],
      judgeIds: ['m:cx-j1', 'm:cx-j2'],
      resultsStatus: 'published',
      resultsSummary: { entries: 2, unscored: 0, maxVotes: 3, advancing: 1, quotas: [] },
    },
  ]);
  await insertAll('contestResults', [
    {
      _id: `${ROUND}:0`,
      contestId: 'ct-cx',
      roundId: ROUND,
      chunk: 0,
      entryIds: ['en-a', 'en-b'],
      rows: [result('en-b', '乙作品', 1, 88.5, 3), result('en-a', '甲作品', 2, 70, 1)],
    },
  ]);
  await insertAll('contestScores', [
    sheet('en-a', 'm:cx-j1', 7, 7, 70),
    sheet('en-a', 'm:cx-j2', 7, 7, 70),
    sheet('en-b', 'm:cx-j1', 9, 8, 86),
    sheet('en-b', 'm:cx-j2', 9, 9, 90),
  ]);
  const voterDay = (voterId: string, departmentId: string, day: string, votes: number) => ({
    _id: `${ROUND}:${voterId}:${day}`,
    contestId: 'ct-cx',
    roundId: ROUND,
    voterId,
    departmentId,
    day,
    votes,
    perEntry: {},
    times: [],
    networks: [],
    updatedAt: new Date(),
  });
  await insertAll('contestVoterDays', [
    voterDay('m:v1', `${EAST}/销售部`, '2026-03-03', 2),
    voterDay('m:v2', `${EAST}/销售部`, '2026-03-03', 1),
    voterDay('m:v1', `${EAST}/销售部`, '2026-03-04', 1),
    voterDay('m:v3', EAST, '2026-03-03', 1),
  ]);
});

test("the ranking holds one line per entry and judge, in rank order, with every dimension's score", async () => {
  const exported = dataOf(await callAction('report', 'exportContestRanking', { roundId: ROUND }, ADMIN));
  expect(exported.rows).toBe(4);
  const { name, rows } = await fetchWorkbook(exported.url);
  expect(name).toBe('初赛成绩');
  expect(rows[0]).toEqual([
    '名次',
    '作品',
    '作者',
    '团队',
    '分组',
    '总分',
    '评委得分',
    '票数',
    '投票得分',
    '加分',
    '晋级',
    '评委',
    '内容(0-10)',
    '表达(0-10)',
    '评委加权分',
    '评语',
    '评分时间',
  ]);
  expect(rows.slice(1).map((row) => [row[0], row[1], row[5], row[10], row[11], row[12], row[13], row[14]])).toEqual([
    [1, '乙作品', 88.5, '是', '评委甲', 9, 8, 86],
    [1, '乙作品', 88.5, '是', '评委乙', 9, 9, 90],
    [2, '甲作品', 70, '', '评委甲', 7, 7, 70],
    [2, '甲作品', 70, '', '评委乙', 7, 7, 70],
  ]);
  expect(rows[1]?.[16]).toBe('2026-03-05 14:00');
});

test('public votes per Beijing day and voter department', async () => {
  const exported = dataOf(await callAction('report', 'exportContestVotes', { roundId: ROUND }, ADMIN));
  const { name, rows } = await fetchWorkbook(exported.url);
  expect(name).toBe('大众投票');
  expect(rows).toEqual([
    ['日期', '部门', '投票人数', '票数'],
    ['2026-03-03', '华东分公司', 1, 1],
    ['2026-03-03', '华东分公司/销售部', 2, 3],
    ['2026-03-04', '华东分公司/销售部', 1, 1],
  ]);
});

test("another branch's admin is refused both exports and no file is written", async () => {
  const files = await countAll('exportFiles');
  expect(await callAction('report', 'exportContestRanking', { roundId: ROUND }, SOUTH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await callAction('report', 'exportContestVotes', { roundId: ROUND }, SOUTH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await countAll('exportFiles')).toBe(files);
});
