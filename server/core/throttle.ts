/**
 * Throttling of wrong guesses: binding attempts (绑定失败限流) and teammates named by 工号 + name in a contest
 * sign-up. Failures are counted in `bindAttempts`, one document per subject and fixed time window with a
 * deterministic id. The binding reads and writes its counters inside its own transaction, so parallel guesses
 * cannot slip past the limit (two writers of one counter conflict and the loser re-reads). Fixed windows are
 * chosen over sliding ones: one document per window, no history to scan.
 */
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';
import { findById } from './db';
import { AppError } from './errors';
import { runTransaction, txGet } from './transaction';
import type { Tx } from './transaction';
import type { AttemptDoc, ThrottleKind } from '../../typings/docs/user';

export interface ThrottleRule {
  kind: ThrottleKind;
  maxFailures: number;
  windowMs: number;
}

/** At most 5 failures per WeChat user per hour (binding and invitation codes together). */
export const OPENID_RULE: ThrottleRule = { kind: 'openid', maxFailures: 5, windowMs: 60 * 60_000 };
/**
 * At most 5 failures per employee number per hour, whoever tries it: a second factor is only as strong as
 * the number of guesses at it, so spreading guesses over many WeChat users gains nothing.
 */
export const EMPLOYEE_RULE: ThrottleRule = { kind: 'employee', maxFailures: 5, windowMs: 60 * 60_000 };

/**
 * At most 10 teammates who cannot be invited per member per hour: a 工号 + name pair that is accepted confirms
 * itself, so guessing pairs is limited like guessing a binding.
 */
export const TEAMMATE_RULE: ThrottleRule = { kind: 'teammate', maxFailures: 10, windowMs: 60 * 60_000 };

export interface Counter {
  id: string;
  rule: ThrottleRule;
  subject: string;
  windowStart: number;
  failures: number;
}

export function counterId(rule: ThrottleRule, subject: string, now: Date): { id: string; windowStart: number } {
  const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  return { id: `${rule.kind}:${subject}:${windowStart}`, windowStart };
}

/** Reads the counters of the current windows; throws nothing. */
export async function readCounters(tx: Tx, subjects: readonly [ThrottleRule, string][], now: Date): Promise<Counter[]> {
  return Promise.all(
    subjects.map(async ([rule, subject]) => {
      const { id, windowStart } = counterId(rule, subject, now);
      const doc = await txGet<AttemptDoc>(tx, COLLECTIONS.bindAttempts, id);
      return { id, rule, subject, windowStart, failures: doc?.failures ?? 0 };
    }),
  );
}

export function isBlocked(counters: readonly Counter[]): boolean {
  return counters.some((counter) => counter.failures >= counter.rule.maxFailures);
}

/** Whole minutes until every full counter's window has passed (at least 1). */
export function waitMinutes(counters: readonly Counter[], now: Date): number {
  const until = Math.max(...counters.filter((c) => c.failures >= c.rule.maxFailures).map((c) => c.windowStart + c.rule.windowMs));
  return Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
}

/** RATE_LIMITED with the wait in its message. */
export function rateLimited(minutes: number): AppError {
  return new AppError('RATE_LIMITED', `尝试次数过多，请 ${minutes} 分钟后再试`);
}

/** Counts one more failure on each counter (inside the same transaction that read them). */
export async function recordFailure(tx: Tx, counters: readonly Counter[]): Promise<void> {
  for (const counter of counters) {
    const doc: Omit<AttemptDoc, '_id'> = {
      kind: counter.rule.kind,
      subject: counter.subject,
      windowStart: new Date(counter.windowStart),
      failures: counter.failures + 1,
      expiresAt: new Date(counter.windowStart + counter.rule.windowMs),
    };
    await tx.collection(COLLECTIONS.bindAttempts).doc(counter.id).set({ data: doc });
  }
}

/** Outside a transaction: RATE_LIMITED when `subject` has used up its failures in the current window. */
export async function assertNotThrottled(db: Database, rule: ThrottleRule, subject: string, now: Date): Promise<void> {
  const { id, windowStart } = counterId(rule, subject, now);
  const doc = await findById<AttemptDoc>(db, COLLECTIONS.bindAttempts, id);
  const counter = { id, rule, subject, windowStart, failures: doc?.failures ?? 0 };
  if (isBlocked([counter])) throw rateLimited(waitMinutes([counter], now));
}

/** Outside a transaction: counts one failure of `subject`, exactly once however many fail at once. */
export async function countFailure(db: Database, rule: ThrottleRule, subject: string, now: Date): Promise<void> {
  await runTransaction(db, async (tx) => recordFailure(tx, await readCounters(tx, [[rule, subject]], now)));
}
