/**
 * A transaction on a hot document (a campaign's sign-up counters when a whole department signs up at
 * once) can lose every one of runTransaction's immediate retries. Retrying the whole unit of work after a
 * random, growing pause spreads the contenders out instead of answering CONFLICT; the transaction itself
 * keeps the result exact, so a retry repeats nothing.
 */
import { AppError } from '../core';

const ATTEMPTS = 8;
const BASE_PAUSE_MS = 20;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retryOnConflict<T>(work: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= attempts) throw err;
      await pause(Math.random() * BASE_PAUSE_MS * 2 ** attempt);
    }
  }
}
