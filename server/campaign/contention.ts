/**
 * Writes to a hot campaign document: sign-ups, approvals and edits take the campaign's lease first
 * (server/core/lease.ts), so a whole department signing up at once waits instead of conflicting.
 */
import { AppError, COLLECTIONS } from '../core';
import type { Database, Tx } from '../core';
import { leasedTransaction, pause } from '../core/lease';

const BASE_PAUSE_MS = 10;
const MAX_PAUSE_MS = 500;

/** Runs `work` again after a random, growing pause while it answers CONFLICT, up to `attempts` times. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= attempts) throw err;
      await pause(Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** attempt));
    }
  }
}

/** A transaction that writes the campaign document, run by the holder of its lease. */
export function hotTransaction<T>(db: Database, campaignId: string, body: (tx: Tx) => Promise<T>): Promise<T> {
  return leasedTransaction(db, COLLECTIONS.campaigns, campaignId, body);
}
