/**
 * 礼品详情: pictures, description, price, stock, limits and window, and redeeming. Redeeming asks for
 * confirmation; each confirmation gets one requestId, and a retry after an unknown outcome (network, server
 * busy) sends the same requestId again, so the server answers the same order instead of redeeming twice.
 * A refusal (积分不足, 已兑完, 已达上限, 不可兑换) says why and reloads the item.
 */
import { getItem, redeem, toOrderRow, type MallItemDetail, type OrderRow } from '../../services/mall';
import type { ApiErrorCode } from '../../services/transport';
import { failedStatus, failureOf, messageFor } from '../../utils/failure';
import { MALL_ITEM_KIND_LABELS } from '../../utils/labels';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { displayPictures } from '../../utils/pictures';
import { confirmModal } from '../../utils/ui';
import { newRequestId } from '../../utils/request-id';
import { beijingDateTime } from '../../utils/time';
import { routeUrl } from '../../utils/routes';

/** Refusals: the redemption did not happen, and trying again the same way would not change that. */
export const REDEEM_REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  POINTS_INSUFFICIENT: '积分不足，无法兑换该礼品',
  OUT_OF_STOCK: '礼品已被兑完，看看其他礼品吧',
  REDEEM_LIMIT: '你已达到该礼品的兑换上限',
  ITEM_UNAVAILABLE: '该礼品已下架或不在兑换时间内',
  NOT_FOUND: '礼品不存在或已删除',
};

interface ItemView {
  id: string;
  name: string;
  pictures: string[];
  description: string;
  price: number;
  kind: string;
  stock: string;
  limits: string[];
  window: string;
  myBalance: number;
  /** Why redeeming is not possible now, or '' when it is. */
  blocked: string;
}

function windowText(from: string | null, until: string | null): string {
  if (from && until) return `兑换时间：${beijingDateTime(from)} 至 ${beijingDateTime(until)}`;
  if (from) return `兑换时间：${beijingDateTime(from)} 起`;
  if (until) return `兑换截止：${beijingDateTime(until)}`;
  return '';
}

function blockedReason(item: MallItemDetail): string {
  if (item.stock <= 0) return '已兑完';
  if (item.remainingForMe <= 0) return '已达兑换上限';
  if (item.myBalance < item.price) return `积分不足（还差 ${item.price - item.myBalance} 积分）`;
  return '';
}

/** `pictures`: the item's pictures as displayable URLs (utils/pictures.ts). */
function toItemView(item: MallItemDetail, pictures: string[]): ItemView {
  const limits: string[] = [];
  if (item.limitTotal !== null) limits.push(`每人限兑 ${item.limitTotal} 件`);
  if (item.limitPerMonth !== null) limits.push(`每人每月限兑 ${item.limitPerMonth} 件`);
  return {
    id: item.id,
    name: item.name,
    pictures,
    description: item.description,
    price: item.price,
    kind: MALL_ITEM_KIND_LABELS[item.kind],
    stock: item.stock > 0 ? `库存 ${item.stock}` : '已兑完',
    limits,
    window: windowText(item.availableFrom, item.availableUntil),
    myBalance: item.myBalance,
    blocked: blockedReason(item),
  };
}

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    itemId: '',
    item: null as ItemView | null,
    redeeming: false,
    /** Set from a confirmation until its outcome is known: every retry sends it again. */
    pendingRequestId: '',
    redeemError: '',
    order: null as OrderRow | null,
    balanceAfter: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ itemId: query.id ?? '' });
      return this.loadItem();
    },
    async loadItem() {
      const { itemId } = this.data;
      if (!itemId) {
        this.setData({ status: 'error', message: '礼品不存在或已删除' });
        return;
      }
      try {
        const item = await getItem(itemId);
        this.setData({ status: 'ready', item: toItemView(item, await displayPictures(item.pictures)) });
      } catch (error) {
        const failure = failureOf(error, 'item');
        this.setData({ status: failedStatus(failure), message: messageFor(failure, REDEEM_REFUSALS) });
      }
    },
    onRetry() {
      return this.loadItem();
    },
    onPreview(event: WechatMiniprogram.BaseEvent<{}, { src?: string }>) {
      const item = this.data.item;
      if (item && event.currentTarget.dataset.src) wx.previewImage({ urls: item.pictures, current: event.currentTarget.dataset.src });
    },
    async onRedeem() {
      const item = this.data.item;
      if (!item || this.data.redeeming || item.blocked) return;
      let requestId = this.data.pendingRequestId;
      if (!requestId) {
        const confirmed = await confirmModal({
          title: '确认兑换',
          content: `使用 ${item.price} 积分兑换「${item.name}」？兑换后积分将立即扣除。`,
          confirmText: '兑换',
        });
        if (!confirmed) return;
        requestId = newRequestId();
      }
      this.setData({ redeeming: true, pendingRequestId: requestId, redeemError: '' });
      try {
        const result = await redeem(item.id, requestId);
        this.setData({ redeeming: false, pendingRequestId: '', order: toOrderRow(result.order), balanceAfter: result.balance });
        await this.loadItem();
      } catch (error) {
        const failure = failureOf(error, 'item', '兑换失败，请稍后重试');
        const refusal = failure.code !== null ? REDEEM_REFUSALS[failure.code] : undefined;
        if (refusal) {
          // Settled: nothing was redeemed. A new attempt is a new intent with a new confirmation.
          this.setData({ redeeming: false, pendingRequestId: '', redeemError: refusal });
          await this.loadItem();
        } else {
          // Unknown outcome: keep the requestId so that 重试兑换 cannot redeem twice.
          this.setData({ redeeming: false, redeemError: `兑换结果未确认：${failure.message}。请点击“重试兑换”，不会重复扣分。` });
        }
      }
    },
    onCopyCode() {
      const order = this.data.order;
      // WeChat itself confirms with a 内容已复制 toast.
      if (order?.code) wx.setClipboardData({ data: order.code });
    },
    onOpenOrders() {
      wx.navigateTo({ url: routeUrl('packagePoints/orders') });
    },
  },
});
