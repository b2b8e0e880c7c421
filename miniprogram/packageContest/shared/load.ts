/** What the contest's admin forms share: typing into a field, sending a checked form once, and the round a page is about. */
import { getContestAdmin, type ContestAdmin } from '../../services/contest';
import { ApiError } from '../../services/transport';
import type { DataEvent, InputEvent } from '../../utils/events';
import { renewRequest, submitOnce, untilAccepted, type SubmitHost } from '../../utils/submit-once';
import { toast } from '../../utils/ui';

/**
 * A field bound by its data-field (a kit text field, a picker-field, a t-switch): the page data takes the value,
 * the field's error is cleared, and the next send is a new intent (utils/submit-once.ts renewRequest).
 */
export function typeInto(page: SubmitHost & { setData(patch: Record<string, unknown>): void }, event: InputEvent & DataEvent<{ field?: string }>): void {
  const field = event.currentTarget.dataset.field;
  if (!field) return;
  page.setData({ [field]: event.detail.value, [`errors.${field}`]: '' });
  renewRequest(page);
}

interface FormHost extends SubmitHost {
  setData(patch: { submitting?: boolean; pendingRequestId?: string; formError?: string }): void;
}

/**
 * Sends a checked form through utils/submit-once.ts (one send at a time, one request id per intent): the answer
 * goes to `done` and a toast says `success`; a refusal is shown in `formError`, what was typed stays.
 */
export async function sendForm<T>(
  page: FormHost,
  where: string,
  send: (requestId: string) => Promise<T>,
  done: (answer: T) => void,
  success: string,
  keepUntilAccepted = false,
): Promise<void> {
  page.setData({ formError: '' });
  const outcome = await submitOnce(page, send, { where, fallback: '保存失败，请稍后重试', isFinal: keepUntilAccepted ? untilAccepted : undefined });
  if (!outcome) return;
  if (!outcome.ok) {
    page.setData({ formError: outcome.failure.message });
    return;
  }
  done(outcome.value);
  toast(success);
}

/** The round a round-scoped admin page is about; a round that is gone fails the page's load with why. */
export function roundOf<R extends { id: string }>(rounds: readonly R[], roundId: string): { round: R; index: number } {
  const index = rounds.findIndex((round) => round.id === roundId);
  const round = rounds[index];
  if (!round) throw new ApiError('NOT_FOUND', '这一轮不存在或已删除');
  return { round, index };
}

/** The contest a round-scoped admin page shows; a round that is gone fails the load with why. */
export async function roundContest(page: { contestId: string; roundId: string }): Promise<ContestAdmin> {
  const contest = await getContestAdmin(page.contestId);
  roundOf(contest.rounds, page.roundId);
  return contest;
}
