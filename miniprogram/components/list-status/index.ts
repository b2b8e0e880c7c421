/**
 * The states around a list (utils/paged-list.ts): first load, empty, error with retry, NOT_MEMBER with a way
 * to bind, and the footer (load more / loading / no more). Events: retry, loadmore, bind.
 */
Component({
  properties: {
    status: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    emptyText: { type: String, value: '暂无内容' },
    hasMore: { type: Boolean, value: false },
    loadingMore: { type: Boolean, value: false },
    /** False where binding is not the way forward (the binding page itself, admin lists). */
    showBind: { type: Boolean, value: true },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
    onLoadMore() {
      this.triggerEvent('loadmore');
    },
    onBind() {
      this.triggerEvent('bind');
    },
  },
});
