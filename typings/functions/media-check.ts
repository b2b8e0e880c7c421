/**
 * Function `mediaCheck`: receives WeChat's media check results (the `wxa_media_check` message push), retries
 * checks whose result never came (timer), and lets reviewers judge the uploads no WeChat API can check
 * (videos). The push and the timer are not actions: see server/mediaCheck.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { type Page, pageInputShape } from './paging';

/** What WeChat's media check looks at. */
export const MEDIA_KINDS = ['image', 'audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** An upload waiting for a person's verdict (待人工审核): a video, or a file WeChat could not check. */
export interface PendingReviewView {
  checkId: string;
  kind: MediaKind;
  /** A temporary URL to watch the video, or null when the file is gone. */
  url: string | null;
  uploaderName: string;
  createdAt: string;
}

const checkId = z.string().check(z.regex(/^mc_[0-9a-f]{40}$/));

/** A reviewer's verdict on a file WeChat's check could not decide. */
export const MEDIA_VERDICTS = ['pass', 'risky'] as const;
export type MediaVerdict = (typeof MEDIA_VERDICTS)[number];

export const mediaCheckContracts = {
  /** Uploads waiting for a person (videos, and files WeChat could not check) from the caller's scope, oldest first. */
  pendingReviews: contract<Page<PendingReviewView>>()(z.strictObject({ ...pageInputShape })),
  /** Approves (`pass`) or refuses (`risky`) an upload waiting for a person; repeating it changes nothing. */
  review: contract<{ changed: boolean }>()(z.strictObject({ checkId, verdict: z.enum(MEDIA_VERDICTS) })),
  /** Asks WeChat again for results that never came (the timer runs it every ten minutes). */
  retry: contract<{ retried: number }>()(z.strictObject({})),
};
