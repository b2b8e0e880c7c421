/**
 * The shared behaviour of every list: first load, pull-down refresh, "load more" pagination, and the
 * loading / empty / error / NOT_MEMBER states that components/list-status renders. `createPagedList` drives
 * the list part of any page (admin pages add filters around it); `definePagedListPage` is a whole list page.
 */
import { leaveForBinding } from '../services/gate';
import type { Paged } from '../services/types';
import { failedLoad } from './failure';
import { definePage, refreshWith, reloadOnLaterShows } from './page';

export type ListStatus = 'loading' | 'ready' | 'empty' | 'error' | 'not-member';

export const DEFAULT_PAGE_SIZE = 10;

/** components/list-status's `bind` event, shared by every page kind: NOT_MEMBER leads to the binding page. */
export const bindingMethods = {
  onBind(): void {
    leaveForBinding('not-member');
  },
};

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
        host.setData({ ...failedLoad(error, 'paged-list'), items: [], page: 0, hasMore: false, loadingMore: false });
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
        wx.showToast({ title: failedLoad(error, 'paged-list').message, icon: 'none' });
      }
    },
  };
}

type DataOption = WechatMiniprogram.Component.DataOption;
type MethodOption = WechatMiniprogram.Component.MethodOption;

/** What every list page gets, besides the page lifetimes (load, pull-down refresh, reach bottom). */
export type PagedListMethods<TData> = {
  /** First page again, keeping what is shown until the answer comes. */
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  /** A new search (filter, tab, keyword): clears the list, then reloads with the patch applied. */
  reloadWith(patch: Partial<TData>): Promise<void>;
  /** components/list-status events. */
  onLoadMore(): Promise<void>;
  onRetry(): Promise<void>;
  onBind(): void;
};

/** `this` inside a list page's own methods and its fetchPage. */
export type PagedListPage<View, TData extends DataOption, TMethod extends MethodOption> = WechatMiniprogram.Component.Instance<
  PagedListState<View> & TData,
  {},
  TMethod & PagedListMethods<TData>,
  [],
  {},
  true
>;

export interface PagedListPageSpec<Item, View, TData extends DataOption, TMethod extends MethodOption> {
  /**
   * Reads the page's filters (this.data) at call time, so "load more" continues the search shown. Its `this`
   * leaves out the page's own methods: naming them here would fix their type before `methods` is inferred.
   */
  fetchPage(this: PagedListPage<View, TData, {}>, page: number, pageSize: number): Promise<Paged<Item>>;
  /** Shapes one item for the template (only what it shows). */
  toView(item: Item): View;
  pageSize?: number;
  /** The page's own data (filters, forms, sheets), next to the list state. */
  data?: TData;
  /** The page's own methods; an onLoad here replaces the default one (which only reloads). */
  methods?: TMethod & ThisType<PagedListPage<View, TData, TMethod>>;
  /** Reload each time the page shows again (back from an editor or a detail page that changed the list). */
  reloadOnShow?: boolean;
}

/** The page as the shared methods see it: the list state plus the shared methods. */
type ListPageInstance<View, TData> = PagedListHost<View> & PagedListMethods<TData> & { data: { shown?: boolean }; setData(patch: object): void };

/** A whole list page: the list mechanics here, the page's own filters, data and methods in the spec. */
export function definePagedListPage<Item, View, TData extends DataOption = {}, TMethod extends MethodOption = {}>(
  spec: PagedListPageSpec<Item, View, TData, TMethod>,
): void {
  const list = createPagedList<Item, View>(spec.toView, spec.pageSize);
  type Self = ListPageInstance<View, TData>;
  // The page instance is the fetchPage's `this`; the spec's typing of it is checked where the spec is written.
  const fetcherOf =
    (page: Self): FetchPage<Item> =>
    (number, pageSize) =>
      spec.fetchPage.call(page as unknown as PagedListPage<View, TData, {}>, number, pageSize);

  const shared = {
    onLoad(this: Self) {
      return this.reload();
    },
    onPullDownRefresh(this: Self) {
      return refreshWith(() => this.reload());
    },
    onReachBottom(this: Self) {
      return this.loadMore();
    },
    reload(this: Self) {
      return list.reload(this, fetcherOf(this));
    },
    loadMore(this: Self) {
      return list.loadMore(this, fetcherOf(this));
    },
    reloadWith(this: Self, patch: Partial<TData>) {
      this.setData({ ...patch, items: [] });
      return this.reload();
    },
    onLoadMore(this: Self) {
      return this.loadMore();
    },
    onRetry(this: Self) {
      return this.reload();
    },
    ...bindingMethods,
  };
  const reloadOnShow = reloadOnLaterShows((page: Self) => page.reload());

  definePage({
    data: { ...initialListState<View>(), ...(spec.reloadOnShow ? { shown: false } : {}), ...spec.data },
    methods: { ...shared, ...(spec.reloadOnShow ? reloadOnShow : {}), ...spec.methods },
  });
}
