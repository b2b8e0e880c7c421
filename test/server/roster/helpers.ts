/** Small builders shared by the roster tests. */
import type { RosterRow } from '../../../server/roster';

export const HEADER = '工号,姓名,部门,职级,入职日期,手机';

/** A UTF-8 CSV file from lines, with Windows line ends as Excel writes them. */
export function csv(...lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export function row(employeeNo: string, overrides: Partial<RosterRow> = {}): RosterRow {
  return {
    row: 2,
    employeeNo,
    name: `员工${employeeNo}`,
    departmentPath: ['总部', '人力资源部', '培训中心'],
    jobLevel: 'individual',
    hireDate: '2020-01-01',
    ...overrides,
  };
}
