/** Reads the first worksheet of an Excel (.xlsx) roster with exceljs. */
import type ExcelJS from 'exceljs';
import { toRawCell } from '../../typings/roster-table';
import { loadExcel } from '../core/excel';
import { RosterFileError } from './errors';
import { FILE_ERRORS } from './messages';
import type { RawCell, RawRow } from './raw-table';

export async function readXlsx(buffer: Buffer): Promise<RawRow[]> {
  const workbook = new (loadExcel().Workbook)();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it expects.
    await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new RosterFileError(FILE_ERRORS.unreadableExcel);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError(FILE_ERRORS.noWorksheet);
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(toRawCell(row.getCell(column).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}
