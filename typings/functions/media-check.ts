/**
 * Function `mediaCheck`: receives WeChat's media check results (the `wxa_media_check` message push), retries
 * checks whose result never came (timer), and lets reviewers judge the uploads no WeChat API can check
 * (videos). The push and the timer are not actions: see server/mediaCheck.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { Page, pageInputShape } from './paging';

/** A video waiting for a person's verdict (视频待审). */
export interface PendingVideoView {
  checkId: string;
  /** A temporary URL to watch the video, or null when the file is gone. */
  url: string | null;
  uploaderName: string;
  createdAt: string;
}

const checkId = z.string().check(z.regex(/^mc_[0-9a-f]{40}$/));

export const mediaCheckContracts = {
  /** Videos under review uploaded by members in the caller's scope, oldest first. */
  pendingVideos: contract<Page<PendingVideoView>>()(z.strictObject({ ...pageInputShape })),
  /** Approves (`pass`) or refuses (`risky`) a video under review; repeating it changes nothing. */
  review: contract<{ changed: boolean }>()(z.strictObject({ checkId, verdict: z.enum(['pass', 'risky']) })),
  /** Asks WeChat again for results that never came (the timer runs it every ten minutes). */
  retry: contract<{ retried: number }>()(z.strictObject({})),
};
