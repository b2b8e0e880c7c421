/**
 * The one lease: a field `{ holder, until }` on a document, taken with one atomic conditional update (no
 * transaction), so only one request of a crowd gets it. A lease that has run out (its holder crashed) or that
 * `holder` already holds (a retry of the same request) is taken over. It only spreads work or keeps one
 * worker at a time: what must stay exact is still written in a transaction by whoever holds it.
 * An update is atomic on its document, so two updates with the same condition cannot both take the lease:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from './cloud';
import type { CollectionName } from './collections';
import { AppError } from './errors';
import { backoffPause, runTransaction } from './transaction';
import type { Backoff, Tx } from './transaction';

export interface Lease {
  holder: string;
  until: Date;
}

export interface LeaseSite {
  collection: CollectionName;
  /** The document that carries the lease. */
  id: string;
  /** Its field, e.g. `lease`. */
  field: string;
  /** Further conditions the document must meet to be leased (e.g. an enrollment still enrolled). */
  when?: Record<string, unknown>;
}

/** Takes the lease for `holder` until `now + ms`; false when another holder's lease is still running. */
export async function takeLease(db: Database, site: LeaseSite, holder: string, now: Date, ms: number): Promise<boolean> {
  const _ = db.command;
  const { field } = site;
  const result = (await db
    .collection(site.collection)
    .where(
      _.and([
        { _id: site.id, ...site.when },
        _.or([{ [field]: _.exists(false) }, { [field]: null }, { [`${field}.until`]: _.lt(now) }, { [`${field}.holder`]: holder }]),
      ]),
    )
    .update({ data: { [field]: _.set({ holder, until: new Date(now.getTime() + ms) }) } })) as unknown as { stats: { updated: number } };
  return result.stats.updated > 0;
}

/** Gives the lease back if `holder` still holds it. */
export async function releaseLease(db: Database, site: LeaseSite, holder: string): Promise<void> {
  await db
    .collection(site.collection)
    .where({ _id: site.id, [`${site.field}.holder`]: holder })
    .update({ data: { [site.field]: db.command.remove() } });
}

const HOT_LEASE_MS = 5_000;
/**
 * How long a writer waits for a hot document's lease. Longer than the functions' timeouts (20 s) on purpose:
 * on CloudBase the invocation's timeout is the real bound, and a slow local machine should not turn a long
 * queue into CONFLICT answers.
 */
const PATIENCE_MS = 60_000;
/** Waits between tries for a hot document's lease: 20 ms doubling up to 500 ms. */
const HOT_BACKOFF: Backoff = { rounds: 8, attemptsPerRound: 1, baseMs: 20, capMs: 500 };

/**
 * A transaction that writes a hot document (one a crowd writes at once: a campaign's or a classroom
 * session's sign-up counters, which capacity needs as one exact count), run by the holder of the document's
 * `lease`. Letting every writer run its transaction makes each round commit one and waste the rest (the SDK
 * retries a conflict at once), and under load the last ones run out of retries (CONFLICT); here the others
 * wait a random, growing pause and try again, costing one operation per try.
 */
export async function leasedTransaction<T>(db: Database, collection: CollectionName, id: string, body: (tx: Tx) => Promise<T>): Promise<T> {
  const site: LeaseSite = { collection, id, field: 'lease' };
  const holder = randomUUID();
  // A monotonic clock: the wall clock may be frozen or set by tests and may jump on a server.
  const deadline = performance.now() + PATIENCE_MS;
  for (let attempt = 1; performance.now() < deadline; attempt += 1) {
    // The lease's own expiry is real time: a frozen test clock must not keep a crashed holder's lease alive.
    if (await takeLease(db, site, holder, new Date(), HOT_LEASE_MS)) {
      try {
        return await runTransaction(db, body);
      } finally {
        await releaseLease(db, site, holder);
      }
    }
    if (attempt === 1) {
      // A missing document never gets a lease: answer at once.
      const { total } = (await db.collection(collection).where({ _id: id }).count()) as unknown as { total: number };
      if (total === 0) return runTransaction(db, body);
    }
    await backoffPause(HOT_BACKOFF, Math.min(attempt, HOT_BACKOFF.rounds));
  }
  throw new AppError('CONFLICT');
}

/**
 * `leasedTransaction` for work that may be left to whoever holds the lease now, or to a timer: one try at
 * the lease, and null when another writer holds it (or the transaction lost to one) instead of waiting.
 */
export async function leasedTransactionIfFree<T>(db: Database, collection: CollectionName, id: string, body: (tx: Tx) => Promise<T>): Promise<T | null> {
  const site: LeaseSite = { collection, id, field: 'lease' };
  const holder = randomUUID();
  if (!(await takeLease(db, site, holder, new Date(), HOT_LEASE_MS))) return null;
  try {
    return await runTransaction(db, body);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return null;
    throw err;
  } finally {
    await releaseLease(db, site, holder);
  }
}
