/** Event shapes the pages' handlers read, and reading an index out of a dataset. */
export type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
export type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;
export type SwitchEvent = WechatMiniprogram.CustomEvent<{ value: boolean }>;
/**
 * t-tabs' change: the chosen t-tab-panel's value and label (https://tdesign.tencent.com/miniprogram/components/tabs,
 * tdesign-miniprogram/miniprogram_dist/tabs/tabs.js `changeIndex`). Values given as numbers come back as numbers.
 */
export type TabsEvent<V extends string | number = string> = WechatMiniprogram.CustomEvent<{ value: V; label: string }>;
export type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<{}, D>;

/** A list index carried in a data-* attribute (a number, or a string on some clients); -1 when absent. */
export function datasetIndex(value: unknown): number {
  const index = Number(value);
  return Number.isInteger(index) && index >= 0 ? index : -1;
}
