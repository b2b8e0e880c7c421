/**
 * Yearly expiry (积分过期): once Beijing year Y + 1 has ended, what is left of the points earned in year Y
 * becomes one `expiry` entry per member and year (idempotency key `expiry:<memberId>:<Y>`). Spending always
 * took the oldest points first, so what is left of a year is exactly what expires.
 */
import { COLLECTIONS, runTransaction } from '../core';
import type { Database } from '../core';
import type { ExpiryRunResult } from '../../typings/functions/points';
import { postEntry, txAccount } from './ledger';
import type { PointsAccountDoc } from '../../typings/docs/points';
import { readRules } from './rules';
import { lastExpiredYear } from './time';
import { reconcileStock } from './mall/orders';
import { settleAwards } from './events';

/** Expires every due year of one account; answers the points expired (0 when nothing was due). */
export async function expireAccount(db: Database, memberId: string, now: Date): Promise<number> {
  const last = lastExpiredYear(now);
  return runTransaction(db, async (tx) => {
    let account = await txAccount(tx, memberId);
    if (!account) return 0;
    let expired = 0;
    const due = Object.keys(account.buckets)
      .filter((year) => Number(year) <= last)
      .sort((a, b) => Number(a) - Number(b));
    for (const year of due) {
      const amount = account.buckets[year] ?? 0;
      if (amount <= 0) continue;
      const owner = { _id: account.memberId, name: account.name, departmentId: account.departmentId, departmentPath: account.departmentPath };
      const outcome = await postEntry(
        tx,
        owner,
        { idempotencyKey: `expiry:${memberId}:${year}`, amount: -amount, reason: 'expiry', source: year, note: null, at: now, buckets: { [year]: amount } },
        account,
      );
      if (outcome.posted) {
        account = outcome.account;
        expired += amount;
      }
    }
    return expired;
  });
}

const BATCH = 100;

/**
 * Expires every due account, a batch at a time through the `oldestYear` index; an expired account leaves
 * the query, so each batch makes progress. Stops with `more: true` past `budgetMs` (the next run goes on).
 */
export async function runExpiry(db: Database, now: Date, budgetMs = 45_000): Promise<ExpiryRunResult> {
  const result: ExpiryRunResult = { accounts: 0, points: 0, more: false };
  const { rules } = await readRules(db);
  if (!rules.expiryEnabled) return result;
  const started = Date.now();
  const last = lastExpiredYear(now);
  for (;;) {
    const batch = (await db
      .collection(COLLECTIONS.pointsAccounts)
      .where({ oldestYear: db.command.lte(last) })
      .orderBy('oldestYear', 'asc')
      .limit(BATCH)
      .get()) as unknown as { data: PointsAccountDoc[] };
    if (batch.data.length === 0) return result;
    const before = result.points;
    for (const account of batch.data) {
      if (Date.now() - started > budgetMs) return { ...result, more: true };
      const points = await expireAccount(db, account.memberId, now);
      result.accounts += points > 0 ? 1 : 0;
      result.points += points;
    }
    // Only an account whose due year was already expired could stay in the query: never loop on it.
    if (result.points === before) return result;
  }
}

/**
 * The hourly timer's work: awards and mall stock left by calls that died midway (events.ts, mall/orders.ts),
 * then the expiry above.
 */
export async function runHourly(db: Database, now: Date): Promise<ExpiryRunResult> {
  await settleAwards(db, now);
  await reconcileStock(db, now);
  const result = await runExpiry(db, now);
  return result;
}
