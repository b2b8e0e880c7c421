/**
 * The report's other pages: a course's figures, trend charts and departments; the weekday × slot heatmap
 * coloured by intensity with the weekly trend; departments; campaign and contest summaries with their share
 * leaderboards. Each table exports.
 */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, switchTab, tap, wxStub } from '../harness';
import { UPDATED_AT, courseRow, figures, heatCells, reportBackend, week, callsOf, openPage, page, text, texts } from './report-fixtures';

type ChartData = { categories: string[]; series: { name: string; data: (number | null)[] }[] };
const chartOf = (rendered: { querySelector(selector: string): { instance: unknown } | undefined }, id: string): ChartData => {
  const data = (rendered.querySelector(`#${id}`)!.instance as { data: ChartData }).data;
  return { categories: data.categories, series: data.series };
};

const EXPORTED = { fileID: 'cloud://local-bucket/exports/x.xlsx', url: 'http://127.0.0.1:8787/storage/exports/x.xlsx', rows: 3 };

test('a course: all its figures, weekly charts, each department, and exports of the course and its trend', async () => {
  reportBackend({
    'report.course': () =>
      ok({
        course: courseRow(1, { title: '高效沟通' }),
        departments: [{ ...figures({ learners: 20 }), departmentId: 'd1', path: ['总部', '销售部'] }],
        trends: [
          week('2026-02-23', { studySeconds: null, views: null }),
          week('2026-03-02', { learners: 8, completions: 5, shares: 2, conversions: 1, studySeconds: null, views: null }),
        ],
        updatedAt: UPDATED_AT,
      }),
    'report.export': () => ok(EXPORTED),
  });
  const { page: rendered, simulate } = await openPage('packageReport/course/index', { id: 'c1' });
  expect(callsOf('report.course')).toEqual([{ action: 'course', courseId: 'c1', weeks: 12 }]);
  expect(text(rendered.querySelector('.course-title'))).toBe('高效沟通');
  expect(text(rendered.querySelector('.updated'))).toBe('数据更新于 2026-03-02 09:30');
  const figureTexts = texts(rendered.querySelectorAll('.figure'));
  expect(figureTexts).toHaveLength(15);
  expect(figureTexts).toEqual(
    expect.arrayContaining([
      '40推送人数',
      '2.3点击率',
      '40%完成率',
      '12 分钟平均有效学习',
      '4.3（8 人）平均评分',
      '80%测验通过率',
      '10%分享率',
      '2.8每次分享触达',
    ]),
  );
  expect(chartOf(rendered, 'people-chart')).toEqual({
    categories: ['02-23', '03-02'],
    series: [
      { name: '学习人数', data: [3, 8] },
      { name: '完成人数', data: [1, 5] },
    ],
  });
  expect(chartOf(rendered, 'spread-chart').series).toEqual([
    { name: '分享次数', data: [1, 2] },
    { name: '转化人数', data: [0, 1] },
  ]);
  const department = rendered.querySelector('.department-row')!;
  expect(text(department.querySelector('.row-title'))).toBe('总部 / 销售部');
  expect(texts(department.querySelectorAll('.row-line'))[0]).toBe('学习 20 人 · 完成率 40% · 平均 12 分钟');

  await tap(simulate, rendered.querySelector('#departments-head')!.querySelector('.export')!);
  await settle(simulate, 6);
  await tap(simulate, rendered.querySelector('#trends-head')!.querySelector('.export')!);
  await settle(simulate, 6);
  expect(callsOf('report.export')).toEqual([
    { action: 'export', table: 'course', courseId: 'c1', weeks: 12 },
    { action: 'export', table: 'trends', courseId: 'c1', weeks: 12 },
  ]);
  expect(wxStub().openedDocuments).toHaveLength(2);
});

test('the heatmap: 7 weekdays × 6 slots, minutes in each cell, the busiest darkest, empty cells faint', async () => {
  // Tuesday lunch is the busiest (1 h); Monday before work half of it; Sunday nothing.
  const seconds = (weekday: number, slot: number) => (weekday === 2 && slot === 2 ? 3600 : weekday === 1 && slot === 0 ? 1800 : weekday === 7 ? 0 : 60);
  reportBackend({
    'report.trends': () => ok({ weeks: [week('2026-02-23'), week('2026-03-02', { studySeconds: 5400 })], updatedAt: UPDATED_AT }),
    'report.heatmap': () => ok({ fromWeek: '2025-W50', toWeek: '2026-W10', cells: heatCells(seconds), updatedAt: '2026-03-02T01:15:00.000Z' }),
    'report.export': () => ok(EXPORTED),
  });
  const { page: rendered, simulate } = await openPage('packageReport/activity/index');
  expect(callsOf('report.heatmap')).toEqual([{ action: 'heatmap', weeks: 12 }]);
  // The older stamp of the two answers.
  expect(text(rendered.querySelector('.updated'))).toBe('数据更新于 2026-03-02 09:15');
  expect(texts(rendered.querySelectorAll('.heat-slot'))).toEqual(['上班前', '工作时间', '午休', '下班前', '下班后', '夜间']);
  // The first weekday cell heads the slot row.
  expect(texts(rendered.querySelectorAll('.heat-weekday')).slice(1)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
  const cells = rendered.querySelectorAll('.heat-cell');
  expect(cells).toHaveLength(42);
  const cell = (weekday: number, slot: number) => cells[(weekday - 1) * 6 + slot];
  expect(texts([1, 2, 3, 4, 5, 6].map((_, slot) => cell(2, slot)))).toEqual(['1', '1', '60', '1', '1', '1']);
  const style = (target: { dom?: { getAttribute(name: string): string | null } }) => target.dom?.getAttribute('style') ?? '';
  expect(style(cell(2, 2))).toContain('rgba(0, 82, 217, 1.00)');
  expect(style(cell(1, 0))).toContain('rgba(0, 82, 217, 0.57)');
  expect(style(cell(7, 0))).toContain('rgba(0, 82, 217, 0.04)');
  expect(chartOf(rendered, 'hours-chart').series).toEqual([{ name: '有效学习（小时）', data: [2, 1.5] }]);

  await tap(simulate, rendered.querySelector('#heatmap-head')!.querySelector('.export')!);
  await settle(simulate, 6);
  expect(callsOf('report.export')).toEqual([{ action: 'export', table: 'heatmap', weeks: 12 }]);
});

test('departments: each department in scope with its figures', async () => {
  reportBackend({
    'report.departments': () => ok({ ...page([{ ...figures(), departmentId: 'd1', path: ['总部', '研发部'] }], 1, 1), updatedAt: UPDATED_AT }),
  });
  const { page: rendered } = await openPage('packageReport/departments/index');
  expect(callsOf('report.departments')).toEqual([{ action: 'departments', page: 1, pageSize: 10 }]);
  expect(text(rendered.querySelector('.department-row')!.querySelector('.row-title'))).toBe('总部 / 研发部');
});

test('campaign and contest summaries, each with its share leaderboard', async () => {
  reportBackend({
    'report.campaigns': () =>
      ok({
        ...page(
          [
            {
              campaignId: 'p1',
              title: '21 天晨读',
              startDay: '2026-03-01',
              endDay: '2026-03-21',
              participants: 120,
              checkins: 1500,
              shares: 30,
              opens: 80,
              conversions: 25,
            },
          ],
          1,
          1,
        ),
        updatedAt: UPDATED_AT,
      }),
    'report.contests': () =>
      ok({ ...page([{ contestId: 'k1', title: '微课大赛', entries: null, votes: 3000, shares: 9, opens: 40, conversions: 12 }], 1, 1), updatedAt: UPDATED_AT }),
  });
  const { page: rendered, simulate } = await openPage('packageReport/summaries/index');
  const summary = () => rendered.querySelector('.summary-row')!;
  expect(texts(summary().querySelectorAll('.row-line'))).toEqual([
    '2026-03-01 至 2026-03-21',
    '参与 120 人 · 打卡 1500 次',
    '分享 30 次 · 触达 80 人 · 转化 25 人',
  ]);
  await tap(simulate, rendered.querySelector('.board-link')!);
  expect(wxStub().navigations).toEqual(['/packageShare/leaderboard/index?boardKind=campaign&boardId=p1']);

  await switchTab(simulate, rendered, 1);
  expect(texts(summary().querySelectorAll('.row-line'))).toEqual(['作品 — 个 · 投票 3000 票', '分享 9 次 · 触达 40 人 · 转化 12 人']);
  await tap(simulate, rendered.querySelector('.board-link')!);
  expect(wxStub().navigations[1]).toBe('/packageShare/leaderboard/index?boardKind=contest&boardId=k1');
});

test('a failing course report shows why; retry and pull-down refresh load again', async () => {
  let fail = true;
  reportBackend({
    'report.course': () =>
      fail ? failure('NOT_FOUND', '课程不存在') : ok({ course: courseRow(1, { title: '高效沟通' }), departments: [], trends: [], updatedAt: null }),
  });
  const { page: rendered, simulate } = await openPage('packageReport/course/index', { id: 'c1' });
  expect(text(inStatus(rendered, '.state-error'))).toContain('课程不存在');
  fail = false;
  await tap(simulate, inStatus(rendered, '.retry')!);
  expect(text(rendered.querySelector('.course-title'))).toBe('高效沟通');
  expect(text(rendered.querySelector('.no-departments'))).toBe('还没有部门学习这门课程');
  await (rendered.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  expect(callsOf('report.course')).toHaveLength(3);
  expect(wxStub().stopPullDownRefreshCount).toBe(1);
});
