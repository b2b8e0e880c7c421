/**
 * Points exports through the shared export (server/core/workbook.ts): the balances of every account in an
 * admin's scope (积分余额), highest first, and one member's ledger (积分明细), newest first, each read a page at
 * a time. A department-scoped admin exports only the members they manage, as memberHistory shows them.
 */
import { LEDGER_REASON_LABELS } from '../../typings/functions/points';
import { pointsExportContracts } from '../../typings/functions/exports';
import { COLLECTIONS, defineAction, orderedPages, scopeCondition, subtreeCondition } from '../core';
import { adminScope, assertManages, requireMember } from '../admin/lookup';
import { beijingDate, beijingDateTime } from '../core/time';
import { exportRows, exportTable, pathSegment } from '../core/workbook';
import type { LedgerEntryDoc, PointsAccountDoc } from './model';

const time = (value: Date | null): string => (value === null ? '' : beijingDateTime(new Date(value)));

export const BALANCES_EXPORT = exportTable<PointsAccountDoc>('积分余额', [
  { header: '成员编号', width: 18, cell: (account) => account.memberId },
  { header: '姓名', width: 12, cell: (account) => account.name },
  { header: '部门', width: 36, cell: (account) => account.departmentPath.join('/') },
  { header: '余额', width: 10, cell: (account) => account.balance },
  { header: '累计获得', width: 10, cell: (account) => account.earnedTotal },
]);

export const LEDGER_EXPORT = exportTable<LedgerEntryDoc>('积分明细', [
  { header: '时间', width: 18, cell: (entry) => time(entry.createdAt) },
  { header: '类型', width: 12, cell: (entry) => LEDGER_REASON_LABELS[entry.reason] },
  { header: '积分', width: 8, cell: (entry) => entry.amount },
  { header: '变动后余额', width: 12, cell: (entry) => entry.balanceAfter },
  { header: '来源', width: 30, cell: (entry) => entry.source },
  { header: '备注', width: 30, cell: (entry) => entry.note ?? '' },
  { header: '到期时间', width: 18, cell: (entry) => time(entry.expiresAt) },
]);

export const exportBalances = defineAction({
  ...pointsExportContracts.exportBalances,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const scope = adminScope(caller);
    if (input.departmentId !== undefined) assertManages(scope, input.departmentId);
    const filter = (input.departmentId !== undefined ? subtreeCondition(db, 'departmentId', input.departmentId) : scopeCondition(db, 'departmentId', scope)) ?? {};
    const at = now();
    const pages = orderedPages<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, filter as Record<string, unknown>, 'balance', 'desc');
    return exportRows(cloud, BALANCES_EXPORT, pages, { label: `points-balances/${beijingDate(at)}`, ownerId: caller.member._id, now: at });
  },
});

export const exportLedger = defineAction({
  ...pointsExportContracts.exportLedger,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const member = await requireMember(db, input.memberId);
    assertManages(adminScope(caller), member.departmentId);
    const at = now();
    const pages = orderedPages<LedgerEntryDoc>(db, COLLECTIONS.pointsLedger, { memberId: member._id }, 'createdAt', 'desc');
    return exportRows(cloud, LEDGER_EXPORT, pages, { label: `points-ledger/${pathSegment(member._id)}-${beijingDate(at)}`, ownerId: caller.member._id, now: at });
  },
});
