/**
 * WeChat open-API helpers every area uses: the text content check and temporary URLs for storage files.
 *
 * Text check: msgSecCheck v2
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html);
 * anything but `pass` (risky or review) is refused with CONTENT_REJECTED, because what members publish is
 * shown to colleagues at once. A function that calls it declares `security.msgSecCheck` in its config.json.
 *
 * Temporary URLs (临时链接): one `getTempFileURL` call per 50 files, CloudBase's limit per call
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/getTempFileURL.html).
 */
import type { WxCloud } from './cloud';
import { AppError } from './errors';
import { loadMediaGate } from './media-check';

/** msgSecCheck v2 scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export const TEXT_SCENE = { profile: 1, comment: 2, forum: 3, log: 4 } as const;
export type TextScene = keyof typeof TEXT_SCENE;

/** Refuses `content` with CONTENT_REJECTED unless WeChat's content check passes it. */
export async function checkText(cloud: WxCloud, openid: string, content: string, scene: TextScene = 'comment'): Promise<void> {
  let suggest: unknown;
  try {
    const answer = (await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: TEXT_SCENE[scene], openid })) as {
      result?: { suggest?: unknown };
    };
    suggest = answer.result?.suggest;
  } catch (err) {
    // v1-style refusals (87014) arrive as errors.
    if ((err as { errCode?: unknown }).errCode === 87014) throw new AppError('CONTENT_REJECTED');
    throw err;
  }
  if (suggest !== 'pass') throw new AppError('CONTENT_REJECTED');
}

const MAX_FILES_PER_CALL = 50;

export type UrlMap = ReadonlyMap<string, string>;

export interface TempUrlOptions {
  /** The member reading: their own uploads get URLs while under review. */
  viewerId?: string | null;
  /** Skip the media check (only for handing the file to the check itself). */
  unchecked?: boolean;
}

/**
 * Temporary URLs for the files a viewer may see: member uploads still under review or refused by the media
 * check (server/core/media-check.ts) get none, so every page shows them as missing.
 */
export async function tempUrls(cloud: WxCloud, fileIDs: readonly (string | null | undefined)[], options: TempUrlOptions = {}): Promise<UrlMap> {
  let ids = [...new Set(fileIDs.filter((id): id is string => typeof id === 'string' && id.startsWith('cloud://')))];
  if (!options.unchecked && ids.length > 0) ids = (await loadMediaGate(cloud.database(), ids)).filter(ids, options.viewerId ?? null);
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
