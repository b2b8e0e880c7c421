/**
 * The one media module: choosing pictures and videos (wx.chooseMedia), compressing, checking and uploading
 * them into the caller's own folder (services/uploads.ts). Pictures are compressed by WeChat as they are
 * chosen (`sizeType: ['compressed']`); a video's duration comes with the choice and is checked before the
 * upload. The content check (内容安全) runs on the server when the file ids are submitted: until it passes,
 * only the uploader sees the picture (utils/pictures.ts mediaReviewNote).
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
 */
import { uploadOwnFile, type UploadPurpose } from './uploads';

export interface ChosenFile {
  path: string;
  /** A video's duration, rounded (0 for a picture). */
  seconds: number;
  size: number;
}

export interface ChooseOptions {
  kind: 'image' | 'video';
  count: number;
  /** Recording in the camera stops here (3–60 s; the album is not limited by it). */
  maxDuration?: number;
}

/** The chosen files; none when the chooser was cancelled or failed (nothing was chosen either way). */
export function chooseFiles(options: ChooseOptions): Promise<ChosenFile[]> {
  if (options.count <= 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: options.count,
      mediaType: [options.kind],
      sourceType: ['album', 'camera'],
      ...(options.kind === 'image' ? { sizeType: ['compressed'] } : {}),
      ...(options.maxDuration ? { maxDuration: options.maxDuration } : {}),
      success: (res) => resolve(res.tempFiles.map((file) => ({ path: file.tempFilePath, seconds: Math.round(file.duration ?? 0), size: file.size }))),
      fail: () => resolve([]),
    });
  });
}

export interface MediaUpload {
  /** fileIDs uploaded, in the order chosen. */
  fileIDs: string[];
  /** The first failure (the transport's ApiError), when one file could not be uploaded. */
  error: unknown;
}

const FALLBACK_EXTENSION = { image: 'jpg', video: 'mp4' } as const;

/** Uploads chosen files one by one; stops at the first failed upload and reports it with those uploaded before it. */
export async function uploadFiles(purpose: UploadPurpose, files: readonly ChosenFile[], kind: ChooseOptions['kind'] = 'image'): Promise<MediaUpload> {
  const fileIDs: string[] = [];
  for (const file of files) {
    try {
      fileIDs.push(await uploadOwnFile(purpose, file.path, { fallbackExtension: FALLBACK_EXTENSION[kind] }));
    } catch (error) {
      return { fileIDs, error };
    }
  }
  return { fileIDs, error: null };
}

/** Chooses up to `room` pictures and uploads them (`room` 0 chooses nothing). */
export async function chooseAndUploadPictures(purpose: UploadPurpose, room: number): Promise<MediaUpload> {
  const chosen = await chooseFiles({ kind: 'image', count: room });
  return uploadFiles(purpose, chosen.slice(0, Math.max(0, room)));
}
