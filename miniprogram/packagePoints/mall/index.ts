/**
 * 积分商城: my balance on top (with 积分明细 and 我的订单), then the items on sale for me now, newest first, page
 * by page; tapping one opens its page. The balance comes with each page of items (points.listItems).
 */
import { listItems, type MallItem } from '../../services/mall';
import { MALL_ITEM_KIND_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { withCoverUrls, type WithCover } from '../../utils/pictures';
import { routeUrl } from '../../utils/routes';

interface ItemCard {
  id: string;
  name: string;
  cover: string;
  price: number;
  kind: string;
  stock: string;
  soldOut: boolean;
}

function toItemCard(item: WithCover<MallItem>): ItemCard {
  return {
    id: item.id,
    name: item.name,
    cover: item.coverUrl,
    price: item.price,
    kind: MALL_ITEM_KIND_LABELS[item.kind],
    stock: item.stock > 0 ? `库存 ${item.stock}` : '已兑完',
    soldOut: item.stock <= 0,
  };
}

const fetchWithCovers = withCoverUrls(listItems);

type ItemTapEvent = WechatMiniprogram.BaseEvent<{}, { itemId?: string }>;

definePagedListPage({
  /** A page of items; the balance that came with it is shown in the header. */
  async fetchPage(page, pageSize) {
    const result = await fetchWithCovers(page, pageSize);
    // A server deployed before the balance came with the list (a mixed-version moment) leaves the header out.
    if (typeof result.myBalance === 'number') this.setData({ balance: String(result.myBalance) });
    return result;
  },
  toView: toItemCard,
  /** Back from an item page: stock and the balance may have changed. */
  reloadOnShow: true,
  data: { balance: '' },
  methods: {
    onPoints() {
      wx.navigateTo({ url: routeUrl('packagePoints/points') });
    },
    onOrders() {
      wx.navigateTo({ url: routeUrl('packagePoints/orders') });
    },
    onItemTap(event: ItemTapEvent) {
      const { itemId } = event.currentTarget.dataset;
      if (itemId) wx.navigateTo({ url: routeUrl('packagePoints/item', { id: itemId }) });
    },
  },
});
