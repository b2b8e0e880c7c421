/** Promise forms of the few wx UI calls the admin pages chain, and the date format they show. */
import { THEME } from './theme';

export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText?: string;
  /** A destructive action gets the warning colour. */
  danger?: boolean;
}

/** Resolves true when the user confirms; a failed modal counts as "no". */
export function confirmModal(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: options.title,
      content: options.content,
      confirmText: options.confirmText ?? '确定',
      confirmColor: options.danger ? THEME.error : THEME.brand,
      cancelText: '取消',
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

export function toast(title: string): void {
  wx.showToast({ title, icon: 'none' });
}

/** The picker's change event carries the chosen index (a string on some clients). */
export function pickedIndex(event: WechatMiniprogram.CustomEvent<{ value: string | number }>): number {
  const index = Number(event.detail.value);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}
