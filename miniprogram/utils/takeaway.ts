/**
 * Take-away files (课后资料) in the app: picking one from a WeChat chat, telling whether it can be attached
 * (the contract's rules, typings/takeaway-files.ts takeawayFileProblem, which test/miniprogram/utils/limits.test.ts
 * holds this copy to), how a row describes it, and opening one: its URL, a download, then WeChat's document
 * viewer with the file's type.
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html
 */
import type { TakeawayFileDoc } from '../../typings/domain';
import { failureOf } from './failure';
import { sizeLabel } from './labels';
import { TAKEAWAY_LIMITS } from './limits';
import { toast } from './ui';
import { DOCUMENT_TYPES, type DocumentType, documentTypeOf, openDocumentAt, WorkbookError } from './workbook';

/** One file picked from a chat, or null when the member cancelled. */
export function chooseTakeawayFile(): Promise<WechatMiniprogram.ChooseFile | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: [...DOCUMENT_TYPES],
      success: (res) => resolve(res.tempFiles[0] ?? null),
      fail: () => resolve(null),
    });
  });
}

/** The entry a picked file becomes (before its upload gives the file id), or why it cannot be attached. */
export function takeawayEntryOf(chosen: { name: string; size: number }): Omit<TakeawayFileDoc, 'fileID'> | string {
  const fileType = documentTypeOf(chosen.name);
  if (!fileType) return '只能上传 PDF、PPT、Word 或 Excel 文件';
  if (chosen.size > TAKEAWAY_LIMITS.fileBytes) return `文件过大（最大 ${TAKEAWAY_LIMITS.fileBytes / 1024 / 1024} MB）`;
  if (chosen.size <= 0) return '文件是空的';
  const name = chosen.name.trim().slice(0, TAKEAWAY_LIMITS.fileName).trim() || `资料.${fileType}`;
  return { name, fileType, size: chosen.size };
}

/** A row's second line: the type, and the size when known (`PDF · 1.2 MB`). */
export function takeawayMeta(file: { fileType: DocumentType; size?: number }): string {
  const type = file.fileType.toUpperCase();
  return file.size ? `${type} · ${sizeLabel(file.size)}` : type;
}

/**
 * Opens the file `resolve` finds the URL of (a session's view holds it; a course asks course.fileUrl): the
 * server's refusal or a missing URL is said in a toast, as is a failed download or viewer.
 */
export async function openTakeawayFile(resolve: () => Promise<{ url: string | null; fileType: DocumentType }>): Promise<void> {
  try {
    const file = await resolve();
    if (!file.url) {
      toast('文件暂时无法打开');
      return;
    }
    await openDocumentAt(file.url, file.fileType);
  } catch (error) {
    toast(error instanceof WorkbookError ? '文件打开失败，请稍后重试' : failureOf(error, 'takeaway-file', '文件暂时无法打开').message);
  }
}
