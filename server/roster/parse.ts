/** parseRosterFile: a CSV or Excel roster file to valid rows and rejected rows with their reasons. */
import path from 'node:path';
import groupBy from 'lodash/groupBy';
import { ADMIN_LIMITS, ROSTER_TABLE_LIMITS } from '../../typings/functions/admin';
import { findHeader, type Header } from './columns';
import { RosterFileError } from './errors';
import { type FieldResult, readDepartmentPath, readEmployeeNo, readHireDate, readJobLevel, readMobile, readName } from './fields';
import { FILE_ERRORS, ROW_REASONS } from './messages';
import { isBlankRow, type RawRow } from './raw-table';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { RosterParseResult, RosterRejection, RosterRow } from './types';

export interface RosterParseOptions {
  /** Largest accepted file; a roster of tens of thousands of people fits in a few MB. */
  maxBytes?: number;
  /** Largest number of non-blank data rows. */
  maxRows?: number;
}

export const DEFAULT_MAX_BYTES = ADMIN_LIMITS.rosterFileBytes;
export const DEFAULT_MAX_ROWS = ROSTER_TABLE_LIMITS.employeeRows;

async function readRows(buffer: Buffer, fileName: string): Promise<RawRow[]> {
  const extension = path.extname(fileName).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return readCsv(buffer);
  if (extension === '.xlsx') return readXlsx(buffer);
  if (extension === '.xls') throw new RosterFileError(FILE_ERRORS.legacyXls);
  throw new RosterFileError(FILE_ERRORS.unsupportedType(fileName));
}

function readRow(raw: RawRow, { columns }: Header): RosterRow | RosterRejection {
  const cell = (index: number | undefined) => (index === undefined ? null : (raw.cells[index] ?? null));
  const employeeNo = readEmployeeNo(cell(columns.employeeNo));
  const name = readName(cell(columns.name));
  const departmentPath = readDepartmentPath(cell(columns.department));
  const jobLevel = readJobLevel(cell(columns.jobLevel));
  const hireDate = readHireDate(cell(columns.hireDate));
  const mobile: FieldResult<string | null | undefined> = columns.mobile === undefined ? { ok: true, value: undefined } : readMobile(cell(columns.mobile));
  const fields = [employeeNo, name, departmentPath, jobLevel, hireDate, mobile];
  const reasons = fields.flatMap((field) => (field.ok ? [] : [field.reason]));
  if (!employeeNo.ok || !name.ok || !departmentPath.ok || !jobLevel.ok || !hireDate.ok || !mobile.ok) {
    return { row: raw.row, ...(employeeNo.ok ? { employeeNo: employeeNo.value } : {}), reason: reasons.join('；') };
  }
  return {
    row: raw.row,
    employeeNo: employeeNo.value,
    name: name.value,
    departmentPath: departmentPath.value,
    jobLevel: jobLevel.value,
    hireDate: hireDate.value,
    ...(mobile.value === undefined ? {} : { mobile: mobile.value }),
  };
}

/**
 * Every occurrence of a repeated employee number is rejected, including next to rows rejected for other
 * reasons: the file does not say which line is right, and rejecting them all keeps that person out of the leavers.
 */
function rejectDuplicates(results: readonly (RosterRow | RosterRejection)[]): RosterParseResult {
  // Only numbers present are looked up, so each is an own key (lodash stores even `__proto__` as one).
  const withNo = results.filter((result) => result.employeeNo !== undefined);
  const sameNo = groupBy(withNo, (result) => result.employeeNo);
  const rows: RosterRow[] = [];
  const rejected: RosterRejection[] = [];
  for (const result of results) {
    const repeatedOn = result.employeeNo === undefined ? [] : (sameNo[result.employeeNo] ?? []).map((line) => line.row);
    const duplicate = repeatedOn.length > 1 && result.employeeNo !== undefined ? ROW_REASONS.duplicateEmployeeNo(result.employeeNo, repeatedOn) : null;
    if ('reason' in result) rejected.push(duplicate ? { ...result, reason: `${result.reason}；${duplicate}` } : result);
    else if (duplicate) rejected.push({ row: result.row, employeeNo: result.employeeNo, reason: duplicate });
    else rows.push(result);
  }
  return { rows, rejected };
}

/** Throws RosterFileError when the file as a whole is unusable; otherwise reports each bad row. */
export async function parseRosterFile(buffer: Buffer, fileName: string, options: RosterParseOptions = {}): Promise<RosterParseResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buffer.length > maxBytes) throw new RosterFileError(FILE_ERRORS.fileTooLarge(maxBytes));
  return parseRosterTable(await readRows(buffer, fileName), options);
}

/** The rules after reading: a table read elsewhere (the console reads the file it was given) is held to them too. */
export function parseRosterTable(rawRows: readonly RawRow[], options: RosterParseOptions = {}): RosterParseResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const header = findHeader(rawRows);
  const dataRows = rawRows.slice(header.index + 1).filter((row) => !isBlankRow(row.cells));
  if (dataRows.length === 0) throw new RosterFileError(FILE_ERRORS.noDataRows);
  if (dataRows.length > maxRows) throw new RosterFileError(FILE_ERRORS.tooManyRows(maxRows));

  return rejectDuplicates(dataRows.map((raw) => readRow(raw, header)));
}
