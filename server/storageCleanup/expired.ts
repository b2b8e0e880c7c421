/**
 * Housekeeping of short-lived documents: rate-limit counters (bindAttempts, consoleLoginLimits) and console
 * login requests (consoleLogins) carry `expiresAt`; once it has passed they decide nothing any more, so the
 * hourly cleanup removes them instead of letting the collections grow with every attempt. Login requests stay
 * a day past their expiry (a confirmed one is what a console session was opened from; a day is enough to
 * answer "which request opened this?" while the session is young). Each collection has an `expiresAt` index
 * (database/collections.json), so the sweep reads only what it removes.
 *
 * The binding log (绑定记录, one document per attempt) is kept for a year by its `at`: long enough to look
 * into who bound whom and when, without keeping every failed guess forever (its `at_-1` index serves the
 * sweep).
 */
import { COLLECTIONS } from '../core';
import type { Database } from '../core';

const DAY_MS = 24 * 3600_000;
const BATCH = 100;
/** Batches per collection per run; the next run takes the rest. */
const MAX_BATCHES = 20;

export const BIND_LOG_RETENTION_MS = 365 * DAY_MS;

const SWEPT = [
  { collection: COLLECTIONS.bindAttempts, field: 'expiresAt', graceMs: 0 },
  { collection: COLLECTIONS.consoleLoginLimits, field: 'expiresAt', graceMs: 0 },
  { collection: COLLECTIONS.consoleLogins, field: 'expiresAt', graceMs: DAY_MS },
  { collection: COLLECTIONS.bindLog, field: 'at', graceMs: BIND_LOG_RETENTION_MS },
] as const;

/** Removes documents whose `field` (plus the collection's grace) is before `now`; returns how many. */
export async function deleteExpiredDocuments(db: Database, now: Date): Promise<number> {
  let removed = 0;
  for (const { collection, field, graceMs } of SWEPT) {
    const cutoff = new Date(now.getTime() - graceMs);
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const { data } = (await db
        .collection(collection)
        .where({ [field]: db.command.lt(cutoff) })
        .orderBy(field, 'asc')
        .limit(BATCH)
        .field({ _id: true })
        .get()) as unknown as { data: { _id: string }[] };
      if (data.length === 0) break;
      const result = (await db
        .collection(collection)
        .where({ _id: db.command.in(data.map((doc) => doc._id)), [field]: db.command.lt(cutoff) })
        .remove()) as unknown as { stats: { removed: number } };
      removed += result.stats.removed;
      if (data.length < BATCH) break;
    }
  }
  return removed;
}
