/**
 * Saving a picture the page drew to the phone's album under WeChat's permission scope.writePhotosAlbum.
 * Once refused, WeChat fails every save at once without asking again, so a refusal (known before from
 * wx.getSetting, or met on the save) offers the settings page (wx.openSetting) and the save is tried again
 * only if the user allows it there.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.saveImageToPhotosAlbum.html
 */
import { canvasToTempFile, type SizedCanvas } from './canvas';
import { failureOf } from './failure';
import { confirmModal, toast } from './ui';

const SCOPE = 'scope.writePhotosAlbum';

export type SaveOutcome = 'saved' | 'cancelled' | 'denied' | 'failed';

/** What the user is told after a save, naming the picture (e.g. 证书, 海报). */
function saveMessages(picture: string): Record<SaveOutcome, string> {
  return {
    saved: `${picture}已保存到相册`,
    cancelled: '已取消保存',
    denied: `没有相册权限，${picture}未保存`,
    failed: '保存失败，请稍后重试',
  };
}

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

/** 'refused' for "auth deny", "auth denied", "authorize no response" (a cancel is the user's choice, not a refusal). */
function saveImage(filePath: string): Promise<SaveOutcome | 'refused'> {
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

async function saveAfterSettings(filePath: string, picture: string): Promise<SaveOutcome> {
  const go = await confirmModal({ title: '需要相册权限', content: `保存${picture}需要允许“保存到相册”，去设置里打开吗？`, confirmText: '去设置' });
  if (!go || !(await allowedInSettings())) return 'denied';
  const again = await saveImage(filePath);
  return again === 'refused' ? 'denied' : again;
}

/** Saves the temp file `filePath` (a picture named `picture` in the prompt) to the album. */
async function saveToAlbum(filePath: string, picture: string): Promise<SaveOutcome> {
  if ((await albumPermission()) === false) return saveAfterSettings(filePath, picture);
  const first = await saveImage(filePath);
  return first === 'refused' ? saveAfterSettings(filePath, picture) : first;
}

/**
 * Exports what was drawn on `canvas` (the very node drawn on: querying it again would give a cleared one),
 * saves it to the album and tells the user how it went, naming the picture (e.g. 证书, 海报). Never rejects.
 */
export async function saveDrawingToAlbum(canvas: SizedCanvas, picture: string, where: string): Promise<void> {
  const messages = saveMessages(picture);
  try {
    toast(messages[await saveToAlbum(await canvasToTempFile(canvas), picture)]);
  } catch (error) {
    failureOf(error, where);
    toast(messages.failed);
  }
}
