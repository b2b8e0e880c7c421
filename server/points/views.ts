/** Ledger and balance documents to what the app sees. */
import type { BalanceView, EarningRules, EarningRulesView, LedgerEntryView } from '../../typings/functions/points';
import { EARNING_EVENT_TYPES, LEDGER_REASON_LABELS } from '../../typings/functions/points';
import { capWarnings } from './promises';
import { isoDate } from '../core/published';
import type { LedgerEntryDoc, PointsAccountDoc } from '../../typings/docs/points';
import { expiryOf } from './time';

export function entryView(entry: LedgerEntryDoc): LedgerEntryView {
  return {
    id: entry._id,
    amount: entry.amount,
    reason: entry.reason,
    source: entry.source,
    note: entry.note,
    balanceAfter: entry.balanceAfter,
    createdAt: isoDate(entry.createdAt) as string,
    expiresAt: isoDate(entry.expiresAt),
  };
}

export function balanceView(account: PointsAccountDoc | null, expiryEnabled: boolean): BalanceView {
  const buckets = account?.buckets ?? {};
  const years = Object.keys(buckets)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    balance: account?.balance ?? 0,
    earnedTotal: account?.earnedTotal ?? 0,
    expiryEnabled,
    expiring: expiryEnabled
      ? years
          .filter((year) => (buckets[String(year)] ?? 0) > 0)
          .map((year) => ({ year, amount: buckets[String(year)] as number, expiresAt: expiryOf(year).toISOString() }))
      : [],
  };
}

export function rulesView(rules: EarningRules, updatedAt: Date | null): EarningRulesView {
  // A kind paying more than its own cap (or the total cap) promises what it never pays: the page warns.
  const promises = EARNING_EVENT_TYPES.map((type) => ({ label: `「${LEDGER_REASON_LABELS[type]}」`, type, amount: rules.points[type] }));
  return { ...rules, updatedAt: isoDate(updatedAt), warnings: capWarnings(rules, promises) };
}
