/**
 * Client uploads (用户上传): the mini-program writes files only under `uploads/<openid>/<purpose>/<name>`
 * (typings/uploads.ts, database/storage-rules.json). A file id a client sends back is accepted only when it
 * is one the caller uploaded there: the second path segment must be the caller's openid exactly, so another
 * identity whose openid merely contains the caller's (or a server-owned path that mentions it) is refused.
 * Ids the resource already holds (an item's pictures another admin added, a course's existing cover) may
 * be kept as they are.
 *
 * CloudBase file ids are `cloud://<env>.<bucket>/<cloud path>`
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/uploadFile.html).
 */
import { UPLOADS_ROOT } from '../../typings/uploads';
import type { UploadPurpose } from '../../typings/uploads';
import { AppError } from './errors';

/** The caller's own upload folder, `uploads/<openid>` (user.uploadFolder hands it to the app). */
export const uploadFolderOf = (openid: string): string => `${UPLOADS_ROOT}/${openid}`;

/** A path segment: no separator, control character or whitespace; `.` and `..` are refused below. */
const SEGMENT = /^[^/\\\s\u0000-\u001f]{1,128}$/;

/** The cloud path of a `cloud://<env>.<bucket>/<path>` file id, or null when it is not one. */
export function cloudPathOfFileId(fileId: string): string | null {
  const match = /^cloud:\/\/[A-Za-z0-9-]+\.[A-Za-z0-9-]+\/(.+)$/.exec(fileId);
  if (!match) return null;
  const segments = match[1].split('/');
  return segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..') ? match[1] : null;
}

/**
 * `fileId` is `uploads/<openid>/<purpose>/<name>` exactly, optionally for one purpose, in this function's
 * environment (`TCB_ENV`, set where functions run) rather than another environment of the same account.
 */
export function isOwnUpload(openid: string, fileId: string, purpose?: UploadPurpose): boolean {
  const env = process.env.TCB_ENV;
  if (env && !fileId.startsWith(`cloud://${env}.`)) return false;
  const cloudPath = cloudPathOfFileId(fileId);
  if (!cloudPath) return false;
  const [root, owner, folder, name, ...rest] = cloudPath.split('/');
  if (root !== UPLOADS_ROOT || owner !== openid || !folder || !name || rest.length > 0) return false;
  return purpose === undefined || folder === purpose;
}

/**
 * Refuses (INVALID_INPUT) any of `fileIds` that is not the caller's own upload, unless `kept` (what the
 * resource holds already) contains it. Nulls and empty entries are ignored.
 */
export function assertOwnUploads(
  openid: string,
  fileIds: readonly (string | null | undefined)[],
  options: { purpose?: UploadPurpose; kept?: readonly (string | null | undefined)[] } = {},
): void {
  const kept = new Set(options.kept ?? []);
  for (const fileId of fileIds) {
    if (!fileId || kept.has(fileId)) continue;
    if (!isOwnUpload(openid, fileId, options.purpose)) throw new AppError('INVALID_INPUT', '文件必须是你本人刚上传的，请重新上传后再提交');
  }
}
