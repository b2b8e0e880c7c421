/**
 * The award hook other areas call when something earns points (a course completed, a quiz passed, a
 * check-in...). It applies the admin's earning rules with daily caps per Beijing day of the event, and pays
 * each event once: the ledger entry's id comes from `${type}:${memberId}:${sourceId}`, so an event paid
 * twice, retried or raced from several instances pays once.
 */
import type { MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, runTransaction, txGet } from '../core';
import type { Database } from '../core';
import { beijingDate, beijingYear } from '../core/time';
import { ledgerEntryId } from './ids';
import { postEntry } from './ledger';
import type { LedgerEntryDoc, PointsDailyDoc } from './model';
import { cappedAmount, readRules } from './rules';
import { expiryOf } from './time';

/** The same union as `EarningEventType` in typings (a test keeps them equal). */
export type PointsEventType =
  | 'course_completed'
  | 'quiz_passed'
  | 'checkin'
  | 'streak_bonus'
  | 'competition_award'
  | 'course_published'
  | 'course_learner'
  | 'course_rated'
  | 'course_award';

export interface PointsEvent {
  type: PointsEventType;
  memberId: string;
  /** What the event is about, for example the course id; one payment per type, member and source. */
  sourceId: string;
  occurredAt: Date;
  /**
   * Points set by the source itself (a campaign's points per check-in or streak bonus, a contest's award
   * points), replacing the rule's points for the type; the admin's daily caps still apply. Integer ≥ 0.
   */
  amount?: number;
}

export const awardKey = (event: Pick<PointsEvent, 'type' | 'memberId' | 'sourceId'>): string => `${event.type}:${event.memberId}:${event.sourceId}`;

/**
 * Pays an event per the rules. Answers `{ awarded: 0, entryId: <the earlier entry> }` for a repeat and
 * `{ awarded: 0, entryId: null }` when the type pays nothing or the day's caps are reached (nothing is
 * written then, so a retry on the same day is capped again). The daily caps count the Beijing day of
 * `occurredAt`; the points count as earned in that Beijing year (for expiry).
 */
export async function awardPointsForEvent(db: Database, event: PointsEvent): Promise<{ awarded: number; entryId: string | null }> {
  if (event.sourceId === '') throw new AppError('INVALID_INPUT', '积分来源不能为空');
  if (event.amount !== undefined && (!Number.isInteger(event.amount) || event.amount < 0)) throw new AppError('INVALID_INPUT', '积分必须是非负整数');
  const { rules } = await readRules(db);
  const base = event.amount ?? rules.points[event.type];
  if (base <= 0) return { awarded: 0, entryId: null };
  const member = await findById<MemberDoc>(db, COLLECTIONS.members, event.memberId);
  if (!member) throw new AppError('NOT_FOUND', '成员不存在');
  const idempotencyKey = awardKey(event);
  const entryId = ledgerEntryId(idempotencyKey);
  const day = beijingDate(event.occurredAt);
  const year = beijingYear(event.occurredAt);
  return runTransaction(db, async (tx) => {
    if (await txGet<LedgerEntryDoc>(tx, COLLECTIONS.pointsLedger, entryId)) return { awarded: 0, entryId };
    const dailyId = `${member._id}:${day}`;
    const daily: Pick<PointsDailyDoc, 'total' | 'byType'> = (await txGet<PointsDailyDoc>(tx, COLLECTIONS.pointsDaily, dailyId)) ?? { total: 0, byType: {} };
    const amount = cappedAmount(rules, event.type, daily, base);
    if (amount <= 0) return { awarded: 0, entryId: null };
    await postEntry(tx, member, {
      idempotencyKey,
      amount,
      reason: event.type,
      source: event.sourceId,
      note: null,
      at: event.occurredAt,
      earnedYear: year,
      expiresAt: rules.expiryEnabled ? expiryOf(year) : null,
      fresh: true,
    });
    const next: Omit<PointsDailyDoc, '_id'> = {
      memberId: member._id,
      day,
      total: daily.total + amount,
      byType: { ...daily.byType, [event.type]: (daily.byType[event.type] ?? 0) + amount },
    };
    await tx.collection(COLLECTIONS.pointsDaily).doc(dailyId).set({ data: next });
    return { awarded: amount, entryId };
  });
}
