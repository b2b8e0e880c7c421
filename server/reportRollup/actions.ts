/**
 * Timer function `reportRollup`: brings the report rollups up to date (server/report/rollup.ts) every 15
 * minutes. The timer trigger calls `main` with `{ Type: 'Timer', TriggerName, Time }` and no WeChat user; an
 * admin can also run it by hand with the `run` action. Runs never overlap (a lease) and repeat harmlessly.
 * Pending data migrations run first (server/core/migrations.ts): the rollup counts what they fill in, so it
 * waits for them.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ERROR_MESSAGES } from '../../typings/errors';
import { reportRollupContracts } from '../../typings/functions/report';
import type { RollupResult } from '../../typings/functions/report';
import { defineAction, defineFunction } from '../core';
import type { CloudFunction, Database, Main } from '../core';
import { getCloud, readIdentity } from '../core/cloud';
import { runMigrations } from '../core/migrations';
import { figuresUpdatedAt } from '../core/rollup-state';
import { legacySessionViews } from '../learning';
import { RUN_BUDGET_MS, runRollup } from '../report';

/** Data migrations, in the order they run (each once, server/core/migrations.ts). */
export const MIGRATIONS = [legacySessionViews] as const;

/** One tick: pending migrations, then the rollup with what is left of the budget. */
export async function rollupTick(db: Database, now: Date, budget = RUN_BUDGET_MS): Promise<RollupResult> {
  const started = performance.now();
  const migrations = await runMigrations(db, MIGRATIONS, now, budget);
  const migrationSteps = migrations.steps > 0 ? { migrationSteps: migrations.steps } : {};
  if (!migrations.done) return { courses: 0, activityBuckets: 0, boards: 0, more: true, ran: false, updatedAt: await figuresUpdatedAt(db), ...migrationSteps };
  const budgetMs = Math.max(0, budget - (performance.now() - started));
  return { ...(await runRollup(db, now, { budgetMs })), ...migrationSteps };
}

export const run = defineAction({
  ...reportRollupContracts.run,
  roles: ['admin'],
  handler: ({ db, now }) => rollupTick(db, now()),
});

const manual = defineFunction({ name: 'reportRollup', actions: { run } });

/** A timer invocation: the documented event shape, and no OPENID (a user's call always has one). */
function isTimerCall(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || (event as { Type?: unknown }).Type !== 'Timer') return false;
  return readIdentity(getCloud()).openid === null;
}

const main: Main = async (event, context) => {
  if (!isTimerCall(event)) return manual.main(event, context);
  const requestId = randomUUID();
  try {
    return { ok: true, data: await rollupTick(getCloud().database(), new Date()), requestId };
  } catch (err) {
    console.error(`[reportRollup.timer] request ${requestId} failed:`, err);
    return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId };
  }
};

export const reportRollupFunction: CloudFunction<'reportRollup'> = { ...manual, main };
