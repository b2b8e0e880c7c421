/**
 * Admin adjustments (积分调整): an entry like any other, idempotent by the admin's request id.
 *
 * The daily ceiling (调整上限): each admin has one counter document per Beijing day
 * (`pointsAdjusterDaily`, `_id` = `<adminId>:<day>`) holding the points they credited that day. The ledger
 * entry, the counter and the audit record are written by one transaction that re-reads the counter, so
 * parallel adjustments by one admin conflict on that document and the ceiling holds however they
 * interleave (test/server/points/adjust-limits.test.ts). Only credits count: a debit creates nothing to
 * spend, and is bounded by the member's balance. The ceiling applies to department-scoped admins; a
 * company-wide admin sets it and is not capped (typings/functions/points.ts, AdjustSettings).
 */
import type { AdjustmentResult, AdjustSettings, AdjustSettingsView, LearnerLevelRule } from '../../typings/functions/points';
import { AppError, COLLECTIONS, findById, recordAudit, transactWithBackoff, txGet } from '../core';
import type { AuditActor, Database } from '../core';
import { beijingDate } from '../core/time';
import { postEntry, txAccount } from './ledger';
import type { AccountOwner } from './ledger';
import { ledgerEntryId } from './ids';
import type { AdjusterDailyDoc, AdjustSettingsDoc } from '../../typings/docs/points';
import { entryView } from './views';
import { noticeLevelReached } from './level-notice';
import type { PointsAccountDoc } from '../../typings/docs/points';

/** The settings document in `pointsRules`, next to the earning rules (`current`). */
export const ADJUST_SETTINGS_ID = 'adjustments';

/** Chosen default until a company-wide admin sets one: generous for corrections, small next to the mall's prices. */
export const DEFAULT_ADJUST_SETTINGS: AdjustSettings = { scopedAdminDailyCeiling: 1000 };

export const adjusterDayId = (adminId: string, day: string): string => `${adminId}:${day}`;

export async function readAdjustSettings(db: Database): Promise<{ settings: AdjustSettings; updatedAt: Date | null }> {
  const doc = await findById<AdjustSettingsDoc>(db, COLLECTIONS.pointsRules, ADJUST_SETTINGS_ID);
  if (!doc) return { settings: DEFAULT_ADJUST_SETTINGS, updatedAt: null };
  return { settings: { scopedAdminDailyCeiling: doc.scopedAdminDailyCeiling }, updatedAt: doc.updatedAt };
}

/** The ceiling that binds an admin: none for a company-wide admin. */
export function ceilingFor(settings: AdjustSettings, companyWide: boolean): number | null {
  return companyWide ? null : settings.scopedAdminDailyCeiling;
}

export async function adjustSettingsView(db: Database, adminId: string, companyWide: boolean, at: Date): Promise<AdjustSettingsView> {
  const [{ settings, updatedAt }, today] = await Promise.all([
    readAdjustSettings(db),
    findById<AdjusterDailyDoc>(db, COLLECTIONS.pointsAdjusterDaily, adjusterDayId(adminId, beijingDate(at))),
  ]);
  return { ...settings, updatedAt: updatedAt?.toISOString() ?? null, myCreditedToday: today?.credited ?? 0, myCeiling: ceilingFor(settings, companyWide) };
}

/** Sets the ceiling (company-wide admins; checked by the action) with its audit record, in one transaction. */
export async function setAdjustSettings(db: Database, settings: AdjustSettings, actor: AuditActor & { id: string }, at: Date): Promise<void> {
  await transactWithBackoff(db, async (tx) => {
    const stored = await txGet<AdjustSettingsDoc>(tx, COLLECTIONS.pointsRules, ADJUST_SETTINGS_ID);
    const before = stored ? stored.scopedAdminDailyCeiling : DEFAULT_ADJUST_SETTINGS.scopedAdminDailyCeiling;
    const doc: Omit<AdjustSettingsDoc, '_id'> = { ...settings, updatedAt: at, updatedBy: actor.id };
    await tx
      .collection(COLLECTIONS.pointsRules)
      .doc(ADJUST_SETTINGS_ID)
      .set({ data: { ...doc } });
    await recordAudit(tx, {
      actor,
      action: 'adjust_settings',
      target: { kind: 'settings', id: ADJUST_SETTINGS_ID, name: '积分调整上限' },
      before: { scopedAdminDailyCeiling: before },
      after: { scopedAdminDailyCeiling: settings.scopedAdminDailyCeiling },
      at,
    });
  });
}

export interface Adjustment {
  amount: number;
  /** Required: shown to the member as the entry's note. */
  reason: string;
  admin: AuditActor & { id: string };
  /** The admin's ceiling on credits this Beijing day, or null for none. */
  ceiling: number | null;
  requestId: string;
  at: Date;
  /** The learner ladder: a credit may raise the member's level in the same write. */
  levels?: readonly LearnerLevelRule[];
}

/**
 * Posts the adjustment once; a repeat with the same request id answers the first entry and the balance now.
 * A credit past the admin's ceiling throws ADJUST_LIMIT and the transaction writes nothing.
 */
export async function adjustBalance(db: Database, member: AccountOwner, adjustment: Adjustment): Promise<AdjustmentResult> {
  const idempotencyKey = `adjust:${member._id}:${adjustment.requestId}`;
  const day = beijingDate(adjustment.at);
  let levels: { before: PointsAccountDoc | null; after: PointsAccountDoc } | null = null;
  const result = await transactWithBackoff(db, async (tx) => {
    levels = null;
    const counterId = adjusterDayId(adjustment.admin.id, day);
    const counter = await txGet<AdjusterDailyDoc>(tx, COLLECTIONS.pointsAdjusterDaily, counterId);
    const outcome = await postEntry(tx, member, {
      idempotencyKey,
      amount: adjustment.amount,
      reason: 'admin_adjustment',
      source: adjustment.admin.id,
      note: adjustment.reason,
      at: adjustment.at,
      levels: adjustment.levels,
    });
    if (!outcome.posted) return { entry: entryView(outcome.entry), balance: (await txAccount(tx, member._id))?.balance ?? 0 };
    const credited = (counter?.credited ?? 0) + Math.max(0, adjustment.amount);
    if (adjustment.ceiling !== null && credited > adjustment.ceiling) {
      const left = Math.max(0, adjustment.ceiling - (counter?.credited ?? 0));
      throw new AppError('ADJUST_LIMIT', `今日积分调整额度不足：每日上限 ${adjustment.ceiling} 积分，今日还可增加 ${left} 积分`);
    }
    const next: Omit<AdjusterDailyDoc, '_id'> = {
      adminId: adjustment.admin.id,
      day,
      credited,
      debited: (counter?.debited ?? 0) + Math.max(0, -adjustment.amount),
      adjustments: (counter?.adjustments ?? 0) + 1,
      updatedAt: adjustment.at,
    };
    await tx
      .collection(COLLECTIONS.pointsAdjusterDaily)
      .doc(counterId)
      .set({ data: { ...next } });
    await recordAudit(tx, {
      id: `adjust:${ledgerEntryId(idempotencyKey)}`,
      actor: adjustment.admin,
      action: 'points_adjust',
      target: { kind: 'member', id: member._id, name: member.name },
      before: { balance: outcome.account.balance - adjustment.amount },
      after: { balance: outcome.account.balance, amount: adjustment.amount, reason: adjustment.reason },
      at: adjustment.at,
    });
    levels = { before: outcome.before, after: outcome.account };
    return { entry: entryView(outcome.entry), balance: outcome.account.balance };
  });
  // A credit that reached a learner level is notified once the adjustment is committed.
  const reached = levels as { before: PointsAccountDoc | null; after: PointsAccountDoc } | null;
  if (reached) await noticeLevelReached(db, member._id, reached.before, reached.after, adjustment.at);
  return result;
}
