/**
 * Temporary URLs (临时链接) for cloud storage fileIDs, one `getTempFileURL` call per answer. CloudBase takes at
 * most 50 files per call (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/getTempFileURL.html).
 */
import type { WxCloud } from '../core';

const MAX_FILES_PER_CALL = 50;

export type UrlMap = ReadonlyMap<string, string>;

export async function tempUrls(cloud: WxCloud, fileIDs: readonly (string | null | undefined)[]): Promise<UrlMap> {
  const ids = [...new Set(fileIDs.filter((id): id is string => typeof id === 'string' && id.startsWith('cloud://')))];
  const urls = new Map<string, string>();
  for (let start = 0; start < ids.length; start += MAX_FILES_PER_CALL) {
    const result = (await cloud.getTempFileURL({ fileList: ids.slice(start, start + MAX_FILES_PER_CALL) })) as {
      fileList?: { fileID: string; tempFileURL?: string; status?: number }[];
    };
    for (const file of result.fileList ?? []) if (file.tempFileURL && (file.status ?? 0) === 0) urls.set(file.fileID, file.tempFileURL);
  }
  return urls;
}

export function urlOf(urls: UrlMap, fileID: string | null | undefined): string | null {
  return fileID ? (urls.get(fileID) ?? null) : null;
}
