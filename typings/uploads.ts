/**
 * Where the app uploads (用户上传目录): `uploads/<openid>/<purpose>/<name>`, the only place the storage rules
 * let a client write (database/storage-rules.json). The server accepts a client file id only from the
 * caller's own folder (server/core/uploads.ts); the app builds paths in miniprogram/services/uploads.ts.
 */
export const UPLOADS_ROOT = 'uploads';

/** What an upload is for: the folder under the caller's own. */
export const UPLOAD_PURPOSES = [
  'checkin',
  'campaign-cover',
  'course-media',
  'pitch-video',
  'contest-poster',
  'mall-item',
  'roster',
  'classroom-file',
  'course-file',
] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
