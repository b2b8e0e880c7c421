/**
 * What the app promises is what it pays: a campaign advertising 5 points per check-in while the earning
 * rules cap check-ins at 2 a day misleads members. These answer, from the rules, what a figure set somewhere
 * else (a campaign, a contest award, an authoring rule) really pays, so the editor can warn the trainer
 * (`capWarnings`, a member who earned nothing else that day) and a member can see what today's action will
 * pay them (`payableToday`, after what they already earned today). The award itself (events.ts) applies the
 * same `cappedAmount`, so the figures shown are the figures paid.
 */
import type { EarningEventType, EarningRules, PointsCapWarning } from '../../typings/functions/points';
import { COLLECTIONS, findById } from '../core';
import type { Database } from '../core';
import { beijingDate } from '../core/time';
import type { DayTotals, PointsAccountDoc } from '../../typings/docs/points';
import { cappedAmount, readRules } from './rules';

/** One figure promised: what it is called, its earning type, the points, and what the same day pays before it. */
export interface PointsPromise {
  label: string;
  type: EarningEventType;
  amount: number;
  /** Paid the same day before it (a streak bonus comes with that day's check-in). */
  after?: { type: EarningEventType; amount: number }[];
}

const EMPTY_DAY: DayTotals = { total: 0, byType: {} };

function dayAfter(rules: EarningRules, before: readonly { type: EarningEventType; amount: number }[]): DayTotals {
  const day: DayTotals = { total: 0, byType: {} };
  for (const { type, amount } of before) {
    const paid = cappedAmount(rules, type, day, amount);
    day.total += paid;
    day.byType[type] = (day.byType[type] ?? 0) + paid;
  }
  return day;
}

/** What each promise really pays a member who earned nothing else that day; only those the caps cut. */
export function capWarnings(rules: EarningRules, promises: readonly PointsPromise[]): PointsCapWarning[] {
  const warnings: PointsCapWarning[] = [];
  for (const promise of promises) {
    if (promise.amount <= 0) continue;
    const paid = cappedAmount(rules, promise.type, promise.after ? dayAfter(rules, promise.after) : EMPTY_DAY, promise.amount);
    if (paid >= promise.amount) continue;
    warnings.push({
      label: promise.label,
      promised: promise.amount,
      paid,
      message: `${promise.label}设定 ${promise.amount} 积分，受积分规则的每日上限限制，成员实际最多获得 ${paid} 积分`,
    });
  }
  return warnings;
}

/** `capWarnings` with the rules read (one read). */
export async function readCapWarnings(db: Database, promises: readonly PointsPromise[]): Promise<PointsCapWarning[]> {
  if (promises.every((promise) => promise.amount <= 0)) return [];
  return capWarnings((await readRules(db)).rules, promises);
}

/**
 * What an event of `type` worth `amount` pays this member if it happens now, after what they already
 * earned today (two reads: the rules, the account).
 */
export async function payableToday(db: Database, memberId: string, type: EarningEventType, amount: number, at: Date): Promise<number> {
  if (amount <= 0) return 0;
  const [{ rules }, account] = await Promise.all([readRules(db), findById<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, memberId)]);
  return cappedAmount(rules, type, account?.days?.[beijingDate(at)] ?? EMPTY_DAY, amount);
}
