/** 订单导出: an admin's Excel export of orders for whoever ships the gifts, read back with exceljs. */
import ExcelJS from 'exceljs';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember } from '../../helpers/db';
import { givePoints, seedItem } from './helpers';

useTestCloud();
const MEMBER = { openid: 'o-export-member' };
const ADMIN = { openid: 'o-export-admin' };

beforeAll(async () => {
  await seedMember(MEMBER.openid, 'm:export-member', { name: '陈静', employeeNo: 'E7001' });
  await seedMember(ADMIN.openid, 'm:export-admin', { roles: [grant('admin')] });
  for (let i = 0; i < 3; i += 1) await givePoints('m:export-member', new Date());
});

test('pending orders export as a workbook with one row per order, downloadable by its temporary link', async () => {
  const item = await seedItem({ name: '定制马克杯', price: 10 });
  for (const requestId of ['export-order-0001', 'export-order-0002']) {
    const redeemed = await callAction('points', 'redeem', { itemId: item._id, requestId }, MEMBER);
    expect(redeemed.ok).toBe(true);
  }
  const exported = await callAction('points', 'exportOrders', { status: 'pending' }, ADMIN);
  if (!exported.ok) throw new Error(exported.message);
  expect(exported.data.rows).toBe(2);
  const response = await fetch(exported.data.url);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('兑换订单');
  expect(sheet.rowCount).toBe(3);
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toContain('礼品');
  const row = (sheet.getRow(2).values as unknown[]).slice(1);
  expect(row).toEqual(expect.arrayContaining(['E7001', '陈静', '定制马克杯', 10]));
  expect(await callAction('points', 'exportOrders', { status: 'pending' }, MEMBER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
