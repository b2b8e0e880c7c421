/** Reads and checks each roster field of one row; every failure carries the Chinese reason shown to the admin. */
import { excelDateDay } from '../../typings/roster-table';
import { COLUMN_LABELS, ROW_REASONS } from './messages';
import type { RawCell } from './raw-table';
import type { JobLevel } from './types';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): FieldResult<T> => ({ ok: false, reason });

export const LIMITS = {
  employeeNo: 32,
  name: 50,
  departmentSegment: 50,
  departmentDepth: 10,
} as const;

/** What the user typed, as text; Excel numbers print without exponent for the sizes a roster holds. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const EMPLOYEE_NO = /^[0-9A-Za-z_-]+$/;

/** Employee numbers stay strings: leading zeros matter. Full-width digits (０１２) fold to ASCII. */
export function readEmployeeNo(cell: RawCell): FieldResult<string> {
  const value = cellText(cell).normalize('NFKC').trim();
  if (value === '') return fail(ROW_REASONS.missing(COLUMN_LABELS.employeeNo));
  if (value.length > LIMITS.employeeNo) return fail(ROW_REASONS.tooLong(COLUMN_LABELS.employeeNo, LIMITS.employeeNo));
  if (!EMPLOYEE_NO.test(value)) return fail(ROW_REASONS.badEmployeeNo);
  return ok(value);
}

export function readName(cell: RawCell): FieldResult<string> {
  const value = cellText(cell).replace(/\s+/g, ' ');
  if (value === '') return fail(ROW_REASONS.missing(COLUMN_LABELS.name));
  if (value.length > LIMITS.name) return fail(ROW_REASONS.tooLong(COLUMN_LABELS.name, LIMITS.name));
  return ok(value);
}

/** `总部/人力资源部/培训中心`, also with `／` or `\` and spaces around the separators; outer separators are ignored. */
export function readDepartmentPath(cell: RawCell): FieldResult<string[]> {
  const text = cellText(cell);
  if (text === '') return fail(ROW_REASONS.missing(COLUMN_LABELS.department));
  const segments = text.split(/[/／\\]/).map((segment) => segment.trim().replace(/\s+/g, ' '));
  while (segments[0] === '') segments.shift();
  while (segments[segments.length - 1] === '') segments.pop();
  if (segments.length === 0 || segments.includes('')) return fail(ROW_REASONS.badDepartment(text));
  if (segments.length > LIMITS.departmentDepth) return fail(ROW_REASONS.departmentTooDeep(LIMITS.departmentDepth));
  if (segments.some((segment) => segment.length > LIMITS.departmentSegment)) {
    return fail(ROW_REASONS.tooLong(COLUMN_LABELS.department, LIMITS.departmentSegment));
  }
  return ok(segments);
}

/** Folded like headers: width, case, spaces and separators do not matter. */
const JOB_LEVEL_NAMES: Record<JobLevel, readonly string[]> = {
  individual: ['员工', '个人贡献者', '普通员工', 'individual', 'individualcontributor', 'ic'],
  first_line_manager: ['一线经理', '基层经理', '一线管理者', '基层管理者', 'firstlinemanager'],
  middle_senior_manager: ['中高层', '中高层经理', '中高层管理者', 'middleseniormanager'],
};

/** The job level as the roster template and the admin's diff write it (员工, 一线经理, 中高层). */
export function jobLevelLabel(level: JobLevel): string {
  return JOB_LEVEL_NAMES[level][0] as string;
}

const JOB_LEVEL_BY_NAME = new Map<string, JobLevel>(
  (Object.entries(JOB_LEVEL_NAMES) as [JobLevel, readonly string[]][]).flatMap(([level, names]) => names.map((name) => [name, level] as const)),
);

export function readJobLevel(cell: RawCell): FieldResult<JobLevel> {
  const text = cellText(cell);
  if (text === '') return fail(ROW_REASONS.missing(COLUMN_LABELS.jobLevel));
  const level = JOB_LEVEL_BY_NAME.get(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s_-]/g, ''),
  );
  return level ? ok(level) : fail(ROW_REASONS.badJobLevel(text));
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` for a real calendar date within the accepted years, else null. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Excel's day serial: day 1 is 1900-01-01 and day 60 is Lotus's phantom 1900-02-29, so later days count from 1899-12-30. */
export function excelSerialToDate(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day === 60) return null;
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + day * DAY_MS);
  return calendarDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const DATE_PATTERN = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * Hire dates as people and Excel write them: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, an Excel
 * date cell, or a bare day serial (a date column saved as "常规"). Day-first and month-first forms are refused:
 * 3/1/2024 is ambiguous.
 */
export function readHireDate(cell: RawCell): FieldResult<string> {
  if (cell instanceof Date) {
    // The console sends the same day as text (typings/roster-table.ts), which the text branch below checks alike.
    const day = excelDateDay(cell);
    const date = day === null ? null : calendarDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
    return date ? ok(date) : fail(ROW_REASONS.badDate(cellText(cell)));
  }
  if (typeof cell === 'number') {
    if (/^\d{8}$/.test(String(cell))) return readHireDate(String(cell));
    const fromSerial = excelSerialToDate(cell);
    return fromSerial ? ok(fromSerial) : fail(ROW_REASONS.badDate(String(cell)));
  }
  const text = cellText(cell).normalize('NFKC');
  if (text === '') return fail(ROW_REASONS.missing(COLUMN_LABELS.hireDate));
  const parts = DATE_PATTERN.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  let date: string | null = null;
  if (parts) date = calendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  else if (/^\d{1,6}(?:\.\d+)?$/.test(text)) date = excelSerialToDate(Number(text));
  return date ? ok(date) : fail(ROW_REASONS.badDate(cellText(cell)));
}

const MOBILE = /^1[3-9]\d{9}$/;

/** Optional Chinese mainland mobile: 11 digits starting 13–19, spaces, dashes and a +86 prefix tolerated. */
export function readMobile(cell: RawCell): FieldResult<string | null> {
  const text = cellText(cell);
  if (text === '') return ok(null);
  const digits = text
    .normalize('NFKC')
    .replace(/[\s\-()]/g, '')
    .replace(/^(?:\+?86)(?=1\d{10}$)/, '');
  return MOBILE.test(digits) ? ok(digits) : fail(ROW_REASONS.badMobile(text));
}
