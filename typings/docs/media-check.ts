/** Media checks (内容安全): one document per uploaded picture, audio or video and its verdict. */
import type { MediaKind } from '../functions/media-check';

export const MEDIA_CHECK_STATUSES = ['pending', 'pass', 'risky'] as const;
export type MediaCheckStatus = (typeof MEDIA_CHECK_STATUSES)[number];

/** Who gives the verdict: WeChat for pictures and audio, a person for videos. */
export const MEDIA_CHECK_METHODS = ['wechat', 'manual'] as const;
export type MediaCheckMethod = (typeof MEDIA_CHECK_METHODS)[number];

export interface MediaCheckDoc {
  _id: string;
  fileID: string;
  kind: MediaKind;
  method: MediaCheckMethod;
  uploaderId: string;
  uploaderName: string;
  /** The uploader's department: reviewers see the videos of their scope. */
  departmentId: string;
  /** mediaCheckAsync v2 checks on behalf of a user (who must have used the app in the last two hours). */
  openid: string;
  scene: number;
  status: MediaCheckStatus;
  /** The latest request's trace id; never sent to a client. */
  traceId: string | null;
  attempts: number;
  requestedAt: Date;
  createdAt: Date;
  decidedAt: Date | null;
  /** WeChat's label (100 normal, 20002 porn, ...) or null. */
  label: number | null;
  /** 'wechat', or the reviewer's member id. */
  decidedBy: string | null;
}
