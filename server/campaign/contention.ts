/**
 * Writes to a hot campaign document. The sign-up counters live on the campaign document (capacity needs
 * one exact count), so when a whole department signs up at once every sign-up writes it. Letting them all
 * run transactions makes each round commit one and waste the rest (the SDK retries a conflict at once), and
 * under load the last ones run out of retries (CONFLICT). So a writer first takes the campaign's short
 * lease with one atomic conditional update, and only the holder runs its transaction; the others wait a
 * random, growing pause and try again, costing one operation per try. The lease only spreads the work:
 * the transaction alone keeps the counters exact, and a lease left by a crashed holder simply runs out.
 * (The same pattern as the mall's redemption lease, server/points/mall/orders.ts.)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError, COLLECTIONS, runTransaction } from '../core';
import type { Database, Tx } from '../core';

const LEASE_MS = 5_000;
/**
 * How long a writer waits for the lease. Longer than the function's timeout (20 s,
 * cloudfunctions/campaign/config.json) on purpose: on CloudBase the invocation's timeout is the real bound,
 * and a slow local machine should not turn a long queue into CONFLICT answers.
 */
const PATIENCE_MS = 60_000;
const BASE_PAUSE_MS = 10;
const MAX_PAUSE_MS = 500;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

async function takeLease(db: Database, campaignId: string, holder: string): Promise<boolean> {
  const _ = db.command;
  const now = new Date();
  const result = (await db
    .collection(COLLECTIONS.campaigns)
    .where(_.and([{ _id: campaignId }, _.or([{ lease: _.exists(false) }, { lease: null }, { 'lease.until': _.lt(now) }])]))
    .update({ data: { lease: _.set({ holder, until: new Date(now.getTime() + LEASE_MS) }) } })) as unknown as { stats: { updated: number } };
  return result.stats.updated === 1;
}

async function releaseLease(db: Database, campaignId: string, holder: string): Promise<void> {
  await db
    .collection(COLLECTIONS.campaigns)
    .where({ _id: campaignId, 'lease.holder': holder })
    .update({ data: { lease: db.command.remove() } });
}

/** A transaction that writes the campaign document, run by the holder of its lease (see above). */
export async function hotTransaction<T>(db: Database, campaignId: string, body: (tx: Tx) => Promise<T>): Promise<T> {
  const holder = randomUUID();
  // A monotonic clock: the wall clock may be frozen or set by tests and may jump on a server.
  const deadline = performance.now() + PATIENCE_MS;
  for (let attempt = 1; performance.now() < deadline; attempt += 1) {
    if (await takeLease(db, campaignId, holder)) {
      try {
        return await runTransaction(db, body);
      } finally {
        await releaseLease(db, campaignId, holder);
      }
    }
    if (attempt === 1) {
      // A missing campaign never gets a lease: answer at once.
      const { total } = (await db.collection(COLLECTIONS.campaigns).where({ _id: campaignId }).count()) as unknown as { total: number };
      if (total === 0) return runTransaction(db, body);
    }
    await pause(BASE_PAUSE_MS + Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** attempt));
  }
  throw new AppError('CONFLICT');
}
