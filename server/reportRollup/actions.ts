/**
 * Timer function `reportRollup`: brings the report rollups up to date (server/report/rollup.ts) every 15
 * minutes. The timer trigger calls `main` with `{ Type: 'Timer', TriggerName, Time }` and no WeChat user; an
 * admin can also run it by hand with the `run` action. Runs never overlap (a lease) and repeat harmlessly.
 */
import { randomUUID } from 'node:crypto';
import { ERROR_MESSAGES } from '../../typings/errors';
import { reportRollupContracts } from '../../typings/functions/report';
import { defineAction, defineFunction } from '../core';
import type { CloudFunction, Main } from '../core';
import { getCloud, readIdentity } from '../core/cloud';
import { runRollup } from '../report';

export const run = defineAction({
  ...reportRollupContracts.run,
  roles: ['admin'],
  handler: ({ db, now }) => runRollup(db, now()),
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
    return { ok: true, data: await runRollup(getCloud().database(), new Date()), requestId };
  } catch (err) {
    console.error(`[reportRollup.timer] request ${requestId} failed:`, err);
    return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId };
  }
};

export const reportRollupFunction: CloudFunction<'reportRollup'> = { ...manual, main };
