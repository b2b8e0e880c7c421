/**
 * Transactions on shared documents under a crowd. runTransaction's own retries rerun at once, so a crowd on
 * one document keeps colliding; here a conflicted transaction waits a random moment out of a window that
 * doubles each round (10 ms to 640 ms, 12 rounds: about 5 s at worst, within the contest function's
 * timeout), then answers CONFLICT. Chosen bounds, as in the mall's redemptions.
 */
import { AppError, runTransaction } from '../../core';
import type { Database, Tx } from '../../core';

const ROUNDS = 12;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 640;
/** Immediate reruns inside one round: one, so a lost round costs one wasted attempt only. */
const ATTEMPTS_PER_ROUND = 2;

export async function transactWithBackoff<T>(db: Database, body: (tx: Tx) => Promise<T>): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return await runTransaction(db, body, ATTEMPTS_PER_ROUND);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || round >= ROUNDS) throw err;
    }
    const window = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (round - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * window));
  }
}
