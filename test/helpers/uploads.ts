/** A file id as the app uploads it: under the caller's own folder (server/core/uploads.ts). */
import type { UploadPurpose } from '../../typings/uploads';

export const uploadedBy = (openid: string, purpose: UploadPurpose, name = 'a.jpg', env = 'local.bucket'): string =>
  `cloud://${env}/uploads/${openid}/${purpose}/${name}`;
