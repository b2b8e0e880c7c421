/** 排行榜: members by days then streak with my row pinned; 小组 PK by average rate with my team marked. */
import { failure, ok } from '../wx-stub';
import { activeTab, settle, switchTab, tap, openPage, text, texts, page } from '../harness';
import { backend, callsOf } from '../../helpers/pages/campaign';
import type { Answer } from '../../helpers/backend';
import type { MemberRankRow, TeamLeaderboardView, TeamRankRow } from '../../../typings/functions/campaign-engagement';

function member(rank: number, overrides: Partial<MemberRankRow> = {}): MemberRankRow {
  return {
    rank,
    memberId: `m${rank}`,
    name: `成员${rank}`,
    level: null,
    departmentPath: ['总部', '销售部'],
    teamId: 't1',
    teamName: '红队',
    daysDone: 10 - rank,
    currentStreak: 3,
    longestStreak: 5,
    isMe: false,
    ...overrides,
  };
}

function team(rank: number, rate: number, overrides: Partial<TeamRankRow> = {}): TeamRankRow {
  return { rank, teamId: `t${rank}`, name: `第${rank}组`, members: 30, checkins: 150, rate, isMine: false, ...overrides };
}

test('members in rank order with days and streaks, my row pinned on top', async () => {
  const me = member(4, { isMe: true, name: '张三' });
  backend({ memberLeaderboard: () => ok({ ...page([member(1), member(2), member(3), me], 1, 4, 20), me }) });
  const { page: board } = await openPage('packageCampaign/leaderboard/index', { id: 'c1' });
  expect(callsOf('memberLeaderboard')).toEqual([{ action: 'memberLeaderboard', campaignId: 'c1', page: 1, pageSize: 20 }]);
  expect(text(board.querySelector('.me'))).toBe('4我 · 张三连续 3 天 · 最长 5 天6 天');
  const rows = board.querySelectorAll('.member');
  expect(texts(rows)).toEqual([
    '1成员1销售部 · 红队 · 连续 3 天 · 最长 5 天9 天',
    '2成员2销售部 · 红队 · 连续 3 天 · 最长 5 天8 天',
    '3成员3销售部 · 红队 · 连续 3 天 · 最长 5 天7 天',
    '4张三销售部 · 红队 · 连续 3 天 · 最长 5 天6 天',
  ]);
  expect(board.querySelectorAll('.row-me')).toHaveLength(1);
});

test('小组 PK: teams by rate with bars, my team marked; no teams says so; a failure can be retried', async () => {
  let answer: Answer<TeamLeaderboardView> = ok({
    campaignId: 'c1',
    elapsedDays: 7,
    totalDays: 21,
    teams: [team(1, 0.8571, { isMine: true }), team(2, 0.5)],
    myTeamId: 't1',
  });
  backend({ memberLeaderboard: () => ok({ ...page([]), me: null }), teamLeaderboard: () => answer });
  const { page: board, simulate } = await openPage('packageCampaign/leaderboard/index', { id: 'c1' });
  expect(activeTab(board)).toBe('成员排行');
  await switchTab(simulate, board, 1);
  expect(activeTab(board)).toBe('小组 PK');
  await settle(simulate);
  expect(callsOf('teamLeaderboard')).toEqual([{ action: 'teamLeaderboard', campaignId: 'c1' }]);
  expect(text(board.querySelector('.team-progress'))).toBe('按已进行的 7/21 天计算平均打卡率');
  expect(texts(board.querySelectorAll('.team-name'))).toEqual(['1. 第1组（我的小组）', '2. 第2组']);
  expect(texts(board.querySelectorAll('.team-rate'))).toEqual(['85.7%', '50%']);
  expect(board.querySelector('.bar-fill')?.dom?.getAttribute('style')).toContain('width: 86%');

  answer = failure('INTERNAL', '服务器开小差了，请稍后重试');
  const failing = await openPage('packageCampaign/leaderboard/index', { id: 'c1', tab: 'teams' });
  expect(activeTab(failing.page)).toBe('小组 PK');
  expect(text(failing.page.querySelector('.team-error'))).toContain('服务器开小差了，请稍后重试');
  answer = ok({ campaignId: 'c1', elapsedDays: 7, totalDays: 21, teams: [], myTeamId: null });
  await tap(failing.simulate, failing.page.querySelector('.retry-teams')!);
  await settle(failing.simulate);
  expect(text(failing.page.querySelector('.no-teams'))).toBe('本活动未分组，没有小组 PK');
});

test('shows learner levels beside names, mine included', async () => {
  const me = member(2, { isMe: true, name: '张三', level: '学习能手' });
  backend({ memberLeaderboard: () => ok({ ...page([member(1, { level: '学习大师' }), me], 1, 2, 20), me }) });
  const { page: board } = await openPage('packageCampaign/leaderboard/index', { id: 'c1' });
  expect(texts(board.querySelectorAll('.level-tag'))).toEqual(['学习能手', '学习大师', '学习能手']);
  expect(text(board.querySelector('.me .name'))).toBe('我 · 张三学习能手');
});
