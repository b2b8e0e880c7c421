/** Promise forms of the few UI calls pages chain (TDesign's confirm dialog, wx toasts), and the picker index. */
import type DialogApi from 'tdesign-miniprogram/dialog/index';

export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText?: string;
  /** A destructive action gets the error colour. */
  danger?: boolean;
}

/**
 * The selector of the dialog every confirming page ends its WXML with (`<t-dialog id="t-dialog" />`; app.json
 * registers t-dialog for all pages: https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#usingComponents).
 * scripts/check-miniprogram.ts fails a page that confirms without it.
 */
export const CONFIRM_DIALOG_SELECTOR = '#t-dialog';

/**
 * TDesign's dialog API, loaded when first asked for: its common module reads the device's window info as it
 * loads, which a module importing this one (every page) should not do before it is used.
 */
function dialogApi(): typeof DialogApi {
  return (require('tdesign-miniprogram/dialog/index') as { default: typeof DialogApi }).default;
}

/**
 * Asks through TDesign's dialog on the page in front (its imperative API:
 * https://tdesign.tencent.com/miniprogram/components/dialog). Resolves true when the user confirms, false on
 * 取消 or when there is no dialog to ask with (TDesign rejects then).
 */
export function confirmModal(options: ConfirmOptions): Promise<boolean> {
  const pages = getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page) return Promise.resolve(false);
  return dialogApi()
    .confirm({
      context: page,
      selector: CONFIRM_DIALOG_SELECTOR,
      title: options.title,
      content: options.content,
      confirmBtn: { content: options.confirmText ?? '确定', theme: options.danger ? 'danger' : 'primary' },
      cancelBtn: '取消',
    })
    .then(
      () => true,
      () => false,
    );
}

export function toast(title: string): void {
  wx.showToast({ title, icon: 'none' });
}

/** The picker's change event carries the chosen index (a string on some clients). */
export function pickedIndex(event: WechatMiniprogram.CustomEvent<{ value: string | number }>): number {
  const index = Number(event.detail.value);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}
