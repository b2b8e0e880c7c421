/**
 * 我的订单: my orders newest first, filtered by status, page by page. A pending order can be cancelled (after
 * confirmation; the points come back); a virtual item's code is revealed on request and can be copied.
 */
import { cancelOrder, listMyOrders, toOrderRow, type Order, type OrderRow, type OrderStatusFilter } from '../../services/mall';
import { ORDER_STATUS_LABELS } from '../../utils/labels';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';

interface OrderCard extends OrderRow {
  revealed: boolean;
}

const toCard = (order: Order): OrderCard => ({ ...toOrderRow(order), revealed: false });

const FILTERS: { value: OrderStatusFilter | ''; label: string }[] = [
  { value: '', label: '全部' },
  ...(['pending', 'fulfilled', 'cancelled'] as const).map((value) => ({ value, label: ORDER_STATUS_LABELS[value] })),
];

type OrderEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listMyOrders(page, pageSize, this.data.filter || undefined);
  },
  toView: toCard,
  data: {
    filters: FILTERS,
    filter: '' as OrderStatusFilter | '',
    /** The order whose cancellation is being sent (its link shows busy). */
    cancelling: '',
    ...initialSubmitState(),
  },
  methods: {
    onFilter(event: TabsEvent<OrderStatusFilter | ''>) {
      const { value } = event.detail;
      if (value === this.data.filter) return undefined;
      return this.reloadWith({ filter: value });
    },
    indexOf(id: string | undefined): number {
      return this.data.items.findIndex((order) => order.id === id);
    },
    onReveal(event: OrderEvent) {
      const index = this.indexOf(event.currentTarget.dataset.id);
      if (index >= 0) this.setData({ [`items[${index}].revealed`]: true });
    },
    onCopy(event: OrderEvent) {
      const order = this.data.items[this.indexOf(event.currentTarget.dataset.id)];
      if (order?.code) wx.setClipboardData({ data: order.code });
    },
    async onCancel(event: OrderEvent) {
      const order = this.data.items[this.indexOf(event.currentTarget.dataset.id)];
      if (order?.status !== 'pending' || this.data.submitting) return;
      const confirmed = await confirmModal({
        title: '取消订单',
        content: `取消「${order.itemName}」的兑换？${order.price} 积分将退回到你的账户。`,
        confirmText: '取消订单',
        danger: true,
      });
      if (!confirmed) return;
      this.setData({ cancelling: order.id });
      const outcome = await submitOnce(this, () => cancelOrder(order.id), { where: 'orders', fallback: '取消失败，请稍后重试' });
      this.setData({ cancelling: '' });
      if (!outcome) return;
      if (outcome.ok) {
        const updated = toCard(outcome.value);
        const index = this.indexOf(updated.id);
        if (index >= 0) this.setData({ [`items[${index}]`]: updated });
        toast('订单已取消，积分已退回');
        return;
      }
      const { failure } = outcome;
      toast(failure.code === 'ORDER_STATE' ? '订单已发放或已取消，无法取消' : failure.message);
      if (failure.code === 'ORDER_STATE') await this.reload();
    },
  },
});
