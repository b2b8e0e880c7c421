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

/** Problems that make the whole file unusable. */
export const FILE_ERRORS = {
  fileTooLarge: (maxBytes: number) => `文件过大（最大 ${Math.floor(maxBytes / 1024 / 1024)} MB），请拆分后分批导入`,
  tooManyRows: (maxRows: number) => `文件行数过多（最多 ${maxRows} 行员工数据），请拆分后分批导入`,
  unsupportedType: (fileName: string) => `不支持的文件类型：${fileName}，请上传 CSV 或 Excel（.xlsx）文件`,
  legacyXls: '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
  unreadableExcel: '无法读取该 Excel 文件，请确认文件未损坏且为 .xlsx 格式',
  noWorksheet: 'Excel 文件中没有工作表',
  malformedCsv: (line: number) => `CSV 文件格式错误：第 ${line} 行附近无法解析，请检查引号是否成对`,
  noHeader: '文件是空的：缺少表头行，请使用花名册模板',
  missingColumns: (labels: readonly string[]) =>
    `缺少必需的列：${list(labels)}。表头应包含 工号、姓名、部门、职级、入职日期，手机可选`,
  duplicateColumn: (label: string) => `表头中“${label}”列出现了多次，请只保留一列`,
  noDataRows: '文件中没有员工数据',
} as const;

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
  duplicateEmployeeNo: (employeeNo: string, rows: readonly number[]) =>
    `工号 ${employeeNo} 在文件中重复出现（第 ${list(rows)} 行），请只保留一行`,
} as const;
