/**
 * Timer function `pointsExpiry`: writes the yearly expiry entries (server/points/expiry.ts) and reconciles
 * mall stock (server/points/mall/orders.ts reconcileStock). The timer
 * trigger calls `main` with `{ Type: 'Timer', TriggerName, Time }` and no WeChat user; an admin can also run
 * it by hand with the `run` action. Running it again changes nothing (one entry per member and year).
 */
import { pointsExpiryContracts } from '../../typings/functions/points';
import { defineAction, defineFunction } from '../core';
import { withTimer } from '../core/timer';
import { runExpiry, runHourly } from '../points';

export const run = defineAction({
  ...pointsExpiryContracts.run,
  roles: ['admin'],
  handler: ({ db, now }) => runExpiry(db, now()),
});

/** The hourly run also gives back mall stock taken by redemptions that died midway (mall/orders.ts). */
export const pointsExpiryFunction = withTimer(defineFunction({ name: 'pointsExpiry', actions: { run } }), (db, _cloud, now) => runHourly(db, now));
