/**
 * Data migrations: changes to stored documents that a new version needs (a field filled from a collection
 * it no longer reads, say). The reportRollup timer runs the pending ones before its rollup, every tick until
 * they are done (server/reportRollup/actions.ts), so a deploy needs no step of its own: the first tick after
 * it migrates.
 *
 * Each migration works in bounded steps from a cursor it defines; the cursor is saved after every step in
 * `migrations/<id>` under a lease (./lease.ts), so a run that stops (its budget, a crash) loses at most one
 * step, which the next run repeats: steps must be idempotent. Once a step answers done, the document records
 * `doneAt` and later runs skip the migration with one read.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { MigrationDoc } from '../../typings/docs/migration';
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';
import { byIds, findById } from './db';
import { type LeaseSite, releaseLease, takeLease } from './lease';
import { insertOnce } from './once';

export interface Migration<C> {
  id: string;
  /** One bounded, idempotent step from `cursor` (null at the start): the next cursor, or done. */
  step(db: Database, cursor: C | null, now: Date): Promise<{ done: true } | { done: false; cursor: C }>;
}

/** A lease outlives the function's timeout (60 s), so a crashed run's lease has expired by the next tick. */
const LEASE_MS = 60_000;

export interface MigrationsResult {
  /** Every migration is done. */
  done: boolean;
  /** Steps taken by this run. */
  steps: number;
}

/** Runs pending migrations in order while `budgetMs` lasts (at least one step each run). */
export async function runMigrations(db: Database, migrations: readonly Migration<unknown>[], now: Date, budgetMs: number): Promise<MigrationsResult> {
  const started = performance.now();
  const known = await byIds<MigrationDoc>(
    db,
    COLLECTIONS.migrations,
    migrations.map((migration) => migration.id),
  );
  let steps = 0;
  for (const migration of migrations) {
    if (known.get(migration.id)?.doneAt) continue;
    const site: LeaseSite = { collection: COLLECTIONS.migrations, id: migration.id, field: 'lease' };
    const holder = randomUUID();
    if (!known.has(migration.id))
      await insertOnce<MigrationDoc>(db, COLLECTIONS.migrations, { _id: migration.id, cursor: null, steps: 0, lease: null, startedAt: now, doneAt: null });
    // Another run is migrating: this one leaves it (and the work that needs it) to that run.
    if (!(await takeLease(db, site, holder, now, LEASE_MS))) return { done: false, steps };
    const state = await findById<MigrationDoc>(db, COLLECTIONS.migrations, migration.id);
    if (state?.doneAt) continue;
    let cursor: unknown = state?.cursor ?? null;
    const save = (data: Record<string, unknown>) =>
      db
        .collection(COLLECTIONS.migrations)
        .where({ _id: migration.id, 'lease.holder': holder })
        .update({ data: { ...data, steps: db.command.inc(1) } });
    for (;;) {
      const next = await migration.step(db, cursor, now);
      steps += 1;
      if (next.done) {
        await save({ cursor: null, doneAt: now, lease: null });
        break;
      }
      cursor = next.cursor;
      await save({ cursor: db.command.set(cursor as object) });
      if (performance.now() - started > budgetMs) {
        await releaseLease(db, site, holder);
        return { done: false, steps };
      }
    }
  }
  return { done: true, steps };
}
