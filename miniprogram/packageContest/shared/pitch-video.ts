/**
 * The pitch video (路演视频): chosen through services/media.ts (wx.chooseMedia), whose answer carries the video's duration
 * (https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html), checked against the
 * 1–2 minutes the contest asks for before uploading; the function checks the reported seconds again.
 */
import { chooseFiles } from '../../services/media';
import { uploadOwnFile } from '../../services/uploads';

/** typings/functions/contest.ts PITCH_VIDEO_SECONDS (the app cannot load runtime values from typings). */
export const PITCH_SECONDS = { min: 60, max: 120 } as const;

/**
 * Recording inside the mini-program stops at 60 s at most (maxDuration is 3–60 s and does not limit the
 * album, same doc page): a 1–2 minute pitch is usually chosen from the album.
 */
const CAMERA_MAX_SECONDS = 60;

export interface ChosenVideo {
  path: string;
  seconds: number;
}

export type VideoChoice = { ok: true; video: ChosenVideo } | { ok: false; error: string } | null;

/** 1 分 05 秒 */
export function secondsLabel(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return minutes === 0 ? `${rest} 秒` : `${minutes} 分 ${String(rest).padStart(2, '0')} 秒`;
}

/** Why a video of this length is refused, or '' when it fits. */
export function pitchLengthError(seconds: number): string {
  if (seconds >= PITCH_SECONDS.min && seconds <= PITCH_SECONDS.max) return '';
  return `路演视频须为 1–2 分钟，所选视频时长 ${secondsLabel(seconds)}`;
}

/** Null when cancelled; otherwise the chosen video or why it does not fit. */
export async function choosePitchVideo(): Promise<VideoChoice> {
  const [file] = await chooseFiles({ kind: 'video', count: 1, maxDuration: CAMERA_MAX_SECONDS });
  if (!file) return null;
  const error = pitchLengthError(file.seconds);
  return error ? { ok: false, error } : { ok: true, video: { path: file.path, seconds: file.seconds } };
}

export function uploadPitchVideo(video: ChosenVideo): Promise<string> {
  return uploadOwnFile('pitch-video', video.path, { fallbackExtension: 'mp4' });
}
