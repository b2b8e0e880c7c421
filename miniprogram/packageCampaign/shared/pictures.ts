/**
 * Pictures of a check-in: chosen from the album or camera (wx.chooseMedia, at most what is left of the nine
 * allowed) and uploaded one by one to cloud storage through the transport, so a failed upload keeps those
 * already sent. https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
 */
import { uploadFile } from '../../services/transport';

function choosePictures(count: number): Promise<string[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((file) => file.tempFilePath)),
      // Cancelling the chooser is not an error: nothing was chosen.
      fail: () => resolve([]),
    });
  });
}

/** A storage path of our own per picture: the campaign, the moment and the position keep paths apart. */
export function checkinPicturePath(campaignId: string, tempPath: string, now: number, index: number): string {
  const extension = /\.(jpe?g|png|gif|webp|heic)$/i.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
  const safeCampaign = campaignId.replace(/[^\w-]+/g, '_');
  return `campaign-checkins/${safeCampaign}/${now}-${index}.${extension}`;
}

export interface PictureUpload {
  /** fileIDs uploaded, in the order chosen. */
  fileIDs: string[];
  /** The first failure (the transport's ApiError), when one picture could not be uploaded. */
  error: unknown;
}

/**
 * Chooses up to `room` pictures and uploads them; stops at the first failed upload and reports it with what
 * was uploaded before it. `room` 0 chooses nothing.
 */
export async function chooseAndUploadPictures(campaignId: string, room: number): Promise<PictureUpload> {
  if (room <= 0) return { fileIDs: [], error: null };
  const chosen = await choosePictures(room);
  const fileIDs: string[] = [];
  const now = Date.now();
  for (const [index, tempPath] of chosen.slice(0, room).entries()) {
    try {
      fileIDs.push(await uploadFile(checkinPicturePath(campaignId, tempPath, now, index), tempPath));
    } catch (error) {
      return { fileIDs, error };
    }
  }
  return { fileIDs, error: null };
}
