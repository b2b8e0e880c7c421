/** 兑换订单 (admin): pending orders with who to ship to, fulfil with a note, cancel with confirmation, export to Excel. */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, switchTab, tap, wxStub, openPage, text, texts, typeInto, page } from '../harness';
import { backend, callsOf, order } from '../../helpers/pages/points';
import type { OrderAdminView } from '../../../typings/functions/points';

function adminOrder(id: string, overrides: Partial<OrderAdminView> = {}): OrderAdminView {
  const { code: _code, ...rest } = order(id);
  return { ...rest, memberId: 'm1', memberName: '王芳', employeeNo: 'E001', departmentPath: ['总部', '人力资源部'], ...overrides };
}

const open = () => openPage('packageAdmin/mall-orders/index');

test('lists pending orders with the member; fulfilling sends the note after confirmation', async () => {
  backend({
    adminListOrders: () => ok(page([adminOrder('o1'), adminOrder('o2', { employeeNo: null, memberName: '李雷' })], 1, 2)),
    fulfilOrder: (call) => ok(adminOrder('o1', { status: 'fulfilled', note: String(call.event.note), fulfilledAt: '2026-03-02T02:00:00.000Z' })),
  });
  const { page: rendered, simulate } = await open();
  expect(callsOf('adminListOrders')).toEqual([{ action: 'adminListOrders', page: 1, pageSize: 10, status: 'pending' }]);
  expect(texts(rendered.querySelectorAll('.order-member'))).toEqual(['王芳（E001） · 总部 / 人力资源部', '李雷 · 总部 / 人力资源部']);

  await typeInto(simulate, rendered, '.note-input', ' 顺丰 SF123 ');
  wxStub().modalAnswers.push(false);
  await tap(simulate, rendered.querySelector('.fulfil')!);
  expect(callsOf('fulfilOrder')).toEqual([]);
  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.fulfil')!);
  await settle(simulate);
  expect(wxStub().modals[1]?.content).toContain('备注：顺丰 SF123');
  expect(callsOf('fulfilOrder')).toEqual([{ action: 'fulfilOrder', orderId: 'o1', note: '顺丰 SF123' }]);
  expect(text(rendered.querySelector('.order-status'))).toBe('已发放');
  expect(text(rendered.querySelector('.order-note'))).toBe('备注：顺丰 SF123');
  expect(wxStub().toasts).toEqual(['已标记为已发放']);
});

test('cancelling asks first and says points come back; a changed order is reported', async () => {
  backend({
    adminListOrders: () => ok(page([adminOrder('o1'), adminOrder('o2')], 1, 2)),
    adminCancelOrder: (call) =>
      call.event.orderId === 'o1'
        ? ok(adminOrder('o1', { status: 'cancelled', cancelledAt: '2026-03-02T02:00:00.000Z', cancelledBy: 'admin' }))
        : failure('ORDER_STATE', '订单状态已变化，无法进行此操作'),
  });
  const { page: rendered, simulate } = await open();
  wxStub().modalAnswers.push(true, true);
  await tap(simulate, rendered.querySelectorAll('.cancel')[0]!);
  await settle(simulate);
  expect(wxStub().modals[0]?.content).toBe('取消王芳（E001）的「定制马克杯」订单？200 积分将退回，库存恢复。');
  expect(callsOf('adminCancelOrder')[0]).toEqual({ action: 'adminCancelOrder', orderId: 'o1', note: '' });
  expect(texts(rendered.querySelectorAll('.order-status'))).toEqual(['已取消', '待发放']);

  await tap(simulate, rendered.querySelectorAll('.cancel')[0]!);
  await settle(simulate);
  expect(wxStub().toasts).toEqual(['订单已取消，积分已退回', '订单已发放或已取消，请刷新后查看']);
});

test('the status filter reloads from page 1; an empty status says so', async () => {
  backend({ adminListOrders: (call) => ok(call.event.status === 'pending' ? page([adminOrder('o1')], 1, 1) : page([], 1, 0)) });
  const { page: rendered, simulate } = await open();
  await switchTab(simulate, rendered, 2);
  expect(callsOf('adminListOrders').map((call) => call.status)).toEqual(['pending', 'cancelled']);
  expect(text(inStatus(rendered, '.state-empty'))).toContain('没有该状态的订单');
});

test('export downloads the workbook and opens it with the share menu; nothing to export says so', async () => {
  let rows = 3;
  backend({
    adminListOrders: () => ok(page([adminOrder('o1')], 1, 1)),
    exportOrders: () => ok({ fileID: 'cloud://local-bucket/exports/orders.xlsx', url: 'http://127.0.0.1:8787/storage/orders.xlsx', rows }),
  });
  const { page: rendered, simulate } = await open();
  await tap(simulate, rendered.querySelector('.export-button')!);
  await settle(simulate, 6);
  expect(callsOf('exportOrders')).toEqual([{ action: 'exportOrders', status: 'pending' }]);
  expect(wxStub().downloads).toEqual(['http://127.0.0.1:8787/storage/orders.xlsx']);
  expect(wxStub().openedDocuments).toEqual([{ filePath: 'wxfile://tmp/download.xlsx', fileType: 'xlsx', showMenu: true }]);

  rows = 0;
  await tap(simulate, rendered.querySelector('.export-button')!);
  await settle(simulate, 6);
  expect(wxStub().downloads).toHaveLength(1);
  expect(wxStub().toasts).toEqual(['没有可导出的订单']);
});
