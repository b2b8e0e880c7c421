/**
 * Timer function `pointsExpiry`: writes the yearly expiry entries (server/points/expiry.ts). The timer
 * trigger calls `main` with `{ Type: 'Timer', TriggerName, Time }` and no WeChat user; an admin can also run
 * it by hand with the `run` action. Running it again changes nothing (one entry per member and year).
 */
import { pointsExpiryContracts } from '../../typings/functions/points';
import { randomUUID } from 'node:crypto';
import { ERROR_MESSAGES } from '../../typings/errors';
import { defineAction, defineFunction } from '../core';
import type { CloudFunction, Main } from '../core';
import { getCloud, readIdentity } from '../core/cloud';
import { runExpiry } from '../points/expiry';

export const run = defineAction({
  ...pointsExpiryContracts.run,
  roles: ['admin'],
  handler: ({ db, now }) => runExpiry(db, now()),
});

const manual = defineFunction({ name: 'pointsExpiry', actions: { run } });

/** A timer invocation: the documented event shape, and no OPENID (a user's call always has one). */
function isTimerCall(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || (event as { Type?: unknown }).Type !== 'Timer') return false;
  return readIdentity(getCloud()).openid === null;
}

const main: Main = async (event, context) => {
  if (!isTimerCall(event)) return manual.main(event, context);
  const requestId = randomUUID();
  try {
    return { ok: true, data: await runExpiry(getCloud().database(), new Date()), requestId };
  } catch (err) {
    console.error(`[pointsExpiry.timer] request ${requestId} failed:`, err);
    return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId };
  }
};

export const pointsExpiryFunction: CloudFunction<'pointsExpiry'> = { ...manual, main };
