/**
 * 积分商城: my balance on top (with 积分明细 and 我的订单), then the items on sale for me now, newest first, page
 * by page; tapping one opens its page. The balance comes with each page of items (points.listItems).
 */
import { leaveForBinding } from '../../services/gate';
import { listItems, type MallItem } from '../../services/mall';
import { MALL_ITEM_KIND_LABELS } from '../../utils/labels';
import { definePage, refreshWith } from '../../utils/page';
import { createPagedList, initialListState } from '../../utils/paged-list';
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

const list = createPagedList<WithCover<MallItem>, ItemCard>(toItemCard);
const fetchPage = withCoverUrls(listItems);

/** Fetches a page of items and shows the balance that came with it. */
const fetchItems = (host: { setData(data: { balance: string }): void }) => async (page: number, pageSize: number) => {
  const result = await fetchPage(page, pageSize);
  // A server deployed before the balance came with the list (a mixed-version moment) leaves the header out.
  if (typeof result.myBalance === 'number') host.setData({ balance: String(result.myBalance) });
  return result;
};

type ItemTapEvent = WechatMiniprogram.BaseEvent<{}, { itemId?: string }>;

definePage({
  data: { ...initialListState<ItemCard>(), balance: '' },
  methods: {
    onLoad() {
      return this.reload();
    },
    /** Back from an item page: stock may have changed. */
    onShow() {
      if (this.data.status === 'ready') return this.reload();
      return undefined;
    },
    onPullDownRefresh() {
      return refreshWith(() => this.reload());
    },
    onReachBottom() {
      return list.loadMore(this, fetchItems(this));
    },
    onLoadMore() {
      return list.loadMore(this, fetchItems(this));
    },
    reload() {
      return list.reload(this, fetchItems(this));
    },
    onRetry() {
      return this.reload();
    },
    onBind() {
      leaveForBinding('not-member');
    },
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
