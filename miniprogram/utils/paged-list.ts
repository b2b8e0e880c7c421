/**
 * The shared behaviour of every list: first load, pull-down refresh, "load more" pagination, and the
 * loading / empty / error / NOT_MEMBER states that components/list-status renders. `createPagedList` drives
 * the list part of any page (admin pages add filters around it); `definePagedListPage` is a whole list page.
 */
import { leaveForBinding } from '../services/gate';
import type { Paged } from '../services/types';
import { failureOf } from './failure';
import { definePage } from './page';

export type ListStatus = 'loading' | 'ready' | 'empty' | 'error' | 'not-member';

export const DEFAULT_PAGE_SIZE = 10;

export type FetchPage<Item> = (page: number, pageSize: number) => Promise<Paged<Item>>;

export interface PagedListState<View> {
  items: View[];
  status: ListStatus;
  message: string;
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
}

/** The page (or component) whose data holds the list. */
export interface PagedListHost<View> {
  readonly data: PagedListState<View>;
  setData(patch: Partial<PagedListState<View>>): void;
}

export interface PagedList<Item, View> {
  reload(host: PagedListHost<View>, fetchPage: FetchPage<Item>): Promise<void>;
  loadMore(host: PagedListHost<View>, fetchPage: FetchPage<Item>): Promise<void>;
}

export interface PagedListSpec<Item, View> {
  fetchPage: FetchPage<Item>;
  /** Shapes one item for the template (only what it shows). */
  toView(item: Item): View;
  pageSize?: number;
}

export function initialListState<View>(): PagedListState<View> {
  return { items: [], status: 'loading', message: '', page: 0, hasMore: false, loadingMore: false };
}

function errorState(error: unknown): { status: ListStatus; message: string } {
  const failure = failureOf(error, 'paged-list');
  return { status: failure.code === 'NOT_MEMBER' ? 'not-member' : 'error', message: failure.message };
}

export function createPagedList<Item, View>(toView: (item: Item) => View, pageSize = DEFAULT_PAGE_SIZE): PagedList<Item, View> {
  // Answers of a superseded request (a refresh started while loading more, a new search) are dropped.
  const generations = new WeakMap<object, number>();
  const nextGeneration = (host: object): number => {
    const generation = (generations.get(host) ?? 0) + 1;
    generations.set(host, generation);
    return generation;
  };
  const isCurrent = (host: object, generation: number): boolean => generations.get(host) === generation;

  return {
    async reload(host, fetchPage) {
      const generation = nextGeneration(host);
      if (host.data.items.length === 0) host.setData({ status: 'loading', message: '' });
      try {
        const result = await fetchPage(1, pageSize);
        if (!isCurrent(host, generation)) return;
        const items = result.items.map(toView);
        host.setData({
          items,
          page: result.page,
          hasMore: result.hasMore,
          loadingMore: false,
          status: items.length === 0 ? 'empty' : 'ready',
          message: '',
        });
      } catch (error) {
        if (!isCurrent(host, generation)) return;
        host.setData({ ...errorState(error), items: [], page: 0, hasMore: false, loadingMore: false });
      }
    },
    async loadMore(host, fetchPage) {
      const { status, hasMore, loadingMore, page } = host.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      const generation = nextGeneration(host);
      host.setData({ loadingMore: true });
      try {
        const result = await fetchPage(page + 1, pageSize);
        if (!isCurrent(host, generation)) return;
        const more = result.items.map(toView);
        host.setData({ items: host.data.items.concat(more), page: result.page, hasMore: result.hasMore, loadingMore: false });
      } catch (error) {
        if (!isCurrent(host, generation)) return;
        // Keep what is shown; say why the next page did not come.
        host.setData({ loadingMore: false });
        wx.showToast({ title: errorState(error).message, icon: 'none' });
      }
    },
  };
}

export function definePagedListPage<Item, View>(spec: PagedListSpec<Item, View>): void {
  const list = createPagedList<Item, View>(spec.toView, spec.pageSize);

  definePage({
    data: initialListState<View>(),
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
      reload() {
        return list.reload(this, spec.fetchPage);
      },
      loadMore() {
        return list.loadMore(this, spec.fetchPage);
      },
      onLoadMore() {
        return this.loadMore();
      },
      onRetry() {
        return this.reload();
      },
      onBind() {
        leaveForBinding('not-member');
      },
    },
  });
}
