/**
 * Posting to the ledger: one entry and the member's balance in the same transaction. The entry's `_id`
 * comes from its idempotency key, so a repeated posting finds the entry and changes nothing.
 *
 * Year buckets (the expiry rule, chosen and documented here): points are credited to the Beijing year they
 * were earned in; every debit (redemption, negative adjustment) takes from the oldest year first (FIFO);
 * the expiry timer debits what is left of a year once that year's points expire (see time.ts expiryOf).
 * A refund returns points to the years the refunded debit took them from, except years already expired,
 * whose share goes to the current year (a refund never vanishes at once).
 */
import type { LearnerLevelRule, LedgerReason } from '../../typings/functions/points';
import type { MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, txGet } from '../core';
import type { Tx } from '../core';
import { ledgerEntryId } from './ids';
import { advanceLevel, levelFields, recordedLevel } from './levels';
import type { LedgerEntryDoc, PointsAccountDoc } from '../../typings/docs/points';
import { beijingYear } from '../core/time';
import { lastExpiredYear } from './time';

/** The member fields an account copies (leaderboards show them without reading members). */
export type AccountOwner = Pick<MemberDoc, '_id' | 'name' | 'departmentId' | 'departmentPath'>;

// Listed, not imported from the contract: the contract's schemas would weigh on every bundle paying points.
const EARNINGS: ReadonlySet<LedgerReason> = new Set([
  'course_completed',
  'quiz_passed',
  'checkin',
  'streak_bonus',
  'competition_award',
  'course_published',
  'course_learner',
  'course_rated',
  'course_award',
  'session_attended',
  'admin_adjustment',
  'author_award',
]);

export interface Posting {
  idempotencyKey: string;
  /** Non-zero integer. */
  amount: number;
  reason: LedgerReason;
  source: string;
  note: string | null;
  /** When the entry is written. */
  at: Date;
  /** Credits: the Beijing year the points count as earned in (default: the year of `at`). */
  earnedYear?: number;
  /** Credits: return to these years (a refund). Debits: take exactly these (expiry). Amounts positive. */
  buckets?: Record<string, number>;
  expiresAt?: Date | null;
  /** The caller has established that no entry with this key exists (saves a read in the transaction). */
  fresh?: boolean;
  /** Credits that count as earned: the learner ladder, so the account's level is looked at in the same write. */
  levels?: readonly LearnerLevelRule[];
}

export type PostOutcome =
  | { posted: true; entry: LedgerEntryDoc; account: PointsAccountDoc; before: PointsAccountDoc | null }
  | { posted: false; entry: LedgerEntryDoc };

export function emptyAccount(owner: AccountOwner, at: Date): PointsAccountDoc {
  return {
    _id: owner._id,
    memberId: owner._id,
    name: owner.name,
    departmentId: owner.departmentId,
    departmentPath: owner.departmentPath,
    balance: 0,
    earnedTotal: 0,
    buckets: {},
    oldestYear: null,
    createdAt: at,
    updatedAt: at,
  };
}

function addTo(target: Record<string, number>, year: string, amount: number): void {
  const next = (target[year] ?? 0) + amount;
  if (next === 0) delete target[year];
  else target[year] = next;
}

/**
 * How a posting moves the year buckets: `{ year: +n }` for credits, `{ year: -n }` for debits.
 * Throws POINTS_INSUFFICIENT when a debit asks for more than there is.
 */
export function bucketMoves(
  buckets: Readonly<Record<string, number>>,
  posting: Pick<Posting, 'amount' | 'at' | 'earnedYear' | 'buckets'>,
): Record<string, number> {
  const moves: Record<string, number> = {};
  if (posting.amount > 0) {
    const current = String(beijingYear(posting.at));
    if (!posting.buckets) addTo(moves, String(posting.earnedYear ?? current), posting.amount);
    else {
      const expired = lastExpiredYear(posting.at);
      for (const [year, amount] of Object.entries(posting.buckets)) addTo(moves, Number(year) <= expired ? current : year, amount);
    }
    return moves;
  }
  let wanted = -posting.amount;
  const years = posting.buckets ? Object.keys(posting.buckets) : Object.keys(buckets);
  for (const year of years.sort((a, b) => Number(a) - Number(b))) {
    const available = Math.min(buckets[year] ?? 0, posting.buckets?.[year] ?? Number.POSITIVE_INFINITY);
    const taken = Math.min(available, wanted);
    if (taken > 0) addTo(moves, year, -taken);
    wanted -= taken;
  }
  if (wanted > 0) throw new AppError('POINTS_INSUFFICIENT');
  return moves;
}

function applyMoves(account: PointsAccountDoc, owner: AccountOwner, posting: Posting, moves: Record<string, number>): PointsAccountDoc {
  const buckets = { ...account.buckets };
  for (const [year, amount] of Object.entries(moves)) addTo(buckets, year, amount);
  const years = Object.keys(buckets).map(Number);
  return {
    ...account,
    name: owner.name,
    departmentId: owner.departmentId,
    departmentPath: owner.departmentPath,
    balance: account.balance + posting.amount,
    earnedTotal: account.earnedTotal + (EARNINGS.has(posting.reason) && posting.amount > 0 ? posting.amount : 0),
    buckets,
    oldestYear: years.length > 0 ? Math.min(...years) : null,
    updatedAt: posting.at,
  };
}

/** Reads a member's account inside a transaction, or null before their first entry. */
export function txAccount(tx: Tx, memberId: string): Promise<PointsAccountDoc | null> {
  return txGet<PointsAccountDoc>(tx, COLLECTIONS.pointsAccounts, memberId);
}

/** Writes one entry and the new balance in a transaction. `account` may be passed when the transaction already read it. */
export async function postEntry(tx: Tx, owner: AccountOwner, posting: Posting, account?: PointsAccountDoc | null): Promise<PostOutcome> {
  const id = ledgerEntryId(posting.idempotencyKey);
  if (!posting.fresh) {
    const existing = await txGet<LedgerEntryDoc>(tx, COLLECTIONS.pointsLedger, id);
    if (existing) return { posted: false, entry: existing };
  }
  const before = account === undefined ? await txAccount(tx, owner._id) : account;
  const { entry, account: after } = applyPosting(before, owner, posting);
  await tx.collection(COLLECTIONS.pointsLedger).add({ data: { ...entry } });
  const { _id: accountId, ...fields } = after;
  await tx.collection(COLLECTIONS.pointsAccounts).doc(accountId).set({ data: fields });
  return { posted: true, entry, account: after, before };
}

/**
 * The entry a posting writes and the account after it (its `version` one up), without writing either.
 * A balance can never go below zero: a debit larger than the balance throws POINTS_INSUFFICIENT.
 */
export function applyPosting(account: PointsAccountDoc | null, owner: AccountOwner, posting: Posting): { entry: LedgerEntryDoc; account: PointsAccountDoc } {
  if (!Number.isInteger(posting.amount) || posting.amount === 0) throw new AppError('INVALID_INPUT', '积分数量必须是非零整数');
  const before = account ?? emptyAccount(owner, posting.at);
  const moves = bucketMoves(before.buckets, posting);
  const moved = applyMoves(before, owner, posting, moves);
  const raised =
    posting.levels && moved.earnedTotal > before.earnedTotal ? advanceLevel(recordedLevel(before), moved.earnedTotal, posting.levels, posting.at) : null;
  const after = { ...moved, ...(raised ? levelFields(raised) : {}), version: (before.version ?? 0) + 1 };
  const entry: LedgerEntryDoc = {
    _id: ledgerEntryId(posting.idempotencyKey),
    memberId: owner._id,
    amount: posting.amount,
    reason: posting.reason,
    source: posting.source,
    idempotencyKey: posting.idempotencyKey,
    note: posting.note,
    balanceAfter: after.balance,
    createdAt: posting.at,
    expiresAt: posting.expiresAt ?? null,
    buckets: moves,
  };
  return { entry, account: after };
}

/** The debit's moves turned into the amounts a refund returns per year. */
export function refundBuckets(debit: LedgerEntryDoc): Record<string, number> {
  return Object.fromEntries(Object.entries(debit.buckets).map(([year, amount]) => [year, -amount]));
}
