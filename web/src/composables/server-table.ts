/**
 * A table paged by the server: the state every console list needs (rows, total, page, loading, the server's
 * message) and the rule that answers to superseded requests are dropped (typing fast, paging fast). A screen
 * gives how to fetch one page and how to turn an item into a row; filters live in the screen and call reload().
 */
import { computed, ref, type Ref } from 'vue';
import type { Page } from '../../../typings/functions/paging';
import { DEFAULT_PAGE_SIZE } from '../../../typings/functions/paging';
import { errorMessage } from '../services/errors';

export interface ServerTable<Row> {
  rows: Ref<Row[]>;
  total: Ref<number>;
  page: Ref<number>;
  pageSize: Ref<number>;
  loading: Ref<boolean>;
  error: Ref<string>;
  /** TDesign table's `pagination` prop. */
  pagination: Ref<{ current: number; pageSize: number; total: number; showPageSize: boolean }>;
  /** Loads the current page again (after an action changed rows). */
  load(): Promise<void>;
  /** Back to page 1 (after a filter changed). */
  reload(): void;
  /** TDesign table's `page-change` handler. */
  onPageChange(info: { current: number }): void;
}

export function useServerTable<Item, Row = Item>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<Item>>,
  toRow: (item: Item) => Row = (item) => item as unknown as Row,
  initialPageSize = DEFAULT_PAGE_SIZE,
): ServerTable<Row> {
  const rows = ref<Row[]>([]) as Ref<Row[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(initialPageSize);
  const loading = ref(false);
  const error = ref('');
  const load = latestLoad(
    { loading, error },
    () => fetchPage(page.value, pageSize.value),
    (result) => {
      total.value = result.total;
      rows.value = result.items.map(toRow);
    },
    () => {
      rows.value = [];
    },
  );

  return {
    rows,
    total,
    page,
    pageSize,
    loading,
    error,
    pagination: computed(() => ({ current: page.value, pageSize: pageSize.value, total: total.value, showPageSize: false })),
    load,
    reload() {
      page.value = 1;
      void load();
    },
    onPageChange(info) {
      page.value = info.current;
      void load();
    },
  };
}

/**
 * A load whose answer counts only if no later load started meanwhile (typing fast, paging fast): sets
 * `loading`, and `error` to the server's message when the latest load fails.
 */
export function latestLoad<T>(
  state: { loading: Ref<boolean>; error: Ref<string> },
  fetch: () => Promise<T>,
  apply: (result: T) => void,
  clear: () => void,
): () => Promise<void> {
  let latest = 0;
  return async () => {
    const request = ++latest;
    state.loading.value = true;
    state.error.value = '';
    try {
      const result = await fetch();
      if (request === latest) apply(result);
    } catch (e) {
      if (request !== latest) return;
      clear();
      state.error.value = errorMessage(e, '加载失败，请稍后重试');
    } finally {
      if (request === latest) state.loading.value = false;
    }
  };
}

/** A server-paged table's rows, state and paging handed to TDesign's table at once (`v-bind`). */
export function tableProps<Row>(table: ServerTable<Row>) {
  return computed(() => ({
    data: table.rows.value,
    loading: table.loading.value,
    pagination: table.pagination.value,
    onPageChange: table.onPageChange,
    hover: true,
  }));
}
