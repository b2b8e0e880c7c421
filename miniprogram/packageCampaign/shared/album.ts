/**
 * Saving a picture the page drew to the phone's album, with WeChat's permission flow: the first save asks
 * for scope.writePhotosAlbum; once refused, WeChat fails at once without asking again, so the user is
 * offered the settings page (wx.openSetting) and the save is tried again when they allow it there.
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.saveImageToPhotosAlbum.html
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html
 */
import { confirmModal } from '../../utils/ui';

export type SaveOutcome = 'saved' | 'cancelled' | 'denied' | 'failed';

function save(filePath: string): Promise<{ ok: true } | { ok: false; errMsg: string }> {
  return new Promise((resolve) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => resolve({ ok: true }),
      fail: (err) => resolve({ ok: false, errMsg: err.errMsg ?? '' }),
    });
  });
}

/** The album permission was refused (now or before): "auth deny", "auth denied", "authorize no response". */
export function isPermissionRefusal(errMsg: string): boolean {
  return /auth|authorize|permission/i.test(errMsg) && !/cancel/i.test(errMsg);
}

function openSettingsAllowsAlbum(): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openSetting({
      success: (res) => resolve(res.authSetting['scope.writePhotosAlbum'] === true),
      fail: () => resolve(false),
    });
  });
}

export async function saveToAlbum(filePath: string): Promise<SaveOutcome> {
  const first = await save(filePath);
  if (first.ok) return 'saved';
  if (/cancel/i.test(first.errMsg)) return 'cancelled';
  if (!isPermissionRefusal(first.errMsg)) return 'failed';
  const goToSettings = await confirmModal({
    title: '需要相册权限',
    content: '保存证书需要允许“保存到相册”，是否前往设置开启？',
    confirmText: '去设置',
  });
  if (!goToSettings || !(await openSettingsAllowsAlbum())) return 'denied';
  const again = await save(filePath);
  return again.ok ? 'saved' : 'failed';
}

export const SAVE_MESSAGES: Record<SaveOutcome, string> = {
  saved: '已保存到相册',
  cancelled: '已取消保存',
  denied: '未获得相册权限，无法保存',
  failed: '保存失败，请稍后重试',
};
