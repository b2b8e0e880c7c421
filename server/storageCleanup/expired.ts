/**
 * Housekeeping of short-lived documents: rate-limit counters (bindAttempts, consoleLoginLimits) and console
 * login requests (consoleLogins) carry `expiresAt`; once it has passed they decide nothing any more, so the
 * hourly cleanup removes them instead of letting the collections grow with every attempt. Login requests stay
 * a day past their expiry (a confirmed one is what a console session was opened from; a day is enough to
 * answer "which request opened this?" while the session is young). Each collection has an `expiresAt` index
 * (database/collections.json), so the sweep reads only what it removes.
 */
import { COLLECTIONS } from '../core';
import type { Database } from '../core';

const DAY_MS = 24 * 3600_000;
const BATCH = 100;
/** Batches per collection per run; the next run takes the rest. */
const MAX_BATCHES = 20;

const SWEPT = [
  { collection: COLLECTIONS.bindAttempts, graceMs: 0 },
  { collection: COLLECTIONS.consoleLoginLimits, graceMs: 0 },
  { collection: COLLECTIONS.consoleLogins, graceMs: DAY_MS },
] as const;

/** Removes documents whose `expiresAt` (plus the collection's grace) is before `now`; returns how many. */
export async function deleteExpiredDocuments(db: Database, now: Date): Promise<number> {
  let removed = 0;
  for (const { collection, graceMs } of SWEPT) {
    const cutoff = new Date(now.getTime() - graceMs);
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const { data } = (await db
        .collection(collection)
        .where({ expiresAt: db.command.lt(cutoff) })
        .orderBy('expiresAt', 'asc')
        .limit(BATCH)
        .field({ _id: true })
        .get()) as unknown as { data: { _id: string }[] };
      if (data.length === 0) break;
      const result = (await db
        .collection(collection)
        .where({ _id: db.command.in(data.map((doc) => doc._id)), expiresAt: db.command.lt(cutoff) })
        .remove()) as unknown as { stats: { removed: number } };
      removed += result.stats.removed;
      if (data.length < BATCH) break;
    }
  }
  return removed;
}
