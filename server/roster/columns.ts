/** Recognises the header row: Chinese or English column names, with the decorations templates add. */
import { RosterFileError } from './errors';
import { COLUMN_LABELS, type ColumnKey, FILE_ERRORS } from './messages';
import { isBlankRow, type RawCell, type RawRow } from './raw-table';

const REQUIRED: readonly ColumnKey[] = ['employeeNo', 'name', 'department', 'jobLevel', 'hireDate'];

/** Header names after `normaliseHeader`. */
const ALIASES: Record<ColumnKey, readonly string[]> = {
  employeeNo: ['工号', '员工工号', '员工编号', '员工号', '职工号', 'employeeno', 'employeenumber', 'employeeid', 'staffno'],
  name: ['姓名', '员工姓名', 'name', 'fullname'],
  department: ['部门', '所属部门', '部门路径', 'department', 'departmentpath', 'dept'],
  jobLevel: ['职级', '级别', '岗位级别', 'joblevel', 'level'],
  hireDate: ['入职日期', '入职时间', 'hiredate', 'joindate', 'startdate'],
  mobile: ['手机', '手机号', '手机号码', 'mobile', 'mobilephone', 'cellphone', 'phone'],
};

const BY_ALIAS = new Map<string, ColumnKey>(
  (Object.entries(ALIASES) as [ColumnKey, readonly string[]][]).flatMap(([key, names]) => names.map((name) => [name, key] as const)),
);

/** Folds width and case, drops notes in brackets ("入职日期（YYYY-MM-DD）"), required marks and separators. */
export function normaliseHeader(cell: RawCell): string {
  if (typeof cell !== 'string') return '';
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*_\-:.]/g, '');
}

export type ColumnMap = Partial<Record<ColumnKey, number>>;

function mapColumns(cells: readonly RawCell[]): ColumnMap {
  const map: ColumnMap = {};
  cells.forEach((cell, index) => {
    const key = BY_ALIAS.get(normaliseHeader(cell));
    if (!key) return;
    if (map[key] !== undefined) throw new RosterFileError(FILE_ERRORS.duplicateColumn(COLUMN_LABELS[key]));
    map[key] = index;
  });
  return map;
}

/** How many leading non-blank rows may sit above the header (a title such as "员工花名册"). */
const HEADER_SEARCH_ROWS = 5;

export interface Header {
  /** Index in the rows array of the header row. */
  index: number;
  columns: Required<Pick<ColumnMap, 'employeeNo' | 'name' | 'department' | 'jobLevel' | 'hireDate'>> & Pick<ColumnMap, 'mobile'>;
}

/**
 * The header is the first row naming both 工号 and 姓名 among the first few non-blank rows; failing that,
 * the first non-blank row, so that the error lists what that row lacks.
 */
export function findHeader(rows: readonly RawRow[]): Header {
  const candidates = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !isBlankRow(row.cells))
    .slice(0, HEADER_SEARCH_ROWS);
  const first = candidates[0];
  if (!first) throw new RosterFileError(FILE_ERRORS.noHeader);
  const found = candidates
    .map(({ row, index }) => ({ index, map: mapColumns(row.cells) }))
    .find(({ map }) => map.employeeNo !== undefined && map.name !== undefined);
  const { index, map } = found ?? { index: first.index, map: mapColumns(first.row.cells) };
  const missing = REQUIRED.filter((key) => map[key] === undefined);
  if (missing.length > 0) throw new RosterFileError(FILE_ERRORS.missingColumns(missing.map((key) => COLUMN_LABELS[key])));
  const { employeeNo, name, department, jobLevel, hireDate, mobile } = map as Required<ColumnMap>;
  return { index, columns: { employeeNo, name, department, jobLevel, hireDate, ...(map.mobile === undefined ? {} : { mobile }) } };
}
