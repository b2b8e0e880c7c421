/**
 * The page kind beside definePagedListPage for a page that shows one answer (a detail, a dashboard, a
 * settings screen): first load, retry, pull-down refresh, and the loading / failed / NOT_MEMBER / empty
 * states that components/list-status renders, with the server's message. What is shown stays while it
 * reloads; the answer of a superseded load (a refresh started while loading) is dropped.
 */
import type { ApiErrorCode } from '../services/transport';
import { failedLoad } from './failure';
import { definePage, refreshWith, reloadOnLaterShows } from './page';
import { bindingMethods, type ListStatus } from './paged-list';

export type PageQuery = Record<string, string | undefined>;

export interface LoadedState {
  status: ListStatus;
  message: string;
}

type DataOption = WechatMiniprogram.Component.DataOption;
type MethodOption = WechatMiniprogram.Component.MethodOption;

/** What every loaded page gets, besides the page lifetimes (load, pull-down refresh, show). */
export type LoadedPageMethods = {
  /** Loads again; what is shown stays until the answer comes. */
  load(): Promise<void>;
  /** components/list-status events. */
  onRetry(): Promise<void>;
  onBind(): void;
};

/** `this` inside a loaded page's own methods and its fetch/show. */
export type LoadedPage<TData extends DataOption, TMethod extends MethodOption> = WechatMiniprogram.Component.Instance<
  LoadedState & TData,
  {},
  TMethod & LoadedPageMethods,
  [],
  {},
  true
>;

export interface LoadedPageSpec<Answer, TData extends DataOption, TMethod extends MethodOption> {
  /** Where failures are logged from (the page's name). */
  where: string;
  /**
   * Reads the page's query into its data before the first load. Named `readQuery` so the route table's
   * test (test/miniprogram/utils/routes.test.ts) finds the query names a page reads.
   */
  readQuery?(query: PageQuery): Partial<TData>;
  /**
   * Why the page cannot load at all (a missing id), or '' to load. Shown as the failed state without a call.
   */
  refuse?(this: LoadedPage<TData, {}>): string;
  /** The one call (or calls) the page shows; reads the page's data (ids, filters) at call time. */
  fetch(this: LoadedPage<TData, {}>): Promise<Answer>;
  /** Shapes the answer into the page's data (only what the template shows). */
  show(this: LoadedPage<TData, {}>, answer: Answer): Partial<TData>;
  /** The page's own words for a failed load by code (a missing item said as one); others show the server's message. */
  failureMessages?: Partial<Record<ApiErrorCode, string>>;
  /** An answer with nothing to show: the page shows list-status's empty state. */
  isEmpty?(answer: Answer): boolean;
  /**
   * Runs after the answer is on the page (a title, a canvas, a follow-up call that needs the data). Its `this`
   * leaves out the page's own methods, as fetch's does.
   */
  afterShow?(this: LoadedPage<TData, {}>, answer: Answer): void | Promise<void>;
  /** The page's own data next to the load state. */
  data?: TData;
  /**
   * The page's own methods; an onLoad here replaces the default one (read query, then load). A method named
   * `afterLoad(answer)` runs after afterShow, with the page's own methods at hand (a follow-up list).
   */
  methods?: TMethod & ThisType<LoadedPage<TData, TMethod>>;
  /** Load again each time the page shows again (back from an editor that changed what it shows). */
  reloadOnShow?: boolean;
}

type Self = {
  data: LoadedState & { shown?: boolean } & Record<string, unknown>;
  setData(patch: object): void;
  load(): Promise<void>;
  afterLoad?(answer: unknown): unknown;
};

export function initialLoadedState(): LoadedState {
  return { status: 'loading', message: '' };
}

/** A whole page around one load: the mechanics here, the page's own data and methods in the spec. */
export function defineLoadedPage<Answer, TData extends DataOption = {}, TMethod extends MethodOption = {}>(spec: LoadedPageSpec<Answer, TData, TMethod>): void {
  const generations = new WeakMap<object, number>();
  // The spec's `this` typing is checked where the spec is written; here the page is the untyped host.
  const asPage = (page: Self) => page as unknown as LoadedPage<TData, TMethod>;

  const shared = {
    onLoad(this: Self, query: PageQuery = {}) {
      if (spec.readQuery) this.setData(spec.readQuery(query));
      return this.load();
    },
    onPullDownRefresh(this: Self) {
      return refreshWith(() => this.load());
    },
    async load(this: Self) {
      const generation = (generations.get(this) ?? 0) + 1;
      generations.set(this, generation);
      const refusal = spec.refuse?.call(asPage(this)) ?? '';
      if (refusal) {
        this.setData({ status: 'error', message: refusal });
        return;
      }
      if (this.data.status !== 'ready') this.setData({ status: 'loading', message: '' });
      let answer: Answer;
      try {
        answer = await spec.fetch.call(asPage(this));
      } catch (error) {
        if (generations.get(this) === generation) this.setData(failedLoad(error, spec.where, spec.failureMessages));
        return;
      }
      if (generations.get(this) !== generation) return;
      const empty = spec.isEmpty?.(answer) ?? false;
      this.setData({ ...spec.show.call(asPage(this), answer), status: empty ? 'empty' : 'ready', message: '' });
      await spec.afterShow?.call(asPage(this), answer);
      await this.afterLoad?.(answer);
    },
    onRetry(this: Self) {
      return this.load();
    },
    ...bindingMethods,
  };
  const reloadOnShow = reloadOnLaterShows((page: Self) => page.load());

  definePage({
    data: { ...initialLoadedState(), ...(spec.reloadOnShow ? { shown: false } : {}), ...spec.data },
    methods: { ...shared, ...(spec.reloadOnShow ? reloadOnShow : {}), ...spec.methods },
  });
}
