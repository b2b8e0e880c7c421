/**
 * Valid study time (有效学习时长) from progress reports, on the server clock only. A report credits the time
 * since the previous report of the same session when both were active (playing or reading in the
 * foreground), at most MAX_GAP_MS, and never a moment already credited to the same member and course by
 * another session (`creditedUntil`), so two devices at once count once. A replayed or out-of-order `seq`
 * changes nothing. The 60 s cap is chosen: players report every 15 s, so a longer gap means the app was
 * suspended or the network lost, and only the last minute is believed.
 */
import type { RecordSession, StudyState } from '../../typings/domain';

export const MAX_GAP_MS = 60_000;

type State = StudyState;

export function isActive(state: State): boolean {
  return state === 'playing' || state === 'reading';
}

export interface CreditInput {
  previous: Pick<RecordSession, 'seq' | 'state' | 'at'> | null;
  seq: number;
  state: State;
  now: Date;
  creditedUntil: Date | null;
}

export type CreditOutcome = { ignored: true } | { ignored: false; creditMs: number; creditedUntil: Date | null };

export function creditReport({ previous, seq, state, now, creditedUntil }: CreditInput): CreditOutcome {
  if (previous && seq <= previous.seq) return { ignored: true };
  if (!previous || !isActive(previous.state) || !isActive(state)) return { ignored: false, creditMs: 0, creditedUntil };
  const start = Math.max(new Date(previous.at).getTime(), now.getTime() - MAX_GAP_MS, creditedUntil ? new Date(creditedUntil).getTime() : 0);
  const creditMs = Math.max(0, now.getTime() - start);
  if (creditMs === 0) return { ignored: false, creditMs: 0, creditedUntil };
  return { ignored: false, creditMs, creditedUntil: now };
}
