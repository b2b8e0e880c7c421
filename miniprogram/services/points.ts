/** 积分: my balance and history, the leaderboards, and the admin's earning rules and adjustments. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { LEDGER_REASON_LABELS } from '../utils/labels';
import { action, call, pagedAction } from './transport';
import { beijingDateTime } from '../utils/time';

export type Balance = ActionOutput<'points', 'balance'>;
export type LedgerPage = ActionOutput<'points', 'history'>;
export type LedgerEntry = LedgerPage['items'][number];
export type LeaderboardScope = NonNullable<ActionInput<'points', 'leaderboard'>['scope']>;
export type Leaderboard = ActionOutput<'points', 'leaderboard'>;
export type LeaderboardRow = Leaderboard['items'][number];
export type EarningRulesView = ActionOutput<'points', 'getRules'>;
export type EarningRulesInput = ActionInput<'points', 'setRules'>;
export type AdjustmentInput = ActionInput<'points', 'adjust'>;
export type AdjustmentResult = ActionOutput<'points', 'adjust'>;
export type MemberLedgerPage = ActionOutput<'points', 'memberHistory'>;

export function getBalance(): Promise<Balance> {
  return call('points', 'balance', {});
}

export const listHistory = pagedAction('points', 'history');

export function getLeaderboard(scope: LeaderboardScope, page: number, pageSize: number): Promise<Leaderboard> {
  return call('points', 'leaderboard', { scope, page, pageSize });
}

export function getRules(): Promise<EarningRulesView> {
  return call('points', 'getRules', {});
}

export const setRules = action('points', 'setRules');

export const adjustPoints = action('points', 'adjust');

export type AdjustSettingsView = ActionOutput<'points', 'getAdjustSettings'>;

/** 积分调整上限: the ceiling on what a department-scoped admin credits per day. */
export function getAdjustSettings(): Promise<AdjustSettingsView> {
  return call('points', 'getAdjustSettings', {});
}

export const setAdjustSettings = action('points', 'setAdjustSettings');

export type LearnerLevel = ActionOutput<'points', 'myLevel'>;
export type LearnerLevelSettings = ActionOutput<'points', 'getLearnerLevels'>;
export type LearnerLevelRule = LearnerLevelSettings['levels'][number];

/** 我的等级: the caller's learner level, the next rung and every change. */
export function getMyLevel(): Promise<LearnerLevel> {
  return call('points', 'myLevel', {});
}

/** 学员等级 (admin): the ladder. */
export function getLearnerLevels(): Promise<LearnerLevelSettings> {
  return call('points', 'getLearnerLevels', {});
}

export const setLearnerLevels = action('points', 'setLearnerLevels');

export function listMemberHistory(memberId: string, page: number, pageSize: number): Promise<MemberLedgerPage> {
  return call('points', 'memberHistory', { memberId, page, pageSize });
}

// How ledger entries show, here in the main package because the member pages (packagePoints) and the admin
// pages (packageAdmin) both show them, and a subpackage cannot import another subpackage's code.

/** +20 / −5: the sign is always shown, so earning and spending read apart at a glance. */
export function signedPoints(amount: number): string {
  return amount > 0 ? `+${amount}` : `${amount}`;
}

/** The Beijing calendar day an expiry instant ends (an instant of 24:00 belongs to the day before). */
export function expiryDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : beijingDateTime(new Date(time - 1).toISOString()).slice(0, 10);
}

export interface LedgerEntryRow {
  id: string;
  reason: string;
  note: string;
  amount: string;
  earning: boolean;
  time: string;
  balanceAfter: number;
}

export function toLedgerRow(entry: LedgerEntry): LedgerEntryRow {
  return {
    id: entry.id,
    reason: LEDGER_REASON_LABELS[entry.reason],
    note: entry.note ?? '',
    amount: signedPoints(entry.amount),
    earning: entry.amount > 0,
    time: beijingDateTime(entry.createdAt),
    balanceAfter: entry.balanceAfter,
  };
}
