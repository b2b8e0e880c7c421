/**
 * The console's points and mall screens end to end in a real browser against the local cloud: an admin
 * pastes tracking numbers copied from Excel for several pending orders, previews the matches, ships them in
 * one call, and the buyers see their orders shipped through the mini-program's own call; a cancellation
 * refunds the points; the export downloads a workbook; a trainer gets 无权限 and the server refuses.
 * Needs `npm run build` first (npm test runs it).
 */
import ExcelJS from 'exceljs';
import { createItem } from '../../server/points/mall/items';
import { grant, insertAll, seedMember, testDb } from '../helpers/db';
import { givePoints } from '../helpers/ledger';
import { itemForm } from '../helpers/mall';
import { downloadFrom, ONE_PIXEL_PNG, useConsole } from '../helpers/console';

jest.setTimeout(240_000);

const ADMIN = 'o-mall-admin';
const TRAINER = 'o-mall-trainer';
const BUYERS = ['o-mall-buyer-1', 'o-mall-buyer-2', 'o-mall-buyer-3', 'o-mall-buyer-4'];
const EMPLOYEE_NOS = ['MA1001', 'MA1002', 'MA1003', 'MA1004'];

const web = useConsole();
/** Each buyer's order, as the mini-program's redeem answered it. */
const orders: { id: string; price: number }[] = [];
let virtualItemId = '';

beforeAll(async () => {
  await insertAll('departments', [{ _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null }]);
  const inHq = { departmentId: 'dept:总部', departmentPath: ['总部'] };
  await seedMember(ADMIN, 'm:mall-admin', { ...inHq, name: '王管理', roles: [grant('admin')] });
  await seedMember(TRAINER, 'm:mall-trainer', { ...inHq, name: '李讲师', roles: [grant('trainer')] });
  for (const [i, openid] of BUYERS.entries()) {
    await seedMember(openid, `m:mall-buyer-${i}`, { ...inHq, name: `买家${i + 1}`, employeeNo: EMPLOYEE_NOS[i] as string });
    await givePoints(`m:mall-buyer-${i}`, new Date());
  }
  const item = await createItem(
    testDb(),
    {
      ...itemForm({ name: '定制马克杯', description: '陶瓷' }),
      requestId: 'mall-e2e-item',
    },
    'm:mall-admin',
    new Date(),
  );
  virtualItemId = (
    await createItem(
      testDb(),
      { ...itemForm({ name: '电子书月卡', description: '兑换码', price: 20, status: 'off_sale', kind: 'virtual', stock: 0 }), requestId: 'mall-e2e-virtual' },
      'm:mall-admin',
      new Date(Date.now() - 60_000),
    )
  )._id;
  // The members redeem through the mini-program's own call.
  for (const [i, openid] of BUYERS.entries()) {
    const answer = await web.asMiniProgram(openid, 'points', { action: 'redeem', itemId: item._id, requestId: `mall-e2e-redeem-${i}` });
    expect(answer).toMatchObject({ ok: true });
    orders.push({ id: answer.data.order.id, price: answer.data.order.price });
  }
});

test('an admin pastes tracking numbers from Excel, previews, ships in bulk, and the buyers see their orders shipped', async () => {
  const page = await web.signInByScan(ADMIN, '/console/mall/orders');
  const table = page.getByTestId('orders-table');
  await table.getByText('买家1').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(4);

  await page.getByTestId('bulk-fulfil').click();
  // What Excel puts on the clipboard: tab-separated cells, a header line, CRLF line ends.
  const paste = [
    '订单号/工号\t快递公司\t快递单号',
    `${orders[0]!.id}\t顺丰\tSF100001`,
    `${EMPLOYEE_NOS[1]}\t中通\tZT200002`,
    `${EMPLOYEE_NOS[2]}\t圆通\tYT300003`,
    'NOBODY-9\t顺丰\tSF400004',
    '只有一列',
  ].join('\r\n');
  await page.locator('[data-testid="bulk-paste"] textarea').fill(paste);
  await page.getByTestId('bulk-preview').click();
  const summary = page.getByTestId('bulk-summary');
  await summary.getByText('可发放 3 单，1 行无法发放').waitFor();
  expect(await page.getByTestId('bulk-problems').textContent()).toContain('第 6 行');
  const preview = await page.getByTestId('bulk-table').textContent();
  expect(preview).toContain('未找到待发放订单');
  expect(preview).toContain('买家2');
  // The preview changed nothing: the buyers' orders are still pending.
  const before = await web.asMiniProgram(BUYERS[0]!, 'points', { action: 'myOrders' });
  expect(before.data.items[0]).toMatchObject({ status: 'pending' });

  await page.getByTestId('bulk-commit').click();
  await summary.getByText('已发放 3 单，1 行未发放').waitFor();

  const notes = ['顺丰 SF100001', '中通 ZT200002', '圆通 YT300003'];
  for (const [i, note] of notes.entries()) {
    const mine = await web.asMiniProgram(BUYERS[i]!, 'points', { action: 'myOrders' });
    expect(mine.data.items[0]).toMatchObject({ id: orders[i]!.id, status: 'fulfilled', note });
  }
  const untouched = await web.asMiniProgram(BUYERS[3]!, 'points', { action: 'myOrders' });
  expect(untouched.data.items[0]).toMatchObject({ status: 'pending' });

  // The table behind the drawer reloaded: one order is left to ship.
  await page.keyboard.press('Escape');
  await table.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
  expect(await table.textContent()).toContain('买家4');
  await page.close();
});

test('cancelling an order refunds its points to the buyer', async () => {
  const before = await web.asMiniProgram(BUYERS[3]!, 'points', { action: 'balance' });
  const page = await web.signInByScan(ADMIN, '/console/mall/orders');
  await page.getByTestId(`cancel-${orders[3]!.id}`).click();
  await page.getByTestId('cancel-dialog').getByText(`取消后 ${orders[3]!.price} 积分退回给 买家4`).waitFor();
  await page.getByRole('button', { name: '确认取消' }).click();
  await page.getByText(`已取消，${orders[3]!.price} 积分已退回`).waitFor();
  const after = await web.asMiniProgram(BUYERS[3]!, 'points', { action: 'balance' });
  expect(after.data.balance).toBe(before.data.balance + orders[3]!.price);
  const mine = await web.asMiniProgram(BUYERS[3]!, 'points', { action: 'myOrders' });
  expect(mine.data.items[0]).toMatchObject({ status: 'cancelled', cancelledBy: 'admin' });
  await page.close();
});

test('the shipped orders export as a workbook', async () => {
  const page = await web.signInByScan(ADMIN, '/console/mall/orders');
  await page.getByTestId('orders-table').waitFor();
  await page.getByTestId('order-status').getByText('已发放').click();
  await page.getByTestId('orders-table').getByText('买家1').waitFor();
  const file = await downloadFrom(page, () => page.getByTestId('export-orders').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const ids = sheet.getColumn(1).values.slice(2);
  expect([...ids].sort()).toEqual(
    orders
      .slice(0, 3)
      .map((order) => order.id)
      .sort(),
  );
  await page.close();
});

test('an admin finds a member, adjusts their points with a reason, and the balance equals the ledger', async () => {
  const page = await web.signInByScan(ADMIN, `/console/points/ledger?q=${EMPLOYEE_NOS[0]}`);
  const balance = page.getByTestId('member-balance');
  await balance.getByText('买家1').waitFor();
  // The seed's 50-point award reached the default ladder's first rung (学员等级), shown beside the name.
  expect(await balance.getByTestId('member-level').textContent()).toBe('学习新星');
  await page.getByTestId('ledger-table').getByText('兑换礼品').waitFor();
  await page.getByTestId('open-adjust').click();
  await page.locator('[data-testid="adjust-amount"] input').fill('25');
  await page.locator('[data-testid="adjust-reason"] input').fill('季度优秀学员');
  await page.getByRole('button', { name: '确认调整' }).click();
  await page.getByTestId('ledger-table').getByText('季度优秀学员').waitFor();
  const history = await web.callFromPage(page, 'points', { action: 'memberHistory', memberId: 'm:mall-buyer-0', pageSize: 50 });
  const sum = (history.data.items as { amount: number }[]).reduce((total, entry) => total + entry.amount, 0);
  expect(history.data.balance).toBe(sum);
  expect(await balance.textContent()).toContain(`当前余额 ${sum} 积分`);
  const mine = await web.asMiniProgram(BUYERS[0]!, 'points', { action: 'balance' });
  expect(mine.data.balance).toBe(sum);
  // The adjustment is in the audit log, with who made it and why.
  await page.getByTestId('ledger-tabs').getByText('积分调整记录').click();
  const audit = page.getByTestId('adjustments-table').locator('tr', { hasText: '季度优秀学员' });
  await audit.waitFor();
  expect(await audit.textContent()).toContain('王管理');
  await page.close();
});

test("an admin exports every balance, one member's ledger and the adjustments, each as the screen reads them", async () => {
  const page = await web.signInByScan(ADMIN, `/console/points/ledger?q=${EMPLOYEE_NOS[0]}`);
  await page.getByTestId('member-balance').getByText('买家1').waitFor();
  const readSheet = async (file: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return workbook.worksheets[0]!;
  };
  const history = await web.callFromPage(page, 'points', { action: 'memberHistory', memberId: 'm:mall-buyer-0', pageSize: 50 });
  const ledger = await readSheet(await downloadFrom(page, () => page.getByTestId('export-ledger').click()));
  expect((ledger.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['时间', '类型', '积分']);
  expect(ledger.getColumn(3).values.slice(2)).toEqual((history.data.items as { amount: number }[]).map((entry) => entry.amount));

  const balances = await readSheet(await downloadFrom(page, () => page.getByTestId('export-balances').click()));
  const rows = (balances.getSheetValues() as unknown[][]).slice(2).map((row) => row.slice(1, 5));
  expect(rows).toContainEqual(['m:mall-buyer-0', '买家1', expect.any(String), history.data.balance]);

  await page.getByTestId('ledger-tabs').getByText('积分调整记录').click();
  const audit = await web.callFromPage(page, 'admin', { action: 'auditLog', kind: 'points_adjust', pageSize: 50 });
  const adjustments = await readSheet(await downloadFrom(page, () => page.getByTestId('export-adjustments').click()));
  expect(adjustments.rowCount - 1).toBe((audit.data as { total: number }).total);
  await page.close();
});

test('an admin edits an item in the drawer and takes it off the shelf', async () => {
  const page = await web.signInByScan(ADMIN, '/console/mall/items');
  const table = page.getByTestId('items-table');
  await table.getByText('定制马克杯').waitFor();
  await table.locator('tr', { hasText: '定制马克杯' }).getByText('编辑').click();
  await page.locator('[data-testid="item-name"] input').fill('定制保温马克杯');
  await page.locator('[data-testid="item-price"] input').fill('45');
  // A picture uploaded from the desk goes into the admin's own upload folder and is saved with the item.
  await page.getByTestId('item-picture').setInputFiles({ name: 'mug.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await page.getByTestId('item-editor').locator('.picture-slot img').waitFor();
  await page.getByTestId('item-editor').getByRole('button', { name: '保存' }).click();
  await table.getByText('定制保温马克杯').waitFor();
  const listed = await web.asMiniProgram(BUYERS[1]!, 'points', { action: 'listItems' });
  expect(listed.data.items[0]).toMatchObject({ name: '定制保温马克杯', price: 45 });
  // Members see the picture once the content check (内容安全) passes; the admin's own view has it at once.
  const adminView = await web.callFromPage(page, 'points', { action: 'adminListItems' });
  const saved = (adminView.data.items as { name: string; pictures: string[] }[]).find((item) => item.name === '定制保温马克杯');
  expect(saved?.pictures).toEqual([expect.stringMatching(new RegExp(`/uploads/${ADMIN}/mall-item/[^/]+\\.png$`))]);
  const row = table.locator('tr', { hasText: '定制保温马克杯' });
  await row.locator('.t-switch').click();
  await row.getByText('已下架').waitFor();
  expect((await web.asMiniProgram(BUYERS[1]!, 'points', { action: 'listItems' })).data.items).toEqual([]);
  await page.close();
});

test('an admin adds codes to a virtual item, one per line', async () => {
  const page = await web.signInByScan(ADMIN, '/console/mall/items');
  await page.getByTestId(`codes-${virtualItemId}`).click();
  await page.locator('[data-testid="codes-dialog"] textarea').fill('EBOOK-0001\nEBOOK-0002\n\nEBOOK-0003\n');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByText('已添加，可兑库存 3').waitFor();
  const listed = await web.callFromPage(page, 'points', { action: 'adminListItems', status: 'off_sale' });
  expect((listed.data.items as { id: string }[]).find((item) => item.id === virtualItemId)).toMatchObject({ stock: 3, codesAdded: 3 });
  await page.close();
});

test('a trainer without the admin role gets 无权限 and the server refuses the bulk fulfilment', async () => {
  const page = await web.signInByScan(TRAINER);
  await page.getByTestId('member-name').filter({ hasText: '李讲师' }).waitFor();
  expect(await page.getByTestId('menu').textContent()).not.toContain('兑换订单');
  await page.goto(`${web.cloud.url}/console/mall/orders`);
  await page.getByTestId('forbidden').getByText('无权限').waitFor();
  const refused = await web.callFromPage(page, 'points', {
    action: 'fulfilOrders',
    rows: [{ orderId: orders[0]!.id, trackingNo: 'SF999' }],
    requestId: 'mall-e2e-trainer',
  });
  expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});
