/**
 * 操作日志: company-wide admins read and export the admin audit log (written by server/core/audit.ts).
 * A department-scoped admin is refused: the log names changes all over the company.
 */
import { AUDIT_ACTION_LABELS } from '../../typings/docs/admin-audit';
import type { AdminAuditDoc, AuditState, AuditValue } from '../../typings/docs/admin-audit';
import { adminAuditContracts } from '../../typings/functions/admin';
import type { AuditEntryView } from '../../typings/functions/admin';
import { ROLE_LABELS } from '../../typings/roles';
import type { Role } from '../../typings/roles';
import { AppError, COLLECTIONS, defineAction, findPage, orderedPages, pageOf } from '../core';
import type { Database, SortKey } from '../core';
import { isoDate } from '../core/published';
import { exportRows, exportTable } from '../core/workbook';
import { afterDays, beijingDate, beijingDateTime, startOfBeijingDay } from '../core/time';
import { requireCompanyAdmin } from './lookup';

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'at', direction: 'desc' },
  { field: '_id', direction: 'desc' },
];
/** The most rows one export holds (ten pages of CloudBase's largest query). */
export const MAX_AUDIT_EXPORT_ROWS = 10_000;

const COMPANY_ONLY = '仅限全公司范围的管理员查看操作日志';

interface AuditFilterInput {
  kind?: AdminAuditDoc['action'];
  actorId?: string;
  fromDay?: string;
  toDay?: string;
}

function dayStart(day: string): Date {
  const start = startOfBeijingDay(day);
  if (!start) throw new AppError('INVALID_INPUT', `日期不存在：${day}`);
  return start;
}

/** The query for the filters; the date range is Beijing days, both ends included. */
function auditFilter(db: Database, input: AuditFilterInput): Record<string, unknown> {
  const _ = db.command;
  const filter: Record<string, unknown> = {};
  if (input.kind !== undefined) filter.action = input.kind;
  if (input.actorId !== undefined) filter.actorId = input.actorId;
  const from = input.fromDay === undefined ? null : dayStart(input.fromDay);
  const to = input.toDay === undefined ? null : afterDays(dayStart(input.toDay), 1);
  if (from && to && from.getTime() >= to.getTime()) throw new AppError('INVALID_INPUT', '开始日期不能晚于结束日期');
  if (from && to) filter.at = _.and([_.gte(from), _.lt(to)]);
  else if (from) filter.at = _.gte(from);
  else if (to) filter.at = _.lt(to);
  return filter;
}

const num = (value: AuditValue | undefined): number => (typeof value === 'number' ? value : 0);
const signed = (value: number): string => (value > 0 ? `+${value}` : String(value));
const ceilingText = (value: AuditValue | undefined): string => (typeof value === 'number' ? `${value} 积分` : '不限');

/** A department id (`dept:华东分公司/销售一部`, server/roster/departments.ts) as its path, or 全公司. */
function scopeText(scope: AuditValue | undefined): string {
  return typeof scope === 'string' ? scope.replace(/^dept:/, '') : '全公司';
}

function grantText(grant: AuditValue | undefined): string {
  if (grant === null || typeof grant !== 'object' || Array.isArray(grant)) return '';
  const role = ROLE_LABELS[grant.role as Role] ?? String(grant.role);
  return `${role}（${scopeText(grant.scope)}）`;
}

/** The change in one Chinese line. */
export function describeAudit(doc: Pick<AdminAuditDoc, 'action' | 'before' | 'after'>): string {
  const before: AuditState = doc.before ?? {};
  const after: AuditState = doc.after ?? {};
  switch (doc.action) {
    case 'points_adjust':
      return `${signed(num(after.amount))} 积分，原因：${String(after.reason ?? '')}；余额 ${num(before.balance)} → ${num(after.balance)}`;
    case 'adjust_settings':
      return `部门管理员每日调整上限：${ceilingText(before.scopedAdminDailyCeiling)} → ${ceilingText(after.scopedAdminDailyCeiling)}`;
    case 'role_grant':
      return `授予 ${grantText(after.changed)}`;
    case 'role_revoke':
      return `撤销 ${grantText(after.changed)}`;
    case 'member_unbind':
      return '解除微信绑定';
    case 'roster_import':
      return `新增 ${num(after.inserted)}，更新 ${num(after.updated)}，停用 ${num(after.deactivated)}，重新启用 ${num(after.reactivated)}，新建部门 ${num(after.departmentsCreated)}，拒绝 ${num(after.rejected)} 行`;
    case 'vote_void':
      return `作废选票（作品：${String(after.entryTitle ?? '')}，投票人：${String(after.voterName ?? '')}），原因：${String(after.reason ?? '')}`;
    case 'bind_code_issue':
      return `生成绑定码，${String(after.expiresAt ?? '')} 前有效`;
    case 'learner_levels':
      return `学员等级：${String(before.ladder ?? '')} → ${String(after.ladder ?? '')}`;
    case 'discussion_hide':
      return `隐藏讨论（${String(before.writer ?? '')}：${String(before.text ?? '')}）${after.reason ? `，原因：${String(after.reason)}` : ''}`;
    case 'author_awards':
      return `年度作者评选（${after.status === 'published' ? '发布' : '草稿'}）：${Array.isArray(after.awards) ? after.awards.join('；') : ''}`;
  }
}

export function auditEntryView(doc: AdminAuditDoc): AuditEntryView {
  const { _id: id, at, ...fields } = doc;
  return { ...fields, id, summary: describeAudit(doc), at: isoDate(at) as string };
}

/** The log as a workbook, newest first: the list's columns and the raw states either side of the change. */
export const AUDIT_EXPORT = exportTable<AdminAuditDoc>('操作日志', [
  { header: '时间', width: 18, cell: (doc) => beijingDateTime(new Date(doc.at)) },
  { header: '操作', width: 14, cell: (doc) => AUDIT_ACTION_LABELS[doc.action] },
  { header: '操作人', width: 20, cell: (doc) => (doc.actorId ? `${doc.actorName}（${doc.actorId}）` : doc.actorName) },
  { header: '对象', width: 28, cell: (doc) => `${doc.targetName}（${doc.targetId}）` },
  { header: '内容', width: 60, cell: describeAudit },
  { header: '变更前', width: 40, cell: (doc) => (doc.before ? JSON.stringify(doc.before) : '') },
  { header: '变更后', width: 40, cell: (doc) => (doc.after ? JSON.stringify(doc.after) : '') },
]);

export const auditLog = defineAction({
  ...adminAuditContracts.auditLog,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const found = await findPage<AdminAuditDoc>(db, COLLECTIONS.adminAudit, auditFilter(db, input), NEWEST_FIRST, input);
    return pageOf(found, input, auditEntryView);
  },
});

export const exportAudit = defineAction({
  ...adminAuditContracts.exportAudit,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    requireCompanyAdmin(caller, COMPANY_ONLY);
    const at = now();
    const pages = orderedPages<AdminAuditDoc>(db, COLLECTIONS.adminAudit, auditFilter(db, input), 'at', 'desc');
    return exportRows(cloud, AUDIT_EXPORT, pages, {
      label: `admin-audit/${beijingDate(at)}`,
      ownerId: caller.member._id,
      now: at,
      maxRows: MAX_AUDIT_EXPORT_ROWS,
    });
  },
});

export const auditActions = { auditLog, exportAudit };
