/** Shared fixtures for the admin page tests: departments, members and a backend that routes by action. */
import type { MemberAdminRow } from '../../../typings/functions/admin';
import { backend, okWith, scoped, type RoutesOf } from '../../helpers/backend';
export { callsOfAction as callsOf } from '../../helpers/backend';
export { openPage, page, text } from '../harness';

export const DEPARTMENTS = [
  { id: 'd-hq', name: '总部', path: ['总部'], parentId: null },
  { id: 'd-hr', name: '人力资源部', path: ['总部', '人力资源部'], parentId: 'd-hq' },
  { id: 'd-east', name: '华东分公司', path: ['华东分公司'], parentId: null },
];

export function member(n: number, overrides: Partial<MemberAdminRow> = {}): MemberAdminRow {
  return {
    memberId: `m${n}`,
    employeeNo: `E${String(n).padStart(3, '0')}`,
    name: `员工${n}`,
    departmentId: 'd-hr',
    departmentPath: ['总部', '人力资源部'],
    jobLevel: 'individual',
    active: true,
    external: false,
    roles: [{ role: 'learner' }],
    bound: true,
    level: null,
    ...overrides,
  };
}

/** Answers `admin.<action>` from `routes`; listDepartments answers DEPARTMENTS unless overridden. */
export const adminBackend = (routes: RoutesOf<'admin'>): void => backend(scoped(['admin'], routes), { 'admin.listDepartments': okWith(DEPARTMENTS) });
