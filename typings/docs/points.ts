/** Documents of the points ledger (积分账本) as stored; dates are Date objects. */
import type { AdjustSettings, EarningEventType, EarningRules, LearnerLevelRule, LedgerReason } from '../functions/points';

/**
 * Collection `pointsAccounts`, `_id` = member id: the maintained balance (余额), never recounted on reads.
 * `buckets` holds the unspent points by the Beijing year they were earned in; their sum is `balance`.
 * Spending and expiry take from the oldest year first (FIFO).
 */
export interface PointsAccountDoc {
  _id: string;
  memberId: string;
  /** Copied from the member by every write that holds it (redemptions, adjustments, awards given the member), for the leaderboards. */
  name: string;
  departmentId: string;
  departmentPath: string[];
  balance: number;
  earnedTotal: number;
  buckets: Record<string, number>;
  /** The oldest year with unspent points, or null: the expiry timer's indexed query. */
  oldestYear: number | null;
  /**
   * The member's redemptions not cancelled, by mall item (积分商城限兑): on the account, so a redemption's
   * transaction reads and writes one document of the member's. Absent before the first redemption.
   */
  quotas?: Record<string, MallQuota>;
  /**
   * The learner level held (学员等级, server/points/levels.ts): raised by the writes that add to `earnedTotal` (awards,
   * adjustments) and by saving a new ladder; never lowered. Absent before the first rung was recorded.
   */
  levelRank?: number;
  levelName?: string;
  levelReachedAt?: Date;
  levelHistory?: LevelChangeDoc[];
  /** One up with every write: awards write the account with a conditional update on it (server/points/events.ts). */
  version?: number;
  /** What the member earned by awards on recent Beijing days (`YYYY-MM-DD`): the daily caps (server/points/events.ts). */
  days?: Record<string, DayTotals>;
  /** Awards applied lately, entry id → when (ms): how the timer tells an applied claim from an orphan (server/points/events.ts). */
  recent?: Record<string, number>;
  createdAt: Date;
  updatedAt: Date;
}

/** One change of a member's learner level, with its date and reason. */
export interface LevelChangeDoc {
  rank: number;
  name: string;
  at: Date;
  reason: string;
}

/** A member's earnings by awards on one Beijing day. */
export interface DayTotals {
  total: number;
  byType: Partial<Record<EarningEventType, number>>;
}

/** One member's redemptions of one item: in total and by Beijing month (`YYYY-MM`). */
export interface MallQuota {
  total: number;
  months: Record<string, number>;
}

/** Collection `pointsLedger`, `_id` = a hash of `idempotencyKey`: append-only, one entry per source. */
export interface LedgerEntryDoc {
  _id: string;
  memberId: string;
  amount: number;
  reason: LedgerReason;
  source: string;
  idempotencyKey: string;
  note: string | null;
  balanceAfter: number;
  createdAt: Date;
  /** Earnings with expiry on: when these points expire if unspent. */
  expiresAt: Date | null;
  /** How the entry moved the year buckets (+ credit, − debit), so a refund can return exactly what was taken. */
  buckets: Record<string, number>;
  /** Awards: when the entry was written, before its account (server/points/events.ts); the timer looks for orphans by it. */
  claimedAt?: Date;
}

/** Collection `pointsRules`, `_id` = `current`. */
export interface PointsRulesDoc extends EarningRules {
  _id: string;
  /**
   * The learner ladder (server/points/levels.ts), kept with the earning rules so an award reads it with them: computing a
   * member's level costs the award no read. Absent while the default ladder applies.
   */
  learnerLevels?: LearnerLevelRule[];
  learnerLevelsUpdatedAt?: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** Collection `pointsRules`, `_id` = `adjustments`: the adjustment ceiling (server/points/adjust.ts). */
export interface AdjustSettingsDoc extends AdjustSettings {
  _id: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Collection `pointsAdjusterDaily`, `_id` = `<adminId>:<YYYY-MM-DD>`: one admin's adjustments on one Beijing day. */
export interface AdjusterDailyDoc {
  _id: string;
  adminId: string;
  day: string;
  /** Points credited: what the ceiling limits. */
  credited: number;
  /** Points debited (kept for the record, not limited). */
  debited: number;
  adjustments: number;
  updatedAt: Date;
}
