/**
 * Points exports through the shared export (server/core/workbook.ts): the balances of every account in an
 * admin's scope (积分余额), highest first, and one member's ledger (积分明细), newest first, each read a page at
 * a time (the actions, with their scope checks, are in actions.ts beside memberHistory).
 */
import { LEDGER_REASON_LABELS, type LearnerLevelRule } from '../../typings/functions/points';
import { beijingDateTime } from '../core/time';
import { exportTable } from '../core/workbook';
import { levelNameOf } from './levels';
import type { LedgerEntryDoc, PointsAccountDoc } from '../../typings/docs/points';

const time = (value: Date | null): string => (value === null ? '' : beijingDateTime(new Date(value)));

/** 积分余额 with each member's learner level (学员等级) as today's ladder shows it (levels.ts), '' below the first rung. */
export function balancesExport(levels: readonly LearnerLevelRule[]) {
  return exportTable<PointsAccountDoc>('积分余额', [
    { header: '成员编号', width: 18, cell: (account) => account.memberId },
    { header: '姓名', width: 12, cell: (account) => account.name },
    { header: '部门', width: 36, cell: (account) => account.departmentPath.join('/') },
    { header: '余额', width: 10, cell: (account) => account.balance },
    { header: '累计获得', width: 10, cell: (account) => account.earnedTotal },
    { header: '学员等级', width: 10, cell: (account) => levelNameOf(account, levels) ?? '' },
  ]);
}

export const LEDGER_EXPORT = exportTable<LedgerEntryDoc>('积分明细', [
  { header: '时间', width: 18, cell: (entry) => time(entry.createdAt) },
  { header: '类型', width: 12, cell: (entry) => LEDGER_REASON_LABELS[entry.reason] },
  { header: '积分', width: 8, cell: (entry) => entry.amount },
  { header: '变动后余额', width: 12, cell: (entry) => entry.balanceAfter },
  { header: '来源', width: 30, cell: (entry) => entry.source },
  { header: '备注', width: 30, cell: (entry) => entry.note ?? '' },
  { header: '到期时间', width: 18, cell: (entry) => time(entry.expiresAt) },
]);
