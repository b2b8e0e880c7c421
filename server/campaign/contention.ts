/**
 * Transactions on a hot document. The SDK's runTransaction retries a conflict at once, so N callers racing
 * for one document (a campaign's sign-up counters when a whole department signs up at once) redo their
 * work about N²/2 times and the last ones run out of retries (CONFLICT). `hotTransaction` instead makes
 * one attempt per round and waits a random, growing pause between rounds, so the contenders spread out
 * and each commits after a few rounds. The transaction keeps the result exact; a retry repeats nothing.
 */
import { AppError, runTransaction } from '../core';
import type { Database, Tx } from '../core';

const ATTEMPTS = 20;
const BASE_PAUSE_MS = 15;
const MAX_PAUSE_MS = 8_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` again after a random pause while it answers CONFLICT, up to `attempts` times. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= attempts) throw err;
      await pause(Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** attempt));
    }
  }
}

/** A transaction expected to contend: one attempt per round, rounds spread by `retryOnConflict`. */
export function hotTransaction<T>(db: Database, body: (tx: Tx) => Promise<T>): Promise<T> {
  return retryOnConflict(() => runTransaction(db, body, 0));
}
