/**
 * Reads a roster file dropped on the members page into the table `admin.importRosterTable` takes: an Excel
 * workbook's first sheet as rows (exceljs, loaded on first use so it stays out of the first page's
 * JavaScript), a CSV file as its decoded text. The reading rules are typings/roster-table.ts's, the ones the
 * server's own readers use; every roster rule (header, fields, duplicates) stays on the server.
 */
import type { ActionInput } from '../../../typings/api';
import { ADMIN_LIMITS, ROSTER_TABLE_LIMITS } from '../../../typings/functions/admin';
import { decodeText, isBlankRow, ROSTER_FILE_ERRORS, toRawCell, wireCell, type WireCell } from '../../../typings/roster-table';

export type RosterTable = ActionInput<'admin', 'importRosterTable'>['table'];

/** A file the console refuses before sending anything; `message` is shown as it is. */
export class RosterReadError extends Error {}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

async function readSheet(bytes: ArrayBuffer): Promise<RosterTable> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    throw new RosterReadError(ROSTER_FILE_ERRORS.unreadableExcel);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterReadError(ROSTER_FILE_ERRORS.noWorksheet);
  const rows: { row: number; cells: WireCell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: WireCell[] = [];
    const width = Math.min(row.cellCount, ROSTER_TABLE_LIMITS.columns);
    for (let column = 1; column <= width; column += 1) {
      const cell = wireCell(toRawCell(row.getCell(column).value));
      // A cell longer than any roster field is cut: the server then names the field that is too long.
      cells.push(typeof cell === 'string' ? cell.slice(0, ROSTER_TABLE_LIMITS.cellLength) : cell);
    }
    if (!isBlankRow(cells)) rows.push({ row: rowNumber, cells });
  });
  if (rows.length > ROSTER_TABLE_LIMITS.rows) throw new RosterReadError(ROSTER_FILE_ERRORS.tooManyRows(ROSTER_TABLE_LIMITS.employeeRows));
  return { kind: 'sheet', rows };
}

export async function readRosterFile(file: File): Promise<RosterTable> {
  if (file.size > ADMIN_LIMITS.rosterFileBytes) throw new RosterReadError(ROSTER_FILE_ERRORS.fileTooLarge(ADMIN_LIMITS.rosterFileBytes));
  const extension = extensionOf(file.name);
  const bytes = await file.arrayBuffer();
  if (extension === '.xlsx') return readSheet(bytes);
  if (extension === '.csv' || extension === '.txt') return { kind: 'csv', text: decodeText(new Uint8Array(bytes)) };
  if (extension === '.xls') throw new RosterReadError(ROSTER_FILE_ERRORS.legacyXls);
  throw new RosterReadError(ROSTER_FILE_ERRORS.unsupportedType(file.name));
}
