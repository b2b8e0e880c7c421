/**
 * The shared behaviour of every list page: first load, pull-down refresh, "load more" pagination, and the
 * loading / empty / error / NOT_MEMBER states that components/list-status renders.
 */
import { isApiError } from '../services/transport';
import type { Paged } from '../services/types';
import { definePage } from './page';

export type ListStatus = 'loading' | 'ready' | 'empty' | 'error' | 'not-member';

export const DEFAULT_PAGE_SIZE = 10;
const GENERIC_ERROR = '加载失败，请稍后重试';

export interface PagedListSpec<Item, View> {
  fetchPage(page: number, pageSize: number): Promise<Paged<Item>>;
  /** Shapes one item for the template (only what it shows). */
  toView(item: Item): View;
  pageSize?: number;
}

interface PagedListData<View> {
  items: View[];
  status: ListStatus;
  message: string;
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
}

function errorState(error: unknown): { status: ListStatus; message: string } {
  if (isApiError(error)) {
    return { status: error.code === 'NOT_MEMBER' ? 'not-member' : 'error', message: error.message };
  }
  // Anything else is a bug in the app, not a state: let the console show it, show users a generic message.
  console.warn('[paged-list] unexpected failure', error);
  return { status: 'error', message: GENERIC_ERROR };
}

export function definePagedListPage<Item, View>(spec: PagedListSpec<Item, View>): void {
  const pageSize = spec.pageSize ?? DEFAULT_PAGE_SIZE;
  // Answers of a superseded request (a refresh started while loading more) are dropped.
  const generations = new WeakMap<object, number>();
  const nextGeneration = (page: object): number => {
    const generation = (generations.get(page) ?? 0) + 1;
    generations.set(page, generation);
    return generation;
  };
  const isCurrent = (page: object, generation: number): boolean => generations.get(page) === generation;

  const data: PagedListData<View> = { items: [], status: 'loading', message: '', page: 0, hasMore: false, loadingMore: false };

  definePage({
    data,
    methods: {
      onLoad() {
        return this.reload();
      },
      async onPullDownRefresh() {
        try {
          await this.reload();
        } finally {
          wx.stopPullDownRefresh();
        }
      },
      onReachBottom() {
        return this.loadMore();
      },
      async reload() {
        const generation = nextGeneration(this);
        if (this.data.items.length === 0) this.setData({ status: 'loading', message: '' });
        try {
          const result = await spec.fetchPage(1, pageSize);
          if (!isCurrent(this, generation)) return;
          const items = result.items.map((item) => spec.toView(item));
          this.setData({
            items,
            page: result.page,
            hasMore: result.hasMore,
            loadingMore: false,
            status: items.length === 0 ? 'empty' : 'ready',
            message: '',
          });
        } catch (error) {
          if (!isCurrent(this, generation)) return;
          this.setData({ ...errorState(error), items: [], page: 0, hasMore: false, loadingMore: false });
        }
      },
      async loadMore() {
        if (this.data.status !== 'ready' || !this.data.hasMore || this.data.loadingMore) return;
        const generation = nextGeneration(this);
        this.setData({ loadingMore: true });
        try {
          const result = await spec.fetchPage(this.data.page + 1, pageSize);
          if (!isCurrent(this, generation)) return;
          const more = result.items.map((item) => spec.toView(item));
          this.setData({ items: this.data.items.concat(more), page: result.page, hasMore: result.hasMore, loadingMore: false });
        } catch (error) {
          if (!isCurrent(this, generation)) return;
          // Keep what is shown; say why the next page did not come.
          this.setData({ loadingMore: false });
          wx.showToast({ title: errorState(error).message, icon: 'none' });
        }
      },
      onLoadMore() {
        return this.loadMore();
      },
      onRetry() {
        return this.reload();
      },
      onBind() {
        wx.switchTab({ url: '/pages/me/index' });
      },
    },
  });
}
