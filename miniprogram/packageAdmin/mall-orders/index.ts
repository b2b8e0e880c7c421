/**
 * 兑换订单 (admin): orders by status (pending first: what has to be shipped), who to ship to, fulfil with a
 * note such as a tracking number, or cancel (points and stock go back); export the listed status to Excel
 * (downloaded and opened with the share menu, for whoever ships the gifts).
 */
import {
  adminCancelOrder,
  adminListOrders,
  exportOrders,
  fulfilOrder,
  toOrderRow,
  type AdminOrder,
  type OrderRow,
  type OrderStatusFilter,
} from '../../services/mall';
import type { TabsEvent } from '../../utils/events';
import { failureOf } from '../../utils/failure';
import { ORDER_STATUS_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { openWorkbook } from '../../utils/workbook';
import { MALL_LIMITS } from '../../utils/limits';

interface AdminOrderRow extends OrderRow {
  member: string;
  department: string;
}

const toRow = (order: AdminOrder): AdminOrderRow => ({
  ...toOrderRow(order),
  member: order.employeeNo ? `${order.memberName}（${order.employeeNo}）` : order.memberName,
  department: order.departmentPath.join(' / '),
});

const MAX_NOTE = MALL_LIMITS.orderNote;
const FILTERS = (['pending', 'fulfilled', 'cancelled'] as const).map((value) => ({ value, label: ORDER_STATUS_LABELS[value] }));

type OrderEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;
type NoteEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { id?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return adminListOrders(page, pageSize, this.data.filter);
  },
  toView: toRow,
  data: {
    limits: MALL_LIMITS,
    filters: FILTERS,
    filter: 'pending' as OrderStatusFilter,
    /** Order id → the note typed for it. */
    notes: {} as Record<string, string>,
    noteError: '',
    ...initialSubmitState(),
    exporting: false,
  },
  methods: {
    /** The t-tabs row of statuses. */
    onFilter(event: TabsEvent<OrderStatusFilter>) {
      const value = event.detail.value;
      if (value === this.data.filter) return undefined;
      return this.reloadWith({ filter: value });
    },
    onNoteInput(event: NoteEvent) {
      const id = event.currentTarget.dataset.id;
      if (id) this.setData({ [`notes.${id}`]: event.detail.value, noteError: '' });
    },
    orderOf(event: OrderEvent): AdminOrderRow | undefined {
      return this.data.items.find((order) => order.id === event.currentTarget.dataset.id);
    },
    /** Sends one change to an order: the row shows the order as answered (another status), or why not. */
    async settle(send: () => Promise<AdminOrder>, message: string) {
      const outcome = await submitOnce(this, send, { where: 'mall-orders', fallback: '操作失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        toast(outcome.failure.code === 'ORDER_STATE' ? '订单已发放或已取消，请刷新后查看' : outcome.failure.message);
        return;
      }
      const index = this.data.items.findIndex((order) => order.id === outcome.value.id);
      if (index >= 0) this.setData({ [`items[${index}]`]: toRow(outcome.value) });
      toast(message);
    },
    async onFulfil(event: OrderEvent) {
      const order = this.orderOf(event);
      if (order?.status !== 'pending' || this.data.submitting) return;
      const note = (this.data.notes[order.id] ?? '').trim();
      if (note.length > MAX_NOTE) {
        this.setData({ noteError: `备注最多 ${MAX_NOTE} 个字` });
        return;
      }
      const confirmed = await confirmModal({ title: '确认发放', content: `确认已向${order.member}发放「${order.itemName}」？${note ? `备注：${note}` : ''}` });
      if (!confirmed) return;
      await this.settle(() => fulfilOrder(order.id, note), '已标记为已发放');
    },
    async onCancel(event: OrderEvent) {
      const order = this.orderOf(event);
      if (order?.status !== 'pending' || this.data.submitting) return;
      const note = (this.data.notes[order.id] ?? '').trim().slice(0, MAX_NOTE);
      const confirmed = await confirmModal({
        title: '取消订单',
        content: `取消${order.member}的「${order.itemName}」订单？${order.price} 积分将退回，库存恢复。`,
        confirmText: '取消订单',
        danger: true,
      });
      if (!confirmed) return;
      await this.settle(() => adminCancelOrder(order.id, note), '订单已取消，积分已退回');
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const exported = await exportOrders(this.data.filter);
        if (exported.rows === 0) {
          toast('没有可导出的订单');
          return;
        }
        await openWorkbook(exported.url);
      } catch (error) {
        toast(failureOf(error, 'mall-orders', '导出失败，请稍后重试').message);
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
