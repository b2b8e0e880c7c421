/**
 * The order export (订单导出) for whoever ships the gifts, through the shared export (server/core/workbook.ts):
 * orders of one status, oldest first, read a page at a time keyed on (createdAt, _id).
 */
import { exportRows, exportTable } from '../../core/workbook';
import type { OrderStatus, OrdersExport } from '../../../typings/functions/points';
import { ORDER_STATUS_LABELS } from '../../../typings/functions/points';
import { COLLECTIONS, orderedPages } from '../../core';
import type { Database, WxCloud } from '../../core';
import { beijingDateTime } from '../../core/time';
import type { MallOrderDoc } from '../../../typings/docs/mall';

/** The most rows one export holds (10 pages of 1000, CloudBase's maximum per query). */
export const MAX_EXPORT_ROWS = 10_000;

const beijingTime = (value: Date | null): string => (value === null ? '' : beijingDateTime(new Date(value)));

export const ORDERS_EXPORT = exportTable<MallOrderDoc>('兑换订单', [
  { header: '订单号', width: 36, cell: (order) => order._id },
  { header: '兑换时间', width: 18, cell: (order) => beijingTime(order.createdAt) },
  { header: '状态', width: 8, cell: (order) => ORDER_STATUS_LABELS[order.status] },
  { header: '工号', width: 12, cell: (order) => order.employeeNo ?? '' },
  { header: '姓名', width: 12, cell: (order) => order.memberName },
  { header: '部门', width: 28, cell: (order) => order.departmentPath.join('/') },
  { header: '礼品', width: 24, cell: (order) => order.itemName },
  { header: '类型', width: 8, cell: (order) => (order.kind === 'physical' ? '实物' : '虚拟') },
  { header: '积分', width: 8, cell: (order) => order.price },
  { header: '备注', width: 30, cell: (order) => order.note ?? '' },
]);

export async function exportOrders(db: Database, cloud: WxCloud, status: OrderStatus, at: Date, ownerId: string): Promise<OrdersExport> {
  const pages = orderedPages<MallOrderDoc>(db, COLLECTIONS.mallOrders, { status }, 'createdAt', 'asc');
  return exportRows(cloud, ORDERS_EXPORT, pages, { label: `mall-orders/${status}`, ownerId, now: at, maxRows: MAX_EXPORT_ROWS });
}
