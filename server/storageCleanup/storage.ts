/**
 * Deleting files from cloud storage for the cleanup: deleteFile takes at most 50 files a call and answers
 * each file on its own; STORAGE_FILE_NONEXIST (-503003) means an earlier run deleted it already.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/deleteFile.html
 */
import type { WxCloud } from '../core';

/** At most this many files per call. */
export const DELETE_BATCH = 50;

/** Deletes `fileIDs` (at most DELETE_BATCH); answers those that are gone now. */
export async function deleteStoredFiles(cloud: WxCloud, fileIDs: readonly string[]): Promise<Set<string>> {
  const { fileList } = (await cloud.deleteFile({ fileList: [...fileIDs] })) as { fileList: { fileID: string; status: number }[] };
  return new Set(fileList.filter((file) => file.status === 0 || file.status === -503003).map((file) => file.fileID));
}
