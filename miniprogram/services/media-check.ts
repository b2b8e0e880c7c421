/** 媒体审核: uploaded videos no WeChat API can check, judged by reviewers (function `mediaCheck`). */
import type { ActionOutput } from '../../typings/api';
import type { MediaVerdict } from '../../typings/functions/media-check';
import { call } from './transport';

export type PendingReviewPage = ActionOutput<'mediaCheck', 'pendingReviews'>;
export type PendingReview = PendingReviewPage['items'][number];

export function pendingReviews(page: number, pageSize: number): Promise<PendingReviewPage> {
  return call('mediaCheck', 'pendingReviews', { page, pageSize });
}

export function reviewMedia(checkId: string, verdict: MediaVerdict): Promise<{ changed: boolean }> {
  return call('mediaCheck', 'review', { checkId, verdict });
}
