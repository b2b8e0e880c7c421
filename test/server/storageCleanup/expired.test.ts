/**
 * Expired short-lived documents (server/storageCleanup/expired.ts): rate-limit counters and console login
 * requests are removed by the hourly cleanup once their `expiresAt` has passed (login requests a day later),
 * live ones stay, running again removes nothing, and parallel runs never count one document twice. The
 * binding log is kept for a year.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { COLLECTIONS } from '../../../server/core/collections';

useTestCloud();
const ADMIN = { openid: 'o-sweep-admin' };
const NOW = new Date('2026-12-06T08:00:00Z');
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:sweep-admin', { roles: [grant('admin')] });
});

afterAll(() => {
  jest.useRealTimers();
});

const run = async () => dataOf(await callAction('storageCleanup', 'run', {}, ADMIN)) as { deleted: number; expired: number };

test('expired counters go, live ones stay, login requests a day after expiry; again removes nothing', async () => {
  freezeClock(NOW);
  await insertAll(COLLECTIONS.bindAttempts, [
    { _id: 'bind:old', failures: 3, windowStart: at(-70 * MINUTE), expiresAt: at(-10 * MINUTE) },
    { _id: 'bind:live', failures: 1, windowStart: at(-5 * MINUTE), expiresAt: at(55 * MINUTE) },
  ]);
  await insertAll(COLLECTIONS.consoleLoginLimits, [
    { _id: 'ip:old', subject: 'ip', count: 60, windowStart: at(-20 * MINUTE), expiresAt: at(-10 * MINUTE) },
    { _id: 'ip:live', subject: 'ip', count: 2, windowStart: at(-1 * MINUTE), expiresAt: at(9 * MINUTE) },
  ]);
  await insertAll(COLLECTIONS.consoleLogins, [
    { _id: 'login-two-days', status: 'used', expiresAt: at(-48 * 60 * MINUTE) },
    { _id: 'login-an-hour', status: 'expired', expiresAt: at(-60 * MINUTE) },
    { _id: 'login-pending', status: 'pending', expiresAt: at(2 * MINUTE) },
  ]);
  expect(await run()).toEqual({ deleted: 0, expired: 3 });
  expect(await countAll(COLLECTIONS.bindAttempts)).toBe(1);
  expect(await countAll(COLLECTIONS.consoleLoginLimits)).toBe(1);
  expect(await countAll(COLLECTIONS.consoleLogins)).toBe(2);
  expect(await run()).toEqual({ deleted: 0, expired: 0 });
});

test('parallel runs remove each expired document once, in batches', async () => {
  freezeClock(NOW);
  const stale = Array.from({ length: 250 }, (_, i) => ({
    _id: `bind:stale-${i}`,
    failures: 1,
    windowStart: at(-120 * MINUTE),
    expiresAt: at(-60 * MINUTE - i),
  }));
  await insertAll(COLLECTIONS.bindAttempts, stale);
  const results = await Promise.all(Array.from({ length: 4 }, run));
  expect(results.reduce((sum, result) => sum + result.expired, 0)).toBe(250);
  expect(await countAll(COLLECTIONS.bindAttempts)).toBe(1);
});

test('the binding log is kept for a year', async () => {
  freezeClock(NOW);
  const DAY = 24 * 60 * MINUTE;
  await insertAll(COLLECTIONS.bindLog, [
    { _id: 'log:older-than-a-year', employeeNo: 'E1', reason: 'no_match', at: at(-366 * DAY) },
    { _id: 'log:eleven-months', employeeNo: 'E1', reason: 'bound', at: at(-330 * DAY) },
    { _id: 'log:today', employeeNo: 'E2', reason: 'bound', at: at(-MINUTE) },
  ]);
  expect(await run()).toEqual({ deleted: 0, expired: 1 });
  expect(await countAll(COLLECTIONS.bindLog)).toBe(2);
  expect(await run()).toEqual({ deleted: 0, expired: 0 });
});
