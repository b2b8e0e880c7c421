/**
 * The member table's filter, shared by the list (admin.listMembers) and its export (admin.exportMembers), and
 * the export itself: every member the filter finds, with every role grant and its scope, read a page at a
 * time by `_id` through the shared export (server/core/workbook.ts).
 */
import type { MemberDoc } from '../../typings/domain';
import { adminExportContracts } from '../../typings/functions/admin';
import type { MEMBER_STATUS_FILTERS } from '../../typings/functions/admin';
import { ROLE_LABELS } from '../../typings/roles';
import type { Role, RoleGrant } from '../../typings/roles';
import { allOf, COLLECTIONS, defineAction, idPages, scopeCondition, subtreeCondition } from '../core';
import { memberKeywordCondition } from '../core/scope';
import type { Database, Scope } from '../core';
import { beijingDate } from '../core/time';
import { exportRows, exportTable } from '../core/workbook';
import { withLevels } from './learner-levels';
import { adminScope, assertManages } from './lookup';

export interface MemberFilterInput {
  keyword?: string;
  departmentId?: string;
  role?: Role;
  status: (typeof MEMBER_STATUS_FILTERS)[number];
}

/** The members an admin with `scope` asked for; a department outside the scope is refused. */
export function memberFilter(db: Database, scope: Scope, input: MemberFilterInput): Record<string, unknown> {
  if (input.departmentId !== undefined) assertManages(scope, input.departmentId);
  return allOf(db, [
    input.status === 'all' ? null : { active: input.status === 'active' },
    input.departmentId !== undefined ? subtreeCondition(db, 'departmentId', input.departmentId) : scopeCondition(db, 'departmentId', scope),
    // learner is every member: no filter.
    input.role !== undefined && input.role !== 'learner' ? { 'roles.role': input.role } : null,
    memberKeywordCondition(db, input.keyword),
  ]);
}

/** A grant as the member table shows it: 讲师（华东分公司） or 管理员（全公司）. */
function grantText(grant: RoleGrant): string {
  return `${ROLE_LABELS[grant.role]}（${grant.scopeDepartmentId ? grant.scopeDepartmentId.replace(/^dept:/, '') : '全公司'}）`;
}

export const MEMBERS_EXPORT = exportTable<MemberDoc & { level: string | null }>('成员名单', [
  { header: '工号', width: 14, cell: (member) => (member.external ? '' : (member.employeeNo ?? '')) },
  { header: '姓名', width: 12, cell: (member) => member.name },
  { header: '部门', width: 36, cell: (member) => member.departmentPath.join('/') },
  { header: '角色', width: 40, cell: (member) => (member.roles.length > 0 ? member.roles.map(grantText).join('、') : ROLE_LABELS.learner) },
  { header: '状态', width: 8, cell: (member) => (member.active ? '在职' : '已停用') },
  { header: '微信绑定', width: 10, cell: (member) => (member.boundOpenid ? '已绑定' : '未绑定') },
  { header: '外部成员', width: 10, cell: (member) => (member.external ? '是' : '') },
  { header: '学员等级', width: 10, cell: (member) => member.level ?? '' },
]);

export const exportMembers = defineAction({
  ...adminExportContracts.exportMembers,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const filter = memberFilter(db, adminScope(caller), input);
    const at = now();
    return exportRows(cloud, MEMBERS_EXPORT, withLevels(db, idPages<MemberDoc>(db, COLLECTIONS.members, filter)), {
      label: `members/${beijingDate(at)}`,
      ownerId: caller.member._id,
      now: at,
    });
  },
});
