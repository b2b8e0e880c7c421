/**
 * Transactions on a hot document (a document a crowd writes at once: a campaign's or a classroom session's
 * sign-up counters, which capacity needs as one exact count). Letting every writer run its transaction makes
 * each round commit one and waste the rest (the SDK retries a conflict at once), and under load the last ones
 * run out of retries (CONFLICT). So a writer first takes the document's short lease (`lease` field) with one
 * atomic conditional update, and only the holder runs its transaction; the others wait a random, growing
 * pause and try again, costing one operation per try. The lease only spreads the work: the transaction alone
 * keeps the counters exact, and a lease left by a crashed holder simply runs out.
 * (The mall's redemption lease, server/points/mall/orders.ts, is the same pattern on its own field.)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from './cloud';
import type { CollectionName } from './collections';
import { AppError } from './errors';
import { runTransaction } from './transaction';
import type { Tx } from './transaction';

const LEASE_MS = 5_000;
/**
 * How long a writer waits for the lease. Longer than the functions' timeouts (20 s) on purpose: on CloudBase
 * the invocation's timeout is the real bound, and a slow local machine should not turn a long queue into
 * CONFLICT answers.
 */
const PATIENCE_MS = 60_000;
const BASE_PAUSE_MS = 10;
const MAX_PAUSE_MS = 500;

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function takeLease(db: Database, collection: CollectionName, id: string, holder: string): Promise<boolean> {
  const _ = db.command;
  const now = new Date();
  const result = (await db
    .collection(collection)
    .where(_.and([{ _id: id }, _.or([{ lease: _.exists(false) }, { lease: null }, { 'lease.until': _.lt(now) }])]))
    .update({ data: { lease: _.set({ holder, until: new Date(now.getTime() + LEASE_MS) }) } })) as unknown as { stats: { updated: number } };
  return result.stats.updated === 1;
}

async function releaseLease(db: Database, collection: CollectionName, id: string, holder: string): Promise<void> {
  await db
    .collection(collection)
    .where({ _id: id, 'lease.holder': holder })
    .update({ data: { lease: db.command.remove() } });
}

/** A transaction that writes `collection/<id>`, run by the holder of the document's lease (see above). */
export async function leasedTransaction<T>(db: Database, collection: CollectionName, id: string, body: (tx: Tx) => Promise<T>): Promise<T> {
  const holder = randomUUID();
  // A monotonic clock: the wall clock may be frozen or set by tests and may jump on a server.
  const deadline = performance.now() + PATIENCE_MS;
  for (let attempt = 1; performance.now() < deadline; attempt += 1) {
    if (await takeLease(db, collection, id, holder)) {
      try {
        return await runTransaction(db, body);
      } finally {
        await releaseLease(db, collection, id, holder);
      }
    }
    if (attempt === 1) {
      // A missing document never gets a lease: answer at once.
      const { total } = (await db.collection(collection).where({ _id: id }).count()) as unknown as { total: number };
      if (total === 0) return runTransaction(db, body);
    }
    await pause(BASE_PAUSE_MS + Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** attempt));
  }
  throw new AppError('CONFLICT');
}
