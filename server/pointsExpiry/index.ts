/**
 * Timer function `pointsExpiry`: writes the yearly expiry entries (server/points/expiry.ts). The timer
 * trigger calls `main` with `{ Type: 'Timer', TriggerName, Time }` and no WeChat user; an admin can also run
 * it by hand with the `run` action. Running it again changes nothing (one entry per member and year).
 */
import { pointsExpiryContracts } from '../../typings/functions/points';
import { defineAction, defineFunction } from '../core';
import { withTimer } from '../core/timer';
import { runExpiry } from '../points/expiry';

export const run = defineAction({
  ...pointsExpiryContracts.run,
  roles: ['admin'],
  handler: ({ db, now }) => runExpiry(db, now()),
});

export const pointsExpiryFunction = withTimer(defineFunction({ name: 'pointsExpiry', actions: { run } }), (db, _cloud, now) => runExpiry(db, now));
