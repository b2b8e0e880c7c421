/**
 * Saving the poster to the phone's album under WeChat's permission scope.writePhotosAlbum: wx.getSetting
 * tells whether it was refused before (then WeChat fails at once without asking again), in which case the
 * user is offered the settings page (wx.openSetting) and the save goes ahead only if they allow it there.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.saveImageToPhotosAlbum.html
 */
import { confirmModal } from '../../utils/ui';

const SCOPE = 'scope.writePhotosAlbum';

export type SaveResult = 'saved' | 'cancelled' | 'denied' | 'failed';

export const SAVE_RESULT_MESSAGES: Record<SaveResult, string> = {
  saved: '海报已保存到相册',
  cancelled: '已取消保存',
  denied: '没有相册权限，海报未保存',
  failed: '保存失败，请稍后重试',
};

/** true granted, false refused before, undefined never asked. */
function albumPermission(): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    wx.getSetting({
      success: (res) => resolve(res.authSetting[SCOPE]),
      fail: () => resolve(undefined),
    });
  });
}

function allowedInSettings(): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openSetting({
      success: (res) => resolve(res.authSetting[SCOPE] === true),
      fail: () => resolve(false),
    });
  });
}

function saveImage(filePath: string): Promise<SaveResult | 'refused'> {
  return new Promise((resolve) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => resolve('saved'),
      fail: (err) => {
        const message = err.errMsg ?? '';
        if (/cancel/i.test(message)) resolve('cancelled');
        else if (/auth|authorize|permission/i.test(message)) resolve('refused');
        else resolve('failed');
      },
    });
  });
}

/** Asks for the settings page after a refusal; 'denied' unless the user turns the permission on there. */
async function saveAfterSettings(filePath: string): Promise<SaveResult> {
  const go = await confirmModal({ title: '需要相册权限', content: '保存海报需要允许“保存到相册”，去设置里打开吗？', confirmText: '去设置' });
  if (!go || !(await allowedInSettings())) return 'denied';
  const again = await saveImage(filePath);
  return again === 'refused' ? 'denied' : again;
}

export async function savePosterToAlbum(filePath: string): Promise<SaveResult> {
  if ((await albumPermission()) === false) return saveAfterSettings(filePath);
  const first = await saveImage(filePath);
  return first === 'refused' ? saveAfterSettings(filePath) : first;
}
