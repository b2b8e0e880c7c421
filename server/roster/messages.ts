/** Every Chinese message of the roster import, in one place so wording stays consistent. */

export const COLUMN_LABELS = {
  employeeNo: '工号',
  name: '姓名',
  department: '部门',
  jobLevel: '职级',
  hireDate: '入职日期',
  mobile: '手机',
} as const;

export type ColumnKey = keyof typeof COLUMN_LABELS;

const list = (items: readonly (string | number)[]): string => items.join('、');

/** Problems that make the whole file unusable (shared with the console's reader). */
export { ROSTER_FILE_ERRORS as FILE_ERRORS } from '../../typings/roster-table';

/** Reasons a single row is rejected; the rest of the file is still imported. */
export const ROW_REASONS = {
  missing: (label: string) => `${label}不能为空`,
  tooLong: (label: string, max: number) => `${label}过长（最多 ${max} 个字符）`,
  badEmployeeNo: '工号只能包含字母、数字、短横线和下划线',
  badDepartment: (value: string) => `部门路径不正确：${value}（应为“总部/人力资源部/培训中心”这样的层级）`,
  departmentTooDeep: (max: number) => `部门层级过多（最多 ${max} 级）`,
  badJobLevel: (value: string) => `职级无法识别：${value}（应为 员工、一线经理 或 中高层）`,
  badDate: (value: string) => `入职日期无法识别：${value}（应为 2024-03-01 或 2024/3/1 这样的日期）`,
  badMobile: (value: string) => `手机号不正确：${value}（应为 11 位中国大陆手机号）`,
  duplicateEmployeeNo: (employeeNo: string, rows: readonly number[]) => `工号 ${employeeNo} 在文件中重复出现（第 ${list(rows)} 行），请只保留一行`,
} as const;
