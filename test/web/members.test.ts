/**
 * The members screen end to end in a real browser (test/helpers/console.ts): an admin drops a roster workbook
 * on the page, reads the diff (added, changed field by field, deactivated), applies it and finds the new
 * members in the table; then grants a role from the member drawer, which the server records; opens a
 * member's learning record and exports it, reading the workbook back; issues and revokes an invitation code.
 */
import ExcelJS from 'exceljs';
import { grant, insertAll, readDoc, readWhere, seedMember } from '../helpers/db';
import { rosterMember, seedRoster } from '../helpers/roster';
import { downloadFrom, useConsole } from '../helpers/console';
import type { MemberDoc } from '../../typings/domain';
import type { Page } from 'playwright-core';

jest.setTimeout(180_000);

/** Browser globals inside page.evaluate (this project type-checks tests without the DOM library). */
declare const DataTransfer: new () => { items: { add(file: unknown): void } };
declare const File: new (parts: unknown[], name: string) => unknown;

const ADMIN = 'o-members-admin';
const web = useConsole();

const SALES = { departmentId: 'dept:总部/销售部', departmentPath: ['总部', '销售部'] };

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:总部/销售部', name: '销售部', path: ['总部', '销售部'], parentId: 'dept:总部' },
  ]);
  await seedMember(ADMIN, 'm:W0001', {
    employeeNo: 'W0001',
    name: '王管理',
    roles: [grant('admin')],
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
    hireDate: '2020-01-01',
  });
  await seedRoster(
    ...['W1001', 'W1002', 'W1003', 'W1004', 'W1005'].map((no, i) =>
      rosterMember(no, ['赵一', '钱二', '孙三', '李四', '周五'][i] as string, { ...SALES, hireDate: '2021-05-01' }),
    ),
  );
});

/** The roster as HR keeps it: a title line, the header, a real date cell, 孙三 moved, 周五 gone, two new people. */
async function rosterWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['2026 年 12 月员工花名册']);
  sheet.addRow(['工号', '姓名', '部门', '职级', '入职日期']);
  const rows: [string, string, string, string, Date | string][] = [
    ['W0001', '王管理', '总部', '员工', '2020-01-01'],
    ['W1001', '赵一', '总部/销售部', '员工', '2021-05-01'],
    ['W1002', '钱二', '总部/销售部', '员工', '2021-05-01'],
    ['W1003', '孙三', '总部/市场部', '一线经理', '2021-05-01'],
    ['W1004', '李四', '总部/销售部', '员工', '2021-05-01'],
    ['W2001', '新同事甲', '总部/市场部', '员工', new Date(Date.UTC(2026, 10, 2))],
    ['W2002', '新同事乙', '总部/销售部', '员工', '2026-11-16'],
    ['W2003', '填错了', '总部/销售部', '实习生', '2026-11-16'],
  ];
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function dropFile(page: Page, selector: string, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name));
      return transfer;
    },
    { name, bytes: [...bytes] },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

async function count(page: Page, key: string): Promise<string | null> {
  return page.locator(`[data-testid="roster-summary"] [data-key="${key}"] .count`).textContent();
}

test('an admin drops a roster, reads the diff, applies it and grants a role', async () => {
  const page = await web.signInByScan(ADMIN, '/console/members');
  const table = page.locator('[data-testid="members-table"]');
  await table.getByText('周五').waitFor();

  await dropFile(page, '[data-testid="members-page"]', '花名册.xlsx', await rosterWorkbook());
  const dialog = page.getByTestId('roster-import');
  await dialog.getByText('预览：花名册.xlsx（尚未写入，确认后才会导入）').waitFor();
  expect([await count(page, 'added'), await count(page, 'changed'), await count(page, 'deactivated'), await count(page, 'rejected')]).toEqual([
    '2',
    '1',
    '1',
    '1',
  ]);
  // Nothing is written by the preview.
  expect(await readDoc('members', 'm:W2001')).toBeNull();

  await dialog.locator('.t-tabs__nav-item').filter({ hasText: '新增（2）' }).click();
  expect(await dialog.getByTestId('roster-added').textContent()).toMatch(/W2001新同事甲总部 \/ 市场部.*W2002新同事乙/);
  await dialog.locator('.t-tabs__nav-item').filter({ hasText: '变更（1）' }).click();
  expect(await dialog.getByTestId('roster-changed').textContent()).toContain('部门：总部/销售部 → 总部/市场部；职级：员工 → 一线经理');
  await dialog.locator('.t-tabs__nav-item').filter({ hasText: '停用（1）' }).click();
  expect(await dialog.getByTestId('roster-deactivated').textContent()).toContain('周五');
  await dialog.locator('.t-tabs__nav-item').filter({ hasText: '错误行（1）' }).click();
  expect(await dialog.getByTestId('roster-rejected').textContent()).toContain('职级无法识别：实习生');

  await dialog.getByTestId('roster-apply').click();
  await dialog.getByText('已导入：花名册.xlsx').waitFor();
  expect(await count(page, 'added')).toBe('2');
  await dialog.getByTestId('roster-done').click();

  expect(await readDoc<MemberDoc>('members', 'm:W2001')).toMatchObject({ name: '新同事甲', hireDate: '2026-11-02', active: true });
  expect(await readDoc<MemberDoc>('members', 'm:W1005')).toMatchObject({ active: false });
  await table.getByText('新同事甲').waitFor();
  expect(await table.textContent()).toContain('新同事乙');

  // Grant 新同事甲 the judge role, scoped to 总部/市场部, from the drawer.
  await page.getByTestId('manage-m:W2001').click();
  const drawer = page.getByTestId('member-drawer');
  await drawer.getByText('仅为学员').waitFor();
  await drawer.getByTestId('grant-role').click();
  await page.locator('.t-select-option').filter({ hasText: '评委' }).click();
  await drawer.getByTestId('grant-scope').click();
  await page.locator('.t-select-option').filter({ hasText: '总部 / 市场部' }).click();
  await drawer.getByTestId('grant').click();
  await drawer.locator('[data-grant="judge@dept:总部/市场部"]').waitFor();
  expect(await readDoc<MemberDoc>('members', 'm:W2001')).toMatchObject({ roles: [{ role: 'judge', scopeDepartmentId: 'dept:总部/市场部' }] });
  expect(await readWhere('adminAudit', { action: 'role_grant', targetId: 'm:W2001' })).toEqual([expect.objectContaining({ actorId: 'm:W0001' })]);
  await table.getByText('评委').waitFor();
  await page.close();
});

test('an admin opens a learning record and exports it', async () => {
  // The study totals are summed from the learning records below when read.
  await insertAll('courses', [{ _id: 'c:web-safety', title: '安全生产第一课', status: 'published' }]);
  const at = new Date('2026-11-10T02:00:00Z');
  await insertAll('learningRecords', [
    {
      _id: 'm:W1001:c:web-safety',
      memberId: 'm:W1001',
      courseId: 'c:web-safety',
      position: 0,
      furthest: 0,
      percent: 100,
      studyMs: 42 * 60_000,
      creditedUntil: null,
      completed: true,
      completedAt: at,
      completionEmitted: true,
      quizAttempts: 1,
      quizPassed: true,
      quizBestScore: 88,
      quizPassEmitted: true,
      startedAt: at,
      lastStudiedAt: at,
      updatedAt: at,
    },
  ]);
  // 赵一 has reached 学习能手 (学员等级): the table's 等级 column and the record's header show it.
  await insertAll('pointsAccounts', [
    { _id: 'm:W1001', memberId: 'm:W1001', ...SALES, balance: 260, earnedTotal: 320, levelRank: 2, levelName: '学习能手', buckets: {}, oldestYear: null },
  ]);
  const page = await web.signInByScan(ADMIN, '/console/members');
  expect(await page.getByTestId('level-m:W1001').textContent()).toBe('学习能手');
  expect(await page.getByTestId('level-m:W1002').count()).toBe(0);
  await page.getByTestId('manage-m:W1001').click();
  await page.getByTestId('open-record').click();
  await page.waitForURL(/\/console\/members\/m(:|%3A)W1001\/record$/);
  const record = page.getByTestId('member-record');
  await record.getByText('赵一 的学习档案').waitFor();
  expect(await record.getByTestId('record-level').textContent()).toBe('学习能手');
  expect(await record.getByTestId('record-stats').textContent()).toContain('累计获得积分320');
  expect(await record.getByTestId('record-stats').textContent()).toContain('学习时长42 分钟');
  expect(await record.getByTestId('record-courses').textContent()).toContain('安全生产第一课100%42 分钟已完成88（通过）');

  const file = await downloadFrom(page, () => record.getByTestId('export-record').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['概览', '课程', '积分明细', '打卡活动', '大赛', '证书']);
  expect((workbook.getWorksheet('课程')!.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['安全生产第一课', 100, 42, '已完成']);
  await page.close();
});

test('an admin issues an invitation code and revokes it', async () => {
  const page = await web.signInByScan(ADMIN, '/console/members/invitations');
  await page.getByTestId('new-invitation').click();
  await page.getByTestId('invitation-name').locator('input').fill('外部讲师');
  await page.getByTestId('invitation-department').click();
  await page.locator('.t-select-option').filter({ hasText: '总部 / 销售部' }).click();
  await page.getByRole('button', { name: '生成' }).click();
  const issued = page.getByTestId('issued-code').filter({ hasText: /\w{4,}/ });
  await issued.waitFor();
  const code = ((await issued.textContent()) as string).trim();
  expect(await readDoc('invitations', code)).toMatchObject({ name: '外部讲师', departmentId: 'dept:总部/销售部', status: 'open' });
  await page.getByRole('button', { name: '知道了' }).click();
  const table = page.getByTestId('invitations-table');
  await table.getByText(code).waitFor();
  await page.getByTestId(`revoke-${code}`).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
  await table.getByText('已撤销').waitFor();
  expect(await readDoc('invitations', code)).toMatchObject({ status: 'revoked' });
  await page.close();
});

test('an admin hides a column with 列设置, and the table remembers it after a reload', async () => {
  const page = await web.signInByScan(ADMIN, '/console/members');
  const header = page.locator('[data-testid="members-table"] thead');
  await header.getByText('工号', { exact: true }).waitFor();
  await page.getByRole('button', { name: '列设置' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '选择显示的列' });
  await dialog.getByText('工号', { exact: true }).click();
  await dialog.getByRole('button', { name: '确认' }).click();
  await header.getByText('工号', { exact: true }).waitFor({ state: 'detached' });
  await page.reload();
  await header.getByText('姓名', { exact: true }).waitFor();
  expect(await header.getByText('工号', { exact: true }).count()).toBe(0);
  await page.close();
});

test('an admin exports the member table as filtered: the workbook holds the rows the table shows', async () => {
  const page = await web.signInByScan(ADMIN, '/console/members');
  const table = page.getByTestId('members-table');
  await table.getByText('王管理').waitFor();
  await page.getByTestId('keyword').locator('input').fill('W100');
  await page.getByTestId('keyword').locator('input').press('Enter');
  await table.getByText('王管理').waitFor({ state: 'detached' });
  const shown = (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((text) => text.trim()).sort();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((no) => no.startsWith('W100'))).toBe(true);

  const file = await downloadFrom(page, () => page.getByTestId('export-members').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['工号', '姓名', '部门']);
  const exported = (sheet.getColumn(1).values.slice(2) as unknown[]).map(String).sort();
  expect(exported).toEqual(shown);
  await page.close();
});
