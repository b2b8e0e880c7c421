/**
 * Opening an exported Excel workbook: downloaded from its temporary URL (wx.downloadFile), then shown in
 * WeChat's document viewer with its menu (showMenu), from which the user forwards or saves the file.
 * https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html
 */
import type { TAKEAWAY_FILE_TYPES } from '../../typings/domain';

/** Which step failed: a page may say "copy the link instead" differently for each. */
export class WorkbookError extends Error {
  constructor(
    readonly step: 'download' | 'open',
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      // downloadFile succeeds on any HTTP answer; only 200 carries the file.
      success: (res) =>
        res.statusCode === 200 ? resolve(res.tempFilePath) : reject(new WorkbookError('download', `download answered HTTP ${res.statusCode}`)),
      fail: (err) => reject(new WorkbookError('download', err.errMsg)),
    });
  });
}

/** The types wx.openDocument opens (its documented `fileType` values; typings/docs/classroom.ts TAKEAWAY_FILE_TYPES). */
export const DOCUMENT_TYPES: typeof TAKEAWAY_FILE_TYPES = ['pdf', 'ppt', 'pptx', 'doc', 'docx', 'xls', 'xlsx'];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The document type of a file name's extension, or null when wx.openDocument cannot open it. */
export function documentTypeOf(fileName: string): DocumentType | null {
  const extension = /\.([A-Za-z]{3,4})$/.exec(fileName)?.[1]?.toLowerCase();
  return DOCUMENT_TYPES.find((type) => type === extension) ?? null;
}

function openDocument(filePath: string, fileType: DocumentType): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openDocument({ filePath, fileType, showMenu: true, success: () => resolve(), fail: (err) => reject(new WorkbookError('open', err.errMsg)) });
  });
}

/** Downloads the document at `url` and opens it; rejects with a WorkbookError naming the failed step. */
export async function openDocumentAt(url: string, fileType: DocumentType): Promise<void> {
  await openDocument(await download(url), fileType);
}

/** Downloads the workbook at `url` and opens it; rejects with a WorkbookError naming the failed step. */
export function openWorkbook(url: string): Promise<void> {
  return openDocumentAt(url, 'xlsx');
}
