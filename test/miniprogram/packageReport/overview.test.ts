/** 学习数据: the course table with its figures, sorting, "数据更新于", Excel export and the way to each course. */
import { failure, ok } from '../wx-stub';
import { pick, inStatus, settle, tap, wxStub, switchTab, tabItems } from '../harness';
import { UPDATED_AT, courseRow, reportBackend, callsOf, openPage, page, text, texts } from './report-fixtures';

test('every course with its figures, and when they were last updated', async () => {
  reportBackend({
    'report.courses': () =>
      ok({
        ...page([courseRow(1), courseRow(2, { completionRate: null, avgStudySeconds: null, avgRating: null, clickThrough: null })], 1, 2),
        updatedAt: UPDATED_AT,
      }),
  });
  const { page: rendered } = await openPage('packageReport/overview/index');
  expect(callsOf('report.courses')).toEqual([{ action: 'courses', page: 1, pageSize: 10, sort: 'learners' }]);
  expect(text(rendered.querySelector('#head')!.querySelector('.updated'))).toBe('数据更新于 2026-03-02 09:30');
  const rows = rendered.querySelectorAll('.course-row');
  expect(rows).toHaveLength(2);
  expect(texts(rows[0].querySelectorAll('.row-line'))).toEqual([
    '学习 30 人 · 完成率 40% · 平均 12 分钟',
    '推送 40 人 · 点击率 2.3 · 评分 4.3（8 人） · 测验通过 80%',
    '分享 5 次 · 分享率 10% · 触达 14 · 转化 4',
  ]);
  expect(texts(rows[1].querySelectorAll('.row-line'))[0]).toBe('学习 30 人 · 完成率 — · 平均 —');
});

test('sorting asks the backend again; a course opens its detail', async () => {
  reportBackend({ 'report.courses': (call) => ok({ ...page([courseRow(call.event.sort === 'shares' ? 7 : 1)], 1, 1), updatedAt: null }) });
  const { page: rendered, simulate } = await openPage('packageReport/overview/index');
  expect(text(rendered.querySelector('#head')!.querySelector('.updated'))).toBe('数据尚未汇总（每 15 分钟更新一次）');
  expect(texts(tabItems(rendered, '#sorts'))).toEqual(['学习人数', '浏览次数', '完成人数', '分享次数', '推送人数']);
  await switchTab(simulate, rendered, 3, '#sorts');
  expect(callsOf('report.courses').map((event) => event.sort)).toEqual(['learners', 'shares']);
  expect(rendered.querySelectorAll('.course-row').map((row) => text(row.querySelector('.row-title')))).toEqual(['课程7']);
  await tap(simulate, rendered.querySelector('.course-row')!);
  expect(wxStub().navigations).toEqual(['/packageReport/course/index?id=c7']);
});

test('导出 Excel exports the whole table in the order shown and opens the workbook', async () => {
  reportBackend({
    'report.courses': () => ok({ ...page([courseRow(1)], 1, 1), updatedAt: UPDATED_AT }),
    'report.export': () => ok({ fileID: 'cloud://local-bucket/exports/courses.xlsx', url: 'http://127.0.0.1:8787/storage/exports/courses.xlsx', rows: 1 }),
  });
  const { page: rendered, simulate } = await openPage('packageReport/overview/index');
  await switchTab(simulate, rendered, 1, '#sorts');
  await tap(simulate, rendered.querySelector('#head')!.querySelector('.export')!);
  await settle(simulate, 6);
  expect(callsOf('report.export')).toEqual([{ action: 'export', table: 'courses', sort: 'views' }]);
  expect(wxStub().deviceCalls).toEqual(['downloadFile http://127.0.0.1:8787/storage/exports/courses.xlsx', 'openDocument wxfile://tmp/download.xlsx']);
  expect(wxStub().openedDocuments).toEqual([{ filePath: 'wxfile://tmp/download.xlsx', fileType: 'xlsx', showMenu: true }]);
});

test('a refused export is told, and the table stays', async () => {
  reportBackend({
    'report.courses': () => ok({ ...page([courseRow(1)], 1, 1), updatedAt: UPDATED_AT }),
    'report.export': () => failure('FORBIDDEN', '无权导出'),
  });
  const { page: rendered, simulate } = await openPage('packageReport/overview/index');
  await tap(simulate, rendered.querySelector('#head')!.querySelector('.export')!);
  await settle(simulate);
  expect(wxStub().toasts).toEqual(['无权导出']);
  expect(rendered.querySelectorAll('.course-row')).toHaveLength(1);
});

test('someone without a report role sees why', async () => {
  reportBackend({ 'report.courses': () => failure('FORBIDDEN', '只有培训管理员和管理员可以查看学习数据') });
  const { page: rendered } = await openPage('packageReport/overview/index');
  expect(text(inStatus(rendered, '.state-error'))).toContain('只有培训管理员和管理员可以查看学习数据');
});

test('统计范围 narrows the table, its export and the course detail to one department', async () => {
  reportBackend({
    'report.courses': () => ok({ ...page([courseRow(1)], 1, 1), updatedAt: UPDATED_AT }),
    'report.export': () => ok({ fileID: 'cloud://local-bucket/exports/courses.xlsx', url: 'http://127.0.0.1:8787/storage/exports/courses.xlsx', rows: 1 }),
  });
  const { page: rendered, simulate } = await openPage('packageReport/overview/index');
  const scope = rendered.querySelector('#scope')!;
  const chosen = () => text(scope.querySelector('.scope-field')!.querySelector('.picker-field-value'));
  expect(chosen()).toBe('全部（我的管理范围）');
  // Options sorted by path: 全部, 总部 / 研发部, 总部 / 销售部.
  await pick(simulate, scope.querySelector('.scope-field'), 1);
  expect(chosen()).toBe('总部 / 研发部');
  expect(callsOf('report.courses')).toEqual([
    { action: 'courses', page: 1, pageSize: 10, sort: 'learners' },
    { action: 'courses', page: 1, pageSize: 10, sort: 'learners', departmentId: 'd1' },
  ]);
  await tap(simulate, rendered.querySelector('#head')!.querySelector('.export')!);
  await settle(simulate, 6);
  expect(callsOf('report.export')).toEqual([{ action: 'export', table: 'courses', sort: 'learners', departmentId: 'd1' }]);
  await tap(simulate, rendered.querySelector('.course-row')!);
  expect(wxStub().navigations).toEqual(['/packageReport/course/index?id=c1&departmentId=d1']);
});
