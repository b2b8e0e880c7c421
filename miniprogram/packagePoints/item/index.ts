/**
 * 礼品详情: pictures, description, price, stock, limits and window, and redeeming. Redeeming asks for
 * confirmation; each confirmation gets one requestId, and a retry after an unknown outcome (network, server
 * busy) sends the same requestId again (utils/submit-once.ts), so the server answers the same order instead of
 * redeeming twice. A refusal (积分不足, 已兑完, 已达上限, 不可兑换) says why and reloads the item.
 */
import { getItem, redeem, toOrderRow, type MallItemDetail, type OrderRow } from '../../services/mall';
import type { ApiErrorCode } from '../../services/transport';
import { MALL_ITEM_KIND_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { displayPictures } from '../../utils/pictures';
import { routeUrl } from '../../utils/routes';
import { initialSubmitState, onlyRefusals, submitOnce } from '../../utils/submit-once';
import { beijingDateTime } from '../../utils/time';
import { confirmModal } from '../../utils/ui';

/** Refusals: the redemption did not happen, and trying again the same way would not change that. */
export const REDEEM_REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  POINTS_INSUFFICIENT: '积分不足，无法兑换该礼品',
  OUT_OF_STOCK: '礼品已被兑完，看看其他礼品吧',
  REDEEM_LIMIT: '你已达到该礼品的兑换上限',
  ITEM_UNAVAILABLE: '该礼品已下架或不在兑换时间内',
  NOT_FOUND: '礼品不存在或已删除',
};
const REFUSAL_CODES = Object.keys(REDEEM_REFUSALS) as ApiErrorCode[];

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

defineLoadedPage({
  where: 'item',
  readQuery(query) {
    return { itemId: query.id ?? '' };
  },
  refuse() {
    return this.data.itemId ? '' : '礼品不存在或已删除';
  },
  async fetch() {
    const item = await getItem(this.data.itemId);
    return toItemView(item, await displayPictures(item.pictures));
  },
  failureMessages: REDEEM_REFUSALS,
  show(item) {
    return { item };
  },
  data: {
    itemId: '',
    item: null as ItemView | null,
    ...initialSubmitState(),
    redeemError: '',
    order: null as OrderRow | null,
    balanceAfter: 0,
  },
  methods: {
    onPreview(event: WechatMiniprogram.BaseEvent<{}, { src?: string }>) {
      const item = this.data.item;
      if (item && event.currentTarget.dataset.src) wx.previewImage({ urls: item.pictures, current: event.currentTarget.dataset.src });
    },
    async onRedeem() {
      const item = this.data.item;
      if (!item || this.data.submitting || (item.blocked && !this.data.pendingRequestId)) return;
      // A retry of a redemption whose outcome is unknown was confirmed already.
      if (!this.data.pendingRequestId) {
        const confirmed = await confirmModal({
          title: '确认兑换',
          content: `使用 ${item.price} 积分兑换「${item.name}」？兑换后积分将立即扣除。`,
          confirmText: '兑换',
        });
        if (!confirmed) return;
      }
      this.setData({ redeemError: '' });
      const outcome = await submitOnce(this, (requestId) => redeem(item.id, requestId), {
        where: 'item',
        fallback: '兑换失败，请稍后重试',
        isFinal: onlyRefusals(REFUSAL_CODES),
      });
      if (!outcome) return;
      if (outcome.ok) {
        this.setData({ order: toOrderRow(outcome.value.order), balanceAfter: outcome.value.balance });
        await this.load();
        return;
      }
      const { failure } = outcome;
      if (outcome.unsure) {
        // Unknown outcome: the requestId stays, so that 重试兑换 cannot redeem twice.
        this.setData({ redeemError: `兑换结果未确认：${failure.message}。请点击“重试兑换”，不会重复扣分。` });
        return;
      }
      // Settled: nothing was redeemed. A new attempt is a new intent with a new confirmation.
      this.setData({ redeemError: (failure.code !== null && REDEEM_REFUSALS[failure.code]) || failure.message });
      await this.load();
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
