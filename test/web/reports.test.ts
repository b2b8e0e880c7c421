/**
 * 学习报表 in the console, end to end: a trainer opens the reports, filters by department, exports a table and
 * the downloaded workbook holds what the screen showed; a trainer limited to a branch gets only that branch,
 * in the picker, the tables and the server's answers. Figures come from seeded rollup documents (what the
 * reportRollup timer writes, typings/docs/report.ts). Needs `npm run build` first (npm test runs it).
 */
import { grant, insertAll, seedMember } from '../helpers/db';
import { ZERO_REPORT_SUMS } from '../helpers/courses';
import { downloadFrom, useConsole } from '../helpers/console';
import { fetchWorkbook, readWorkbook } from '../helpers/workbook';

jest.setTimeout(180_000);

const HQ_TRAINER = 'o-reports-hq';
const BRANCH_TRAINER = 'o-reports-branch';
const EAST = 'dept:华东分公司';
const SOUTH = 'dept:华南分公司';

const web = useConsole();

const zero = ZERO_REPORT_SUMS;
const at = new Date('2026-03-04T02:00:00Z');

/** One course's figures among one department ('*' = everyone), as the rollup keeps them. */
function courseDept(courseId: string, courseTitle: string, departmentId: string, learners: number, completions: number) {
  return {
    _id: `${courseId}|${departmentId}`,
    courseId,
    courseTitle,
    departmentId,
    ...zero,
    learners,
    completions,
    views: learners * 2,
    audience: learners + 2,
    weeks: {},
    updatedAt: at,
  };
}

function dept(departmentId: string, path: string[], learners: number, completions: number) {
  return { _id: departmentId, departmentId, path, ...zero, learners, completions, weeks: {}, updatedAt: at };
}

beforeAll(async () => {
  await insertAll('departments', [
    { _id: EAST, name: '华东分公司', path: ['华东分公司'], parentId: null },
    { _id: `${EAST}/销售部`, name: '销售部', path: ['华东分公司', '销售部'], parentId: EAST },
    { _id: SOUTH, name: '华南分公司', path: ['华南分公司'], parentId: null },
  ]);
  await seedMember(HQ_TRAINER, 'm:reports-hq', { name: '周讲师', roles: [grant('trainer')] });
  await seedMember(BRANCH_TRAINER, 'm:reports-branch', { name: '吴讲师', departmentId: EAST, departmentPath: ['华东分公司'], roles: [grant('trainer', EAST)] });
  await insertAll('reportCourseDepts', [
    courseDept('rc-visit', '客户拜访三步法', '*', 9, 5),
    courseDept('rc-visit', '客户拜访三步法', `${EAST}/销售部`, 6, 4),
    courseDept('rc-visit', '客户拜访三步法', SOUTH, 3, 1),
    courseDept('rc-safety', '安全生产第一课', '*', 4, 2),
    courseDept('rc-safety', '安全生产第一课', SOUTH, 4, 2),
  ]);
  await insertAll('reportDepts', [dept('*', [], 13, 7), dept(`${EAST}/销售部`, ['华东分公司', '销售部'], 6, 4), dept(SOUTH, ['华南分公司'], 7, 3)]);
});

test('a trainer opens the reports, filters by department and exports the course table; the workbook holds the filtered rows', async () => {
  const page = await web.signInByScan(HQ_TRAINER, '/console/reports?tab=courses');
  await page.waitForURL(/\/console\/reports/);
  const table = page.getByTestId('courses-table');
  await table.getByText('安全生产第一课').waitFor();
  expect(await table.textContent()).toContain('客户拜访三步法');
  // The chart loads on its own (ECharts on demand) and draws.
  await page.locator('[data-testid="courses"] [data-testid="chart"][data-ready="1"]').waitFor();

  await page.getByTestId('department-filter').click();
  await page.locator('.t-select-option').filter({ hasText: '华东分公司 / 销售部' }).click();
  await table.getByText('安全生产第一课').waitFor({ state: 'detached' });
  expect(await table.textContent()).toContain('客户拜访三步法');

  const file = await downloadFrom(page, () => page.getByTestId('export-courses').click());
  const [sheet] = await readWorkbook(file);
  expect(sheet?.name).toBe('课程效果');
  expect(sheet?.rows[0]?.slice(0, 4)).toEqual(['课程', '推送人数', '浏览次数', '学习人数']);
  expect(sheet?.rows.slice(1).map((row) => row.slice(0, 4))).toEqual([['客户拜访三步法', 8, 12, 6]]);
  await page.close();
});

test('a trainer limited to a branch gets only the branch: the picker, the department table and the server', async () => {
  const page = await web.signInByScan(BRANCH_TRAINER, '/console/reports?tab=departments');
  const table = page.getByTestId('departments-table');
  await table.getByText('华东分公司 / 销售部').waitFor();
  expect(await table.textContent()).not.toContain('华南分公司');

  await page.getByTestId('department-filter').click();
  const options = page.locator('.t-select-option');
  await options.first().waitFor();
  expect(await options.allTextContents()).toEqual(['华东分公司', '华东分公司 / 销售部']);
  await page.keyboard.press('Escape');

  expect(await web.callFromPage(page, 'report', { action: 'departments', departmentId: SOUTH })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  const exported = await web.callFromPage(page, 'report', { action: 'export', table: 'courses' });
  expect(exported).toMatchObject({ ok: true });
  const sheet = await fetchWorkbook(exported.data.url);
  expect(sheet.rows.slice(1).map((row) => row[0])).toEqual(['客户拜访三步法']);
  await page.close();
});
