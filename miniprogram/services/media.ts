/**
 * The one media module: choosing pictures and videos (wx.chooseMedia) and audio (wx.chooseMessageFile: WeChat
 * offers no audio picker, so audio comes from a chat), compressing, checking and uploading them into the
 * caller's own folder (services/uploads.ts). Pictures are compressed by WeChat as they are chosen
 * (`sizeType: ['compressed']`); a video's duration comes with the choice and is checked before the upload.
 * The content check (内容安全) runs on the server when the file ids are submitted: until it passes, only the
 * uploader sees the picture (utils/pictures.ts mediaReviewNote).
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 */
import { uploadOwnFile, type UploadPurpose } from './uploads';

export type MediaKind = 'image' | 'video' | 'audio';

export interface ChosenFile {
  path: string;
  /** The file's own name: a chat file's, or the end of the temp path. */
  name: string;
  /** A video's duration in whole seconds, at least 1 when WeChat reports one (0 for a picture or audio). */
  seconds: number;
  size: number;
}

export interface ChooseOptions {
  kind: MediaKind;
  count: number;
  /** Recording in the camera stops here (3–60 s; the album is not limited by it). */
  maxDuration?: number;
}

/** Audio a course may carry, as the chat file picker filters it. */
const AUDIO_EXTENSIONS = ['mp3', 'm4a', 'aac', 'wav'];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function wholeSeconds(duration: number | undefined): number {
  return duration && duration > 0 ? Math.max(1, Math.round(duration)) : 0;
}

function chooseFromAlbum(options: ChooseOptions & { kind: 'image' | 'video' }): Promise<ChosenFile[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: options.count,
      mediaType: [options.kind],
      sourceType: ['album', 'camera'],
      ...(options.kind === 'image' ? { sizeType: ['compressed'] } : {}),
      ...(options.maxDuration ? { maxDuration: options.maxDuration } : {}),
      success: (res) =>
        resolve(
          res.tempFiles.map((file) => ({ path: file.tempFilePath, name: baseName(file.tempFilePath), seconds: wholeSeconds(file.duration), size: file.size })),
        ),
      fail: () => resolve([]),
    });
  });
}

function chooseAudio(count: number): Promise<ChosenFile[]> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count,
      type: 'file',
      extension: AUDIO_EXTENSIONS,
      success: (res) => resolve(res.tempFiles.map((file) => ({ path: file.path, name: file.name, seconds: 0, size: file.size }))),
      fail: () => resolve([]),
    });
  });
}

/** The chosen files; none when the chooser was cancelled or failed (nothing was chosen either way). */
export function chooseFiles(options: ChooseOptions): Promise<ChosenFile[]> {
  if (options.count <= 0) return Promise.resolve([]);
  return options.kind === 'audio' ? chooseAudio(options.count) : chooseFromAlbum({ ...options, kind: options.kind });
}

export interface MediaUpload {
  /** fileIDs uploaded, in the order chosen. */
  fileIDs: string[];
  /** The first failure (the transport's ApiError), when one file could not be uploaded. */
  error: unknown;
}

const FALLBACK_EXTENSION: Record<MediaKind, string> = { image: 'jpg', video: 'mp4', audio: 'mp3' };

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

export interface UploadedMedia {
  fileID: string;
  name: string;
  /** A video's whole seconds, when WeChat reported its duration. */
  seconds?: number;
}

/**
 * Chooses one file of `kind` and uploads it under its own name; null when the user cancelled. An upload
 * failure rejects with the transport's ApiError.
 */
export async function chooseAndUploadOne(purpose: UploadPurpose, kind: MediaKind): Promise<UploadedMedia | null> {
  const [chosen] = await chooseFiles({ kind, count: 1 });
  if (!chosen) return null;
  const fileID = await uploadOwnFile(purpose, chosen.path, { name: chosen.name, fallbackExtension: FALLBACK_EXTENSION[kind] });
  return { fileID, name: chosen.name, ...(chosen.seconds ? { seconds: chosen.seconds } : {}) };
}

/** The end of a fileID, enough for an author to recognise the file. */
export function fileLabel(fileID: string): string {
  return fileID ? baseName(fileID) : '';
}
