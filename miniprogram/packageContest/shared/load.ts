/** The states a contest page shows around its one load (components/list-status), and its form helpers. */
import { failureOf } from '../../utils/failure';
import { toast } from '../../utils/ui';
import type { ListStatus } from '../../utils/paged-list';
import type { DataEvent, InputEvent } from '../../utils/events';

export interface LoadState {
  status: ListStatus;
  message: string;
}

/** A text field bound by its data-field: the page data takes the value, and the field's error is cleared. */
export function typeInto(page: { setData(patch: Record<string, unknown>): void }, event: InputEvent & DataEvent<{ field?: string }>): void {
  const field = event.currentTarget.dataset.field;
  if (field) page.setData({ [field]: event.detail.value, [`errors.${field}`]: '' });
}

interface SavingPage {
  data: { saving: boolean };
  setData(patch: { saving?: boolean; formError?: string }): void;
}

/**
 * Sends a checked form, one send at a time: the answer goes to `done` and a toast says so; a refusal is
 * shown in `formError`, what was typed stays.
 */
export async function sendForm<T>(page: SavingPage, where: string, send: () => Promise<T>, done: (answer: T) => void, success: string): Promise<void> {
  if (page.data.saving) return;
  page.setData({ saving: true, formError: '' });
  try {
    done(await send());
    toast(success);
  } catch (error) {
    page.setData({ formError: failureOf(error, where, '保存失败，请稍后重试').message });
  } finally {
    page.setData({ saving: false });
  }
}

/** The round a round-scoped admin page is about, or the error state to show when it is gone. */
export function roundIn<R extends { id: string }>(rounds: readonly R[], roundId: string): { round: R; index: number } | LoadState {
  const index = rounds.findIndex((round) => round.id === roundId);
  const round = rounds[index];
  return round ? { round, index } : { status: 'error', message: '这一轮不存在或已删除' };
}
