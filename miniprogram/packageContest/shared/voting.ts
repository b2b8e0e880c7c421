/**
 * One 投票 tap, as the entry page and the entry list cast it, through utils/submit-once.ts: a new request id
 * per tap, except that a tap whose answer never came (the transport failed before the function answered) is
 * sent again with its id, so the vote counts once whatever happened to the first try. The list keeps one
 * pending id per entry, so each vote is its own intent.
 */
import { vote, type VoteResult } from '../../services/contest';
import { submitOnce, type SubmitState } from '../../utils/submit-once';
import type { ApiErrorCode } from '../../services/transport';

export type VoteOutcome =
  | { ok: true; result: VoteResult }
  /** `retryId`: send it with the next tap ('' for a new one); `recheck`: the quota or the window changed, ask what is left. */
  | { ok: false; message: string; retryId: string; recheck: boolean };

/** Refusals after which what is left to give has changed (or was 0 for the caller's own entry): ask again. */
const RECHECK: ReadonlySet<ApiErrorCode | null> = new Set<ApiErrorCode>(['VOTE_LIMIT', 'VOTING_CLOSED', 'OWN_ENTRY']);

export async function castVote(entryId: string, pendingId: string, where: string): Promise<VoteOutcome> {
  // This vote's own submit state: the caller keeps the pending id between taps (per entry in the list).
  const state: SubmitState = { submitting: false, pendingRequestId: pendingId };
  const host = {
    data: state,
    setData(patch: Partial<SubmitState>) {
      Object.assign(state, patch);
    },
  };
  const outcome = await submitOnce(host, (requestId) => vote(entryId, requestId), { where, fallback: '投票失败，请稍后重试' });
  // null only when a send is running on the same state, which this call's own state never has.
  if (!outcome) return { ok: false, message: '投票失败，请稍后重试', retryId: pendingId, recheck: false };
  if (outcome.ok) return { ok: true, result: outcome.value };
  // The function's message says which quota or window refused the vote (and when voting runs).
  return { ok: false, message: outcome.failure.message, retryId: state.pendingRequestId, recheck: RECHECK.has(outcome.failure.code) };
}
