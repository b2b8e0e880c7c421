/**
 * Writes to a hot campaign document: sign-ups, approvals and edits take the campaign's lease first
 * (server/core/lease.ts), so a whole department signing up at once waits instead of conflicting; other
 * campaign writers retry a CONFLICT after a random, growing pause.
 */
import type { Backoff, Database, Tx } from '../core';
import { COLLECTIONS } from '../core';
import { leasedTransaction, leasedTransactionIfFree } from '../core/lease';
import { retryOnConflict as retry } from '../core/transaction';

/** Waits of 20 ms doubling up to 500 ms, 8 rounds. */
const CAMPAIGN_BACKOFF: Backoff = { rounds: 8, attemptsPerRound: 1, baseMs: 20, capMs: 500 };

/** Runs `work` again after a random, growing pause while it answers CONFLICT. */
export function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  return retry(work, CAMPAIGN_BACKOFF);
}

/** A transaction that writes the campaign document, run by the holder of its lease (server/core/lease.ts). */
export function hotTransaction<T>(db: Database, campaignId: string, body: (tx: Tx) => Promise<T>): Promise<T> {
  return leasedTransaction(db, COLLECTIONS.campaigns, campaignId, body);
}

/** `hotTransaction` if the campaign's lease is free now; null when another writer holds it. */
export function hotTransactionIfFree<T>(db: Database, campaignId: string, body: (tx: Tx) => Promise<T>): Promise<T | null> {
  return leasedTransactionIfFree(db, COLLECTIONS.campaigns, campaignId, body);
}
