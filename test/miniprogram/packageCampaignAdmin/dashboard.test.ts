/**
 * 数据看板: totals, the daily rate chart drawn by the chart component, per-day and per-team tables, the member
 * table sorted and filtered by team, and the Excel export (copy the link, or download and open it).
 */
import { failure, ok } from '../wx-stub';
import { pick, settle, tap, wxStub, openPage, text, texts, page } from '../harness';
import { backend, callsOf } from '../../helpers/pages/campaign';
import type { CampaignDashboardView, DashboardMemberRow } from '../../../typings/functions/campaign-engagement';

const DASHBOARD: CampaignDashboardView = {
  campaignId: 'c1',
  title: '21 天阅读打卡',
  today: '2026-03-03',
  totalDays: 4,
  elapsedDays: 3,
  enrolled: 150,
  pending: 2,
  waitlisted: 5,
  checkinsTotal: 380,
  madeUpTotal: 12,
  averageRate: 0.8444,
  days: [
    { day: '2026-03-01', index: 1, enrolled: 150, checkedIn: 140, madeUp: 4, rate: 0.9333, phase: 'past' },
    { day: '2026-03-02', index: 2, enrolled: 150, checkedIn: 130, madeUp: 0, rate: 0.8667, phase: 'past' },
    { day: '2026-03-03', index: 3, enrolled: 150, checkedIn: 110, madeUp: 0, rate: 0.7333, phase: 'today' },
    { day: '2026-03-04', index: 4, enrolled: 150, checkedIn: 0, madeUp: 0, rate: 0, phase: 'upcoming' },
  ],
  teams: [
    { rank: 1, teamId: 't1', name: '红队', members: 30, checkins: 80, rate: 0.8889, isMine: false },
    { rank: 2, teamId: 't2', name: '蓝队', members: 30, checkins: 70, rate: 0.7778, isMine: false },
  ],
  chart: { categories: ['3/1', '3/2', '3/3'], rates: [93.3, 86.7, 73.3] },
};

function member(n: number, overrides: Partial<DashboardMemberRow> = {}): DashboardMemberRow {
  return {
    memberId: `m${n}`,
    name: `成员${n}`,
    employeeNo: null,
    departmentPath: ['总部'],
    teamId: 't1',
    teamName: '红队',
    daysDone: 3 - n,
    madeUpDays: 0,
    missedDays: n,
    currentStreak: 1,
    longestStreak: 2,
    checkedInToday: n === 0,
    lastCheckinDay: '2026-03-03',
    ...overrides,
  };
}

const open = () => openPage('packageCampaignAdmin/dashboard/index', { id: 'c1' });

test('totals, the rate chart, per-day and per-team tables and the member table', async () => {
  backend({ dashboard: () => ok(DASHBOARD), dashboardMembers: () => ok(page([member(0), member(1, { teamName: null })], 1, 2, 20)) });
  const { page: board } = await open();
  expect(callsOf('dashboard')).toEqual([{ action: 'dashboard', campaignId: 'c1' }]);
  expect(text(board.querySelector('.progress'))).toBe('今天 2026-03-03 · 已进行 3/4 天');
  expect(text(board.querySelector('.enrolled')?.querySelector('.stat-value'))).toBe('150');
  expect(text(board.querySelector('.checkins')?.querySelector('.stat-value'))).toBe('380（补卡 12）');
  expect(text(board.querySelector('.average-rate')?.querySelector('.stat-value'))).toBe('84.4%');
  expect(text(board.querySelector('.waiting'))).toBe('待审核 2 人 · 候补 5 人');
  expect(texts(board.querySelectorAll('.day-row'))).toEqual(['第1天 3/1150140（补4）93.3%', '第2天 3/215013086.7%', '第3天 3/315011073.3%', '第4天 3/4150——']);
  expect(texts(board.querySelectorAll('.team-row'))).toEqual(['红队308088.9%', '蓝队307077.8%']);
  expect(callsOf('dashboardMembers')).toEqual([{ action: 'dashboardMembers', campaignId: 'c1', page: 1, pageSize: 20, sort: 'most_done' }]);
  expect(texts(board.querySelectorAll('.member-row'))).toEqual(['成员0（红队） ✓301/2', '成员1211/2']);
  // The chart component gets the elapsed days and their rates (its drawing is tested in components/chart.test.ts;
  // the harness only runs a component's ready lifetime for components present when the page attaches).
  const chart = board.querySelector('#rate-chart')!.instance as unknown as { data: { type: string; categories: string[]; series: unknown[] } };
  expect(chart.data.type).toBe('line');
  expect(chart.data.categories).toEqual(['3/1', '3/2', '3/3']);
  expect(chart.data.series).toEqual([{ name: '打卡率（%）', data: [93.3, 86.7, 73.3] }]);
});

test('the member table re-sorts and filters by team', async () => {
  backend({ dashboard: () => ok(DASHBOARD), dashboardMembers: () => ok(page([member(1)], 1, 1, 20)) });
  const { page: board, simulate } = await open();
  await pick(simulate, board.querySelector('.sort-picker'), '1');
  await pick(simulate, board.querySelector('.team-picker'), '2');
  expect(callsOf('dashboardMembers').slice(1)).toEqual([
    { action: 'dashboardMembers', campaignId: 'c1', page: 1, pageSize: 20, sort: 'most_missed' },
    { action: 'dashboardMembers', campaignId: 'c1', page: 1, pageSize: 20, sort: 'most_missed', teamId: 't2' },
  ]);
});

test('export: the link is copied, or the workbook downloaded and opened', async () => {
  let fail = true;
  backend({
    dashboard: () => ok(DASHBOARD),
    dashboardMembers: () => ok(page([])),
    exportRoster: () =>
      fail ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok({ fileID: 'cloud://b/r.xlsx', url: 'https://files.example/r.xlsx', rows: 150 }),
  });
  const { page: board, simulate } = await open();
  await tap(simulate, board.querySelector('.export-button')!);
  await settle(simulate);
  expect(wxStub().toasts).toEqual(['服务器开小差了，请稍后重试']);
  fail = false;
  await tap(simulate, board.querySelector('.export-button')!);
  await settle(simulate);
  expect(callsOf('exportRoster')).toHaveLength(2);
  expect(text(board.querySelector('.export-rows'))).toBe('已导出 150 名成员');
  await tap(simulate, board.querySelector('.copy-link')!);
  expect(wxStub().clipboard).toEqual(['https://files.example/r.xlsx']);
  await tap(simulate, board.querySelector('.open-file')!);
  await settle(simulate);
  expect(wxStub().deviceCalls).toEqual(['downloadFile https://files.example/r.xlsx', 'openDocument wxfile://tmp/download.xlsx']);
  expect(wxStub().openedDocuments).toEqual([{ filePath: 'wxfile://tmp/download.xlsx', fileType: 'xlsx', showMenu: true }]);
  // A failed download and a file WeChat cannot open each say what to do instead.
  wxStub().downloadStatus = 404;
  await tap(simulate, board.querySelector('.open-file')!);
  await settle(simulate);
  wxStub().downloadStatus = 200;
  wxStub().openDocumentError = 'openDocument:fail filetype not supported';
  await tap(simulate, board.querySelector('.open-file')!);
  await settle(simulate);
  expect(wxStub().toasts.slice(-2)).toEqual(['下载失败，请复制链接后在浏览器打开', '无法打开文件，请复制链接后在电脑上打开']);
});

test('a manager-only failure shows the message', async () => {
  backend({ dashboard: () => failure('FORBIDDEN', '你没有权限进行此操作') });
  const { page: board } = await open();
  expect(text(board)).toContain('你没有权限进行此操作');
});

test('the daily table keeps 参与, 打卡 and 补卡 in separate columns', async () => {
  backend({ dashboard: () => ok(DASHBOARD), dashboardMembers: () => ok(page([], 1, 0, 20)) });
  const { page: board } = await open();
  const cells = (selector: string) => texts(board.querySelectorAll(selector));
  expect(cells('.day-enrolled')).toEqual(['150', '150', '150', '150']);
  expect(cells('.day-checked-in')).toEqual(['140', '130', '110', '—']);
  expect(cells('.day-made-up')).toEqual(['（补4）', '', '', '']);
  expect(cells('.day-rate')).toEqual(['93.3%', '86.7%', '73.3%', '—']);
});
