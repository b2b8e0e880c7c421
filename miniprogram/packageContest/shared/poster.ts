/** The contest poster (海报): one picture chosen from the album or camera and uploaded to cloud storage. */
import { uploadOwnFile } from '../../services/uploads';

/** Resolves the uploaded fileID, or null when the admin cancelled the picker. */
export async function chooseAndUploadPoster(): Promise<string | null> {
  const path = await new Promise<string | null>((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve(res.tempFiles[0]?.tempFilePath ?? null),
      fail: () => resolve(null),
    });
  });
  if (!path) return null;
  return uploadOwnFile('contest-poster', path, { fallbackExtension: 'jpg' });
}
