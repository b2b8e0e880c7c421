/**
 * Every page is built with Component() (so tests can render it like a component); this wrapper fixes the
 * page-flavoured generics once, so page lifetimes (onLoad, onPullDownRefresh, onReachBottom…) type-check
 * inside `methods` and `this` is the typed page instance.
 */
type DataOption = WechatMiniprogram.Component.DataOption;
type MethodOption = WechatMiniprogram.Component.MethodOption;

export type PageOptions<TData extends DataOption, TMethod extends MethodOption> = WechatMiniprogram.Component.Options<TData, {}, TMethod, [], {}, true>;

export function definePage<TData extends DataOption, TMethod extends MethodOption>(options: PageOptions<TData, TMethod>): void {
  Component<TData, {}, TMethod, [], {}, true>(options);
}

/**
 * For onPullDownRefresh: runs `load`, then stops the indicator whatever happened (WeChat leaves it spinning
 * until stopPullDownRefresh is called).
 * https://developers.weixin.qq.com/miniprogram/dev/api/ui/pull-down-refresh/wx.stopPullDownRefresh.html
 */
export async function refreshWith(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } finally {
    wx.stopPullDownRefresh();
  }
}

interface ShowingPage {
  data: { shown?: boolean };
  setData(patch: { shown: boolean }): void;
}

/**
 * The onShow of a page kind's `reloadOnShow` (back from an editor or a detail page that changed what it
 * shows): the first show follows onLoad, which loads already; only later shows reload. Needs `shown: false`
 * in the page's data.
 */
export function reloadOnLaterShows<P extends ShowingPage>(reload: (page: P) => Promise<void>): { onShow(this: P): Promise<void> } {
  return {
    onShow(this: P) {
      if (this.data.shown) return reload(this);
      this.setData({ shown: true });
      return Promise.resolve();
    },
  };
}
