/**
 * The console's campaigns area in a real browser against the local cloud (test/helpers/console.ts): a
 * trainer approves a pending sign-up and the member's own mini-program call sees it approved; a bulk
 * approval of the rest; the roster export downloaded and read back; the editor saves through the server's
 * checks; a trainer outside the campaign's scope sees it nowhere and the server refuses the calls.
 */
import ExcelJS from 'exceljs';
import type { CampaignDoc, EnrollmentDoc } from '../../typings/domain';
import { addDays, beijingDate } from '../../server/core/time';
import { grant, insertAll, readDoc, readWhere, seedMember } from '../helpers/db';
import { downloadFrom, ONE_PIXEL_PNG, useConsole } from '../helpers/console';

jest.setTimeout(240_000);

const TRAINER = 'o-wc-trainer';
const BRANCH_TRAINER = 'o-wc-branch-trainer';
const APPLICANTS = ['o-wc-a0', 'o-wc-a1', 'o-wc-a2', 'o-wc-a3', 'o-wc-a4'];
const NAMES = ['赵一', '钱二', '孙三', '李四', '周五'];

const web = useConsole();
let campaign: CampaignDoc;

/** What the trainer sends to create the campaign; everything else takes the contract's creation defaults. */
function creation(today: string): Record<string, unknown> {
  const tasks = Array.from({ length: 7 }, (_, i) => ({ courseId: null, prompt: `第 ${i + 1} 天：写下今天的收获` }));
  const requirement = { minTextLength: 0, minPictures: 0, maxPictures: 9, requireCourse: false };
  const window = { startDay: addDays(today, -1), endDay: addDays(today, 5), signUpStartDay: addDays(today, -10), signUpEndDay: addDays(today, 5) };
  return {
    action: 'create',
    title: '浏览器审核打卡',
    summary: '控制台端到端测试',
    cover: null,
    ...window,
    tasks,
    requirement,
    capacity: null,
    approvalRequired: true,
    scopeDepartmentId: null,
    requestId: 'web-campaign-e2e',
  };
}

const memberIdOf = (openid: string) => `m:${openid.slice(2)}`;

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:总部/信息技术部', name: '信息技术部', path: ['总部', '信息技术部'], parentId: 'dept:总部' },
    { _id: 'dept:分公司', name: '分公司', path: ['分公司'], parentId: null },
  ]);
  await seedMember(TRAINER, 'm:wc-trainer', { name: '李讲师', roles: [grant('trainer')] });
  await seedMember(BRANCH_TRAINER, 'm:wc-branch-trainer', {
    name: '分公司讲师',
    departmentId: 'dept:分公司',
    departmentPath: ['分公司'],
    roles: [grant('trainer', 'dept:分公司')],
  });
  for (const [i, openid] of APPLICANTS.entries()) await seedMember(openid, memberIdOf(openid), { name: NAMES[i] as string });
  const draft = await web.asMiniProgram(TRAINER, 'campaign', creation(beijingDate(new Date())));
  expect(draft).toMatchObject({ ok: true, data: { status: 'draft' } });
  expect(await web.asMiniProgram(TRAINER, 'campaign', { action: 'publish', campaignId: draft.data.id })).toMatchObject({
    ok: true,
    data: { status: 'published' },
  });
  campaign = (await readDoc<CampaignDoc>('campaigns', draft.data.id)) as CampaignDoc;
  // The applicants sign up from the mini-program: the campaign needs approval, so all wait.
  for (const openid of APPLICANTS) {
    expect(await web.asMiniProgram(openid, 'campaign', { action: 'signUp', campaignId: campaign._id })).toMatchObject({
      ok: true,
      data: { enrollment: { status: 'pending' } },
    });
  }
});

const statusOf = async (openid: string) => (await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${memberIdOf(openid)}`))?.status;

test('a trainer finds the campaign with its pending count and approves one sign-up; the member sees it approved', async () => {
  const page = await web.signInByScan(TRAINER, '/console/campaigns');
  const table = page.getByTestId('campaigns-table');
  await table.getByText('浏览器审核打卡').waitFor();
  await table.getByText('5 待审核').click();
  await page.waitForURL(/\/signups\?status=pending$/);
  const signups = page.getByTestId('signups-table');
  await signups.getByText(NAMES[0] as string).waitFor();
  await page.getByTestId(`approve-${memberIdOf(APPLICANTS[0] as string)}`).click();
  // The row leaves the pending list once the server has decided.
  await signups.getByText(NAMES[0] as string).waitFor({ state: 'detached' });
  const detail = await web.asMiniProgram(APPLICANTS[0] as string, 'campaign', { action: 'detail', campaignId: campaign._id });
  expect(detail).toMatchObject({ ok: true, data: { myEnrollment: { status: 'enrolled' } } });
  await page.close();
});

test('a bulk approval of the page decides the rest at once, each once', async () => {
  const page = await web.signInByScan(TRAINER, `/console/campaigns/${encodeURIComponent(campaign._id)}/signups`);
  const signups = page.getByTestId('signups-table');
  await signups.getByText(NAMES[4] as string).waitFor();
  await signups.locator('thead .t-checkbox').click();
  await page.getByTestId('bulk-approve').click();
  await page.getByText('通过 4 人').waitFor();
  await signups.getByText(NAMES[4] as string).waitFor({ state: 'detached' });
  expect(await Promise.all(APPLICANTS.map(statusOf))).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled', 'enrolled']);
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.counts).toEqual({ enrolled: 5, pending: 0, waitlisted: 0 });
  // The approvals told each member in 消息中心, once.
  const notices = (await readWhere<{ _id: string }>('notifications', { kind: 'signup_approved' })).filter((n) =>
    n._id.startsWith(`signup_approved:${campaign._id}:`),
  );
  expect(notices).toHaveLength(5);
  await page.close();
});

test('the roster export downloads a workbook with every member', async () => {
  const page = await web.signInByScan(TRAINER, `/console/campaigns/${encodeURIComponent(campaign._id)}/dashboard`);
  await page.getByTestId('dashboard').waitFor();
  // The charts are drawn once ECharts has loaded (a canvas in each box).
  await page.locator('[data-testid="chart-daily"] canvas').waitFor();
  const file = await downloadFrom(page, () => page.getByTestId('export-roster').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('打卡名单');
  const names = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[])[2]);
  expect(names.sort()).toEqual([...NAMES].sort());
  await page.close();
});

test('the editor saves through the server and shows its message for what it refuses', async () => {
  const page = await web.signInByScan(TRAINER, `/console/campaigns/${encodeURIComponent(campaign._id)}`);
  await page.getByTestId('campaign-editor').waitFor();
  const title = page.getByTestId('field-title').locator('input');
  await title.fill('浏览器审核打卡（第二期）');
  // Day 1 has begun: its task is locked; a later day's prompt can change.
  await page.getByTestId('task-7').locator('textarea').fill('最后一天：写一封给未来自己的信');
  // A cover picked from the desk goes into the trainer's own upload folder and is saved as the campaign's cover.
  await page.getByTestId('field-cover').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await page.getByTestId('campaign-editor').getByTestId('upload-preview').waitFor();
  await page.getByTestId('save').click();
  await page.getByTestId('campaign-title').filter({ hasText: '浏览器审核打卡（第二期）' }).waitFor();
  const saved = await readDoc<CampaignDoc>('campaigns', campaign._id);
  expect(saved).toMatchObject({ title: '浏览器审核打卡（第二期）' });
  expect(saved?.tasks[6]?.prompt).toBe('最后一天：写一封给未来自己的信');
  expect(saved?.cover).toEqual(expect.stringMatching(new RegExp(`/uploads/${TRAINER}/campaign-cover/[^/]+\\.png$`)));
  // The member's list shows it (the mini-program's campaign card reads the file id).
  expect((await web.asMiniProgram(APPLICANTS[0] as string, 'campaign', { action: 'detail', campaignId: campaign._id })).data).toMatchObject({
    cover: saved?.cover,
  });
  // An empty title is refused by the contract's own check before any call.
  await title.fill('');
  await page.getByTestId('save').click();
  await page.getByTestId('editor-error').getByText('请填写活动标题').waitFor();
  expect((await readDoc<CampaignDoc>('campaigns', campaign._id))?.title).toBe('浏览器审核打卡（第二期）');
  await page.close();
});

test("a trainer outside the campaign's scope does not see it, and the server refuses their calls", async () => {
  const page = await web.signInByScan(BRANCH_TRAINER, '/console/campaigns');
  await page.getByTestId('campaigns-table').getByText('暂无数据').waitFor();
  await page.goto(`${web.cloud.url}/console/campaigns/${encodeURIComponent(campaign._id)}/signups`);
  await page.locator('.t-alert').first().waitFor();
  const refused = await web.callFromPage(page, 'campaign', {
    action: 'decideMany',
    campaignId: campaign._id,
    memberIds: [memberIdOf(APPLICANTS[0] as string)],
    decision: 'reject',
  });
  expect(refused).toMatchObject({ ok: false });
  expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused.code);
  expect(await web.callFromPage(page, 'campaign', { action: 'exportRoster', campaignId: campaign._id })).toMatchObject({ ok: false });
  expect(await statusOf(APPLICANTS[0] as string)).toBe('enrolled');
  await page.close();
});

test('a trainer creates a campaign at the desk, publishes it, and ends it early behind a confirmation', async () => {
  const page = await web.signInByScan(TRAINER, '/console/campaigns/new');
  await page.getByTestId('campaign-editor').waitFor();
  await page.getByTestId('field-title').locator('input').fill('桌面新建的七天打卡');
  await page.getByTestId('field-scope').click();
  await page.locator('.t-select-option').filter({ hasText: '全公司' }).click();
  // Saving with an empty day is refused before any call, naming the day.
  await page.getByTestId('save').click();
  await page.getByTestId('editor-error').getByText('第 1 天需要关联课程或填写打卡题目').waitFor();
  for (let day = 1; day <= 7; day += 1) await page.getByTestId(`task-${day}`).locator('textarea').fill(`第 ${day} 天：一句话总结今天的工作`);
  await page.getByTestId('save').click();
  await page.waitForURL(/\/console\/campaigns\/(?!new$)[^/]+$/);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
  expect(await readDoc<CampaignDoc>('campaigns', id)).toMatchObject({ title: '桌面新建的七天打卡', status: 'draft', scopeDepartmentId: null });
  await page.getByTestId('publish').click();
  await page
    .getByTestId('editor-state')
    .getByText(/^已发布/)
    .waitFor();
  // 提前结束 asks first: cancelling changes nothing, confirming ends it.
  const confirmation = page.locator('.t-popconfirm:visible');
  await page.getByTestId('end-campaign').click();
  await confirmation.getByText('提前结束后').waitFor();
  await confirmation.locator('.t-button').first().click();
  await confirmation.waitFor({ state: 'hidden' });
  expect((await readDoc<CampaignDoc>('campaigns', id))?.status).toBe('published');
  await page.getByTestId('end-campaign').click();
  await confirmation.locator('.t-button').last().click();
  await page
    .getByTestId('editor-state')
    .getByText(/^已结束/)
    .waitFor();
  expect((await readDoc<CampaignDoc>('campaigns', id))?.status).toBe('ended');
  await page.close();
});
