/**
 * Take-away files (课后资料) of courses and classroom sessions (typings/takeaway-files.ts): an editor may
 * attach only their own uploads in the owner's folder (or keep what the course or session holds already),
 * and members get the files' temporary download URLs through the media gate like every served file.
 */
import type { ReleasedFileDoc } from '../../typings/docs/storage';
import type { TakeawayFileDoc, TakeawayFileType } from '../../typings/domain';
import type { TakeawayFileUrl } from '../../typings/takeaway-files';
import type { UploadPurpose } from '../../typings/uploads';
import type { WxCloud } from './cloud';
import { COLLECTIONS } from './collections';
import { hashId } from './ids';
import { type Tx, txPut } from './transaction';
import { AppError } from './errors';
import { assertOwnUploads } from './uploads';
import { tempUrls, urlOf } from './wechat';

export function takeawayFileIds(files: readonly TakeawayFileDoc[] | null | undefined): string[] {
  return (files ?? []).map((file) => file.fileID);
}

/**
 * Refuses (INVALID_INPUT) a file listed twice, or one that is neither the editor's own upload for `purpose`
 * nor among `kept`.
 */
export function assertTakeawayUploads(
  openid: string,
  files: readonly TakeawayFileDoc[],
  purpose: Extract<UploadPurpose, 'course-file' | 'classroom-file'>,
  kept: readonly TakeawayFileDoc[] | null | undefined,
): void {
  const ids = takeawayFileIds(files);
  if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', '同一个文件不能添加两次');
  assertOwnUploads(openid, ids, { purpose, kept: takeawayFileIds(kept) });
}

export interface TakeawayFileUrlView {
  name: string;
  fileType: TakeawayFileType;
  /** Null when the file cannot be served (gone, or held back by the media gate). */
  url: string | null;
}

/** The files with their temporary URLs: the media gate's read and one getTempFileURL call (none without files). */
export async function takeawayFileUrls(cloud: WxCloud, files: readonly TakeawayFileDoc[]): Promise<TakeawayFileUrlView[]> {
  if (files.length === 0) return [];
  const urls = await tempUrls(cloud, takeawayFileIds(files));
  return files.map((file) => ({ name: file.name, fileType: file.fileType, url: urlOf(urls, file.fileID) }));
}

/**
 * One file's download address for a caller whose access to it the action checked: what `takeawayFileUrls`
 * costs, and NOT_FOUND when the file cannot be served.
 */
export async function takeawayFileUrl(cloud: WxCloud, file: TakeawayFileDoc): Promise<TakeawayFileUrl> {
  const [view] = await takeawayFileUrls(cloud, [file]);
  if (!view?.url) throw new AppError('NOT_FOUND', '文件暂时无法打开，请稍后再试');
  return { name: file.name, fileType: file.fileType, size: file.size, url: view.url };
}

/** The `releasedFiles` id of a file. */
export const releasedFileId = (fileID: string): string => hashId('rf', fileID);

/**
 * Records, in the transaction that replaces `before` with `after`, the files `after` no longer holds: the
 * storage cleanup deletes each once nothing references it (server/storageCleanup/released.ts). One write per
 * dropped file, none when nothing is dropped.
 */
export async function releaseDroppedFiles(
  tx: Tx,
  courseId: string,
  before: readonly TakeawayFileDoc[] | null | undefined,
  after: readonly TakeawayFileDoc[] | null | undefined,
  now: Date,
): Promise<void> {
  const kept = new Set(takeawayFileIds(after));
  for (const fileID of takeawayFileIds(before)) {
    if (kept.has(fileID)) continue;
    const doc: ReleasedFileDoc = { _id: releasedFileId(fileID), fileID, courseId, releasedAt: now };
    await txPut(tx, COLLECTIONS.releasedFiles, doc);
  }
}
