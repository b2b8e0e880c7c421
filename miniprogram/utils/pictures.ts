/**
 * Pictures stored in cloud storage (mall items) travel as `cloud://` fileIDs; pages show them through the
 * temporary URLs the transport resolves. A picture is decoration: when resolving fails the page still works.
 */
import type { MediaReview } from '../../typings/domain';
import { tempFileUrls } from '../services/transport';
import type { Paged } from '../services/types';

/**
 * fileID → displayable URL, never rejecting. When the lookup itself fails, the fileIDs are kept as they are
 * (real WeChat can still show a `cloud://` src); a file that does not resolve is left out (placeholder).
 */
export async function pictureUrls(fileIDs: readonly string[]): Promise<Record<string, string>> {
  try {
    return await tempFileUrls(fileIDs);
  } catch {
    return Object.fromEntries(fileIDs.map((fileID) => [fileID, fileID]));
  }
}

/** The displayable URLs of `fileIDs` in order, without those that did not resolve. */
export async function displayPictures(fileIDs: readonly string[]): Promise<string[]> {
  const urls = await pictureUrls(fileIDs);
  return fileIDs.map((fileID) => urls[fileID] ?? '').filter((url) => url !== '');
}

export type WithCover<T> = T & { coverUrl: string };

/** Wraps a list fetcher so each item also carries its cover (first picture) as a URL, '' for none. */
export function withCoverUrls<P extends Paged<{ pictures: string[] }>>(
  fetchPage: (page: number, pageSize: number) => Promise<P>,
): (page: number, pageSize: number) => Promise<Omit<P, 'items'> & Paged<WithCover<P['items'][number]>>> {
  return async (page, pageSize) => {
    const result = await fetchPage(page, pageSize);
    const urls = await pictureUrls(result.items.map((item) => item.pictures[0] ?? '').filter((fileID) => fileID !== ''));
    return { ...result, items: result.items.map((item) => ({ ...item, coverUrl: urls[item.pictures[0] ?? ''] ?? '' })) };
  };
}

/**
 * What the uploader reads under their own pictures while the content check (内容安全) has not passed them:
 * others do not see these pictures at all. '' when nothing is under review or refused.
 */
export function mediaReviewNote(review: MediaReview | null | undefined): string {
  const states = Object.values(review ?? {});
  const rejected = states.filter((state) => state === 'rejected').length;
  const pending = states.length - rejected;
  const parts = [pending > 0 ? `${pending} 张图片审核中` : '', rejected > 0 ? `${rejected} 张图片未通过审核` : ''].filter(Boolean);
  return parts.length > 0 ? `${parts.join('，')}，仅你可见` : '';
}
