/** 积分商城: the items on sale for me now, newest first, page by page; tapping one opens its page. */
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
const fetchItems = withCoverUrls(listItems);

type ItemTapEvent = WechatMiniprogram.BaseEvent<{}, { itemId?: string }>;

definePage({
  data: initialListState<ItemCard>(),
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
      return list.loadMore(this, fetchItems);
    },
    onLoadMore() {
      return list.loadMore(this, fetchItems);
    },
    reload() {
      return list.reload(this, fetchItems);
    },
    onRetry() {
      return this.reload();
    },
    onBind() {
      leaveForBinding('not-member');
    },
    onItemTap(event: ItemTapEvent) {
      const { itemId } = event.currentTarget.dataset;
      if (itemId) wx.navigateTo({ url: routeUrl('packagePoints/item', { id: itemId }) });
    },
  },
});
