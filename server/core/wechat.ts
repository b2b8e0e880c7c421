/**
 * WeChat open-API helpers every area uses: the text content check and temporary URLs for storage files.
 *
 * Text check: msgSecCheck v2
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html);
 * anything but `pass` (risky or review) is refused with CONTENT_REJECTED, because what members publish is
 * shown to colleagues at once. A function that calls it declares `security.msgSecCheck` in its config.json
 * (test/build/openapi-permissions.test.ts fails otherwise; CloudBase would answer -604101).
 * Scenes: `profile` for names (team names), `comment` for comments and reviews, `forum` for what reads like a
 * post (course text, entry titles, trainers' campaign and contest texts), `log` for check-ins (打卡日志).
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

/** msgSecCheck's limit per call: "文本字数的上限为 2500 字" (same page as above). */
export const MAX_TEXT_PER_CHECK = 2500;
/** A long text is cut with this much overlap, so a word across a cut is still seen whole by one check. */
const CUT_OVERLAP = 50;
/** Checks in flight at once for one long text: WeChat allows 4,000 calls a minute per mini-program. */
const PARALLEL_CHECKS = 4;

/** Packs texts into as few checks as the limit allows; a text longer than one check is cut with overlap. */
export function textChunks(texts: readonly (string | null | undefined)[], limit = MAX_TEXT_PER_CHECK): string[] {
  const pieces: string[] = [];
  for (const text of new Set(texts)) {
    const trimmed = text?.trim();
    if (!trimmed) continue;
    for (let start = 0; ; start += limit - CUT_OVERLAP) {
      pieces.push(trimmed.slice(start, start + limit));
      if (start + limit >= trimmed.length) break;
    }
  }
  const chunks: string[] = [];
  for (const piece of pieces) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last].length + 1 + piece.length <= limit) chunks[last] += `\n${piece}`;
    else chunks.push(piece);
  }
  return chunks;
}

/**
 * Refuses with CONTENT_REJECTED unless every one of `texts` passes the content check (empty ones are
 * skipped); texts are packed into as few calls as msgSecCheck's 2,500-character limit allows.
 */
export async function checkTexts(cloud: WxCloud, openid: string, texts: readonly (string | null | undefined)[], scene: TextScene): Promise<void> {
  const chunks = textChunks(texts);
  for (let start = 0; start < chunks.length; start += PARALLEL_CHECKS) {
    await Promise.all(chunks.slice(start, start + PARALLEL_CHECKS).map((chunk) => checkText(cloud, openid, chunk, scene)));
  }
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
