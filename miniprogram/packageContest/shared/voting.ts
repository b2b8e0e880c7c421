/**
 * One 投票 tap, as the entry page and the entry list cast it: a new request id per tap, except that a tap
 * whose answer never came (the transport failed before the function answered) is sent again with its id, so
 * the vote counts once whatever happened to the first try.
 */
import { vote, type VoteResult } from '../../services/contest';
import { failureOf } from '../../utils/failure';
import { newRequestId } from '../../utils/request-id';
import { isUnsure } from '../../utils/submit-once';
import type { ApiErrorCode } from '../../services/transport';

export type VoteOutcome =
  | { ok: true; result: VoteResult }
  /** `retryId`: send it with the next tap ('' for a new one); `recheck`: the quota or the window changed, ask what is left. */
  | { ok: false; message: string; retryId: string; recheck: boolean };

/** Refusals after which what is left to give has changed (or was 0 for the caller's own entry): ask again. */
const RECHECK: ReadonlySet<ApiErrorCode | null> = new Set<ApiErrorCode>(['VOTE_LIMIT', 'VOTING_CLOSED', 'OWN_ENTRY']);

export async function castVote(entryId: string, pendingId: string, where: string): Promise<VoteOutcome> {
  const requestId = pendingId || newRequestId();
  try {
    return { ok: true, result: await vote(entryId, requestId) };
  } catch (error) {
    // The function's message says which quota or window refused the vote (and when voting runs).
    const failure = failureOf(error, where, '投票失败，请稍后重试');
    return { ok: false, message: failure.message, retryId: isUnsure(failure) ? requestId : '', recheck: RECHECK.has(failure.code) };
  }
}
