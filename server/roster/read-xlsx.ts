/** Reads the first worksheet of an Excel (.xlsx) roster with exceljs. */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../core/excel';
import { RosterFileError } from './errors';
import { FILE_ERRORS } from './messages';
import { RawCell, RawRow } from './raw-table';

/** Flattens exceljs's cell value variants (rich text, formulas, hyperlinks) into what the user sees. */
export function toRawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null;
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : toRawCell(value.result);
  if ('error' in value) return value.error;
  return null;
}

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
