/**
 * The console's one way to upload a file: into the signed-in member's own folder,
 * `uploads/<openid>/<purpose>/<random>-<name>.<ext>` (typings/uploads.ts), the folder the server hands out
 * (user.uploadFolder) and the only one whose file ids it accepts back (server/core/uploads.ts). The storage
 * rules let a console browser (custom login) create files under uploads/ as their owner
 * (database/storage-rules.json, https://docs.cloudbase.net/storage/security-rules/user_secure).
 * Local mode goes through the local cloud's gateway, cloud mode through @cloudbase/js-sdk (transport.ts).
 */
import type { UploadPurpose } from '../../../typings/uploads';
import { call, uploadToStorage } from './transport';

export type { UploadPurpose };

let folder: Promise<string> | null = null;

/** The member's folder, asked once per page load (a new sign-in reloads the console). */
function uploadFolder(): Promise<string> {
  if (!folder) {
    const asked = call('user', 'uploadFolder', {}).then((answer) => answer.folder);
    folder = asked;
    asked.catch(() => {
      if (folder === asked) folder = null;
    });
  }
  return folder;
}

/** What a storage path may hold of a file's own name (the rules' `[A-Za-z0-9_.-]`), for a readable tail. */
function nameLabel(name: string): string {
  return name
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(-40);
}

function randomName(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Uploads `file` for `purpose`; `onProgress` gets 0–100. Every upload gets a fresh random name, so nothing is
 * ever overwritten. Rejects with an ApiError carrying a Chinese message.
 */
export async function uploadFile(file: File, purpose: UploadPurpose, onProgress?: (percent: number) => void): Promise<{ fileID: string }> {
  const base = await uploadFolder();
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(file.name)?.[1]?.toLowerCase() ?? 'bin';
  const label = nameLabel(file.name);
  const cloudPath = `${base}/${purpose}/${randomName()}${label ? `-${label}` : ''}.${extension}`;
  onProgress?.(0);
  const fileID = await uploadToStorage(cloudPath, file, (fraction) => onProgress?.(Math.min(100, Math.round(fraction * 100))));
  onProgress?.(100);
  return { fileID };
}
