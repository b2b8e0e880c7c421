/** The order export (订单导出) for whoever ships the gifts: an Excel workbook in cloud storage. */
import { newSheet, publishWorkbook } from '../../core/workbook';
import type { OrderStatus, OrdersExport } from '../../../typings/functions/points';
import { ORDER_STATUS_LABELS } from '../../../typings/functions/points';
import { COLLECTIONS } from '../../core';
import type { Database, WxCloud } from '../../core';
import { beijingDateTime } from '../../core/time';
import type { MallOrderDoc } from './model';

/** The most rows one export reads (10 queries of 1000, CloudBase's maximum per query). */
export const MAX_EXPORT_ROWS = 10_000;
const BATCH = 1000;

/** Orders with `status`, oldest first, read in batches keyed on (createdAt, _id) so none is skipped or repeated. */
async function readOrders(db: Database, status: OrderStatus): Promise<MallOrderDoc[]> {
  const _ = db.command;
  const orders: MallOrderDoc[] = [];
  let after: MallOrderDoc | null = null;
  while (orders.length < MAX_EXPORT_ROWS) {
    const filter: Record<string, unknown> = after
      ? (_.and([{ status }, _.or([{ createdAt: _.gt(after.createdAt) }, { createdAt: after.createdAt, _id: _.gt(after._id) }])]) as unknown as Record<string, unknown>)
      : { status };
    const query = db.collection(COLLECTIONS.mallOrders).where(filter).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(BATCH);
    const { data } = (await query.get()) as unknown as { data: MallOrderDoc[] };
    orders.push(...data);
    if (data.length < BATCH) break;
    after = data[data.length - 1] as MallOrderDoc;
  }
  return orders.slice(0, MAX_EXPORT_ROWS);
}

const beijingTime = (value: Date | null): string => {
  if (value === null) return '';
  return beijingDateTime(new Date(value));
};

export async function exportOrders(db: Database, cloud: WxCloud, status: OrderStatus, at: Date, ownerId: string): Promise<OrdersExport> {
  const orders = await readOrders(db, status);
  const { workbook, sheet } = newSheet('兑换订单', [
    { header: '订单号', key: 'id', width: 36 },
    { header: '兑换时间', key: 'createdAt', width: 18 },
    { header: '状态', key: 'status', width: 8 },
    { header: '工号', key: 'employeeNo', width: 12 },
    { header: '姓名', key: 'memberName', width: 12 },
    { header: '部门', key: 'department', width: 28 },
    { header: '礼品', key: 'itemName', width: 24 },
    { header: '类型', key: 'kind', width: 8 },
    { header: '积分', key: 'price', width: 8 },
    { header: '备注', key: 'note', width: 30 },
  ]);
  for (const order of orders) {
    sheet.addRow({
      id: order._id,
      createdAt: beijingTime(order.createdAt),
      status: ORDER_STATUS_LABELS[order.status],
      employeeNo: order.employeeNo ?? '',
      memberName: order.memberName,
      department: order.departmentPath.join('/'),
      itemName: order.itemName,
      kind: order.kind === 'physical' ? '实物' : '虚拟',
      price: order.price,
      note: order.note ?? '',
    });
  }
  const published = await publishWorkbook(cloud, workbook, `mall-orders/${status}`, ownerId, at);
  return { ...published, rows: orders.length };
}
