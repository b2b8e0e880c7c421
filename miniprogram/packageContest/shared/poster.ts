/** The contest poster (海报): one picture chosen from the album or camera and uploaded (services/media.ts). */
import { chooseFiles, uploadFiles } from '../../services/media';

/** Resolves the uploaded fileID, or null when the admin cancelled the picker. */
export async function chooseAndUploadPoster(): Promise<string | null> {
  const chosen = await chooseFiles({ kind: 'image', count: 1 });
  if (chosen.length === 0) return null;
  const { fileIDs, error } = await uploadFiles('contest-poster', chosen.slice(0, 1));
  if (error) throw error;
  return fileIDs[0] ?? null;
}
