/**
 * Choosing pictures and media for a course and uploading them to cloud storage through the transport:
 * pictures and videos from the album or camera (wx.chooseMedia), audio files from a chat
 * (wx.chooseMessageFile: WeChat offers no audio picker). Cancelling a chooser resolves null.
 */
import { uploadOwnFile } from '../../services/uploads';

export type MediaKind = 'image' | 'video' | 'audio';

export interface ChosenMedia {
  path: string;
  name: string;
  /** Whole seconds, when the chooser tells (videos). */
  seconds?: number;
}

export interface UploadedMedia {
  fileID: string;
  name: string;
  seconds?: number;
}

const AUDIO_EXTENSIONS = ['mp3', 'm4a', 'aac', 'wav'];
const FALLBACK_EXTENSION: Record<MediaKind, string> = { image: 'jpg', video: 'mp4', audio: 'mp3' };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function chooseFromAlbum(kind: 'image' | 'video'): Promise<ChosenMedia | null> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: [kind],
      sourceType: ['album', 'camera'],
      success: (res) => {
        const file = res.tempFiles[0];
        if (!file) return resolve(null);
        const seconds = kind === 'video' && file.duration > 0 ? Math.max(1, Math.round(file.duration)) : undefined;
        resolve({ path: file.tempFilePath, name: baseName(file.tempFilePath), ...(seconds ? { seconds } : {}) });
      },
      fail: () => resolve(null),
    });
  });
}

function chooseAudio(): Promise<ChosenMedia | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: AUDIO_EXTENSIONS,
      success: (res) => {
        const file = res.tempFiles[0];
        resolve(file ? { path: file.path, name: file.name } : null);
      },
      fail: () => resolve(null),
    });
  });
}

export function chooseMedia(kind: MediaKind): Promise<ChosenMedia | null> {
  return kind === 'audio' ? chooseAudio() : chooseFromAlbum(kind);
}

/** Chooses then uploads; null when the author cancelled. Upload failures reject with the transport's ApiError. */
export async function chooseAndUpload(kind: MediaKind): Promise<UploadedMedia | null> {
  const chosen = await chooseMedia(kind);
  if (!chosen) return null;
  const fileID = await uploadOwnFile('course-media', chosen.path, { name: chosen.name, fallbackExtension: FALLBACK_EXTENSION[kind] });
  return { fileID, name: chosen.name, ...(chosen.seconds ? { seconds: chosen.seconds } : {}) };
}

/** The end of a fileID, enough for an author to recognise the file. */
export function fileLabel(fileID: string): string {
  return fileID ? baseName(fileID) : '';
}
