/**
 * The one way the app uploads a file: into the caller's own folder, `uploads/<openid>/<purpose>/<random>.<ext>`
 * (typings/uploads.ts). The storage rules let a client write nowhere else (database/storage-rules.json), and
 * the server accepts back only file ids from the caller's own folder. The folder comes from the server
 * (user.uploadFolder): in cloud mode WeChat, not the app, knows the OPENID. It is asked once per identity.
 */
import type { UploadPurpose } from '../../typings/uploads';
import { config } from '../config';
import { newRequestId } from '../utils/request-id';
import { getDevOpenid } from './dev-identity';
import { call, uploadFile } from './transport';

export type { UploadPurpose };

let cached: { identity: string; folder: Promise<string> } | null = null;

function uploadFolder(): Promise<string> {
  // Local mode can switch identity (dev-identity); cloud mode has one WeChat user per app.
  const identity = config.mode === 'cloud' ? 'cloud' : getDevOpenid();
  if (cached?.identity !== identity) {
    const folder = call('user', 'uploadFolder', {}).then((answer) => answer.folder);
    cached = { identity, folder };
    // A failed lookup is asked again next time.
    folder.catch(() => {
      if (cached?.folder === folder) cached = null;
    });
  }
  return cached.folder;
}

/** The extension of a chosen file's path or name (lower case, letters and digits), or `fallback`. */
export function extensionOf(pathOrName: string, fallback: string): string {
  return /\.([A-Za-z0-9]{1,5})$/.exec(pathOrName)?.[1]?.toLowerCase() ?? fallback;
}

/** A chosen file's name without folder and extension, reduced to what a storage path may hold (the rules' `[A-Za-z0-9_.-]`). */
export function nameLabel(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return base
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(-40);
}

/** The cloud path for one upload: a fresh random name (nothing is ever overwritten), then the file's own name if given. */
export function uploadPath(folder: string, purpose: UploadPurpose, extension: string, name?: string): string {
  const label = name ? nameLabel(name) : '';
  return `${folder}/${purpose}/${newRequestId()}${label ? `-${label}` : ''}.${extension}`;
}

export interface UploadOptions {
  /** The chosen file's own name (a chat file's): its extension and a readable tail go into the path. */
  name?: string;
  /** When neither the name nor the temp path has an extension. */
  fallbackExtension?: string;
}

/**
 * Uploads a chosen temp file for `purpose`; resolves its fileID. The server tells CSV from Excel by the
 * extension for roster imports, so it is kept.
 */
export async function uploadOwnFile(purpose: UploadPurpose, tempFilePath: string, options: UploadOptions = {}): Promise<string> {
  const folder = await uploadFolder();
  const extension = extensionOf(options.name ?? tempFilePath, options.fallbackExtension ?? 'bin');
  return uploadFile(uploadPath(folder, purpose, extension, options.name), tempFilePath);
}
