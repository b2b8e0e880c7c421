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
