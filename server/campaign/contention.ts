/**
 * Writes to a hot campaign document. The sign-up counters live on the campaign document (capacity needs
 * one exact count), so when a whole department signs up at once every sign-up writes it. Letting them all
 * run transactions makes each round commit one and waste the rest (the SDK retries a conflict at once), and
 * under load the last ones run out of retries (CONFLICT). So a writer first takes the campaign's short
 * lease with one atomic conditional update, and only the holder runs its transaction; the others wait a
 * random, growing pause and try again, costing one operation per try. The lease only spreads the work:
 * the transaction alone keeps the counters exact, and a lease left by a crashed holder simply runs out.
 * (The lease is the server's one lease, server/core/lease.ts.)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError, COLLECTIONS, runTransaction } from '../core';
import type { Backoff, Database, Tx } from '../core';
import { releaseLease, takeLease } from '../core/lease';
import type { LeaseSite } from '../core/lease';
import { backoffPause, retryOnConflict as retry } from '../core/transaction';

const LEASE_MS = 5_000;
/**
 * How long a writer waits for the lease. Longer than the function's timeout (20 s,
 * cloudfunctions/campaign/config.json) on purpose: on CloudBase the invocation's timeout is the real bound,
 * and a slow local machine should not turn a long queue into CONFLICT answers.
 */
const PATIENCE_MS = 60_000;
/** Waits of 20 ms doubling up to 500 ms; 8 rounds for a plain retry (the lease waits by PATIENCE_MS). */
const CAMPAIGN_BACKOFF: Backoff = { rounds: 8, attemptsPerRound: 1, baseMs: 20, capMs: 500 };

/** Runs `work` again after a random, growing pause while it answers CONFLICT. */
export function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  return retry(work, CAMPAIGN_BACKOFF);
}

const leaseOf = (campaignId: string): LeaseSite => ({ collection: COLLECTIONS.campaigns, id: campaignId, field: 'lease' });

/** A transaction that writes the campaign document, run by the holder of its lease (see above). */
export async function hotTransaction<T>(db: Database, campaignId: string, body: (tx: Tx) => Promise<T>): Promise<T> {
  const holder = randomUUID();
  // A monotonic clock: the wall clock may be frozen or set by tests and may jump on a server.
  const deadline = performance.now() + PATIENCE_MS;
  for (let attempt = 1; performance.now() < deadline; attempt += 1) {
    // The lease's own expiry is real time: a frozen test clock must not keep a crashed holder's lease alive.
    if (await takeLease(db, leaseOf(campaignId), holder, new Date(), LEASE_MS)) {
      try {
        return await runTransaction(db, body);
      } finally {
        await releaseLease(db, leaseOf(campaignId), holder);
      }
    }
    if (attempt === 1) {
      // A missing campaign never gets a lease: answer at once.
      const { total } = (await db.collection(COLLECTIONS.campaigns).where({ _id: campaignId }).count()) as unknown as { total: number };
      if (total === 0) return runTransaction(db, body);
    }
    await backoffPause(CAMPAIGN_BACKOFF, Math.min(attempt, CAMPAIGN_BACKOFF.rounds));
  }
  throw new AppError('CONFLICT');
}
