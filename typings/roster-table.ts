/**
 * A roster file (花名册) as a table, before any roster rule: the shape the server's readers
 * (server/roster/read-csv.ts, read-xlsx.ts) and the console's reader (web/src/services/members-roster.ts)
 * both produce, with the reading rules they share (text decoding, Excel cell flattening), so a file reads the
 * same whether it was uploaded or dropped on the console. Pure: no package is loaded here.
 */
import type { CellValue } from 'exceljs';

/** A cell as read from the file: text, a number, or a date when Excel stored one. */
export type RawCell = string | number | Date | null;

export interface RawRow {
  /** Row number as a spreadsheet user sees it (1-based). */
  row: number;
  cells: RawCell[];
}

/** A cell as the console sends it (JSON): an Excel date travels as its calendar day `YYYY-MM-DD`. */
export type WireCell = string | number | null;

/** Problems that make a roster file unusable as a whole, in the words both readers show. */
export const ROSTER_FILE_ERRORS = {
  fileTooLarge: (maxBytes: number) => `文件过大（最大 ${Math.floor(maxBytes / 1024 / 1024)} MB），请拆分后分批导入`,
  tooManyRows: (maxRows: number) => `文件行数过多（最多 ${maxRows} 行员工数据），请拆分后分批导入`,
  unsupportedType: (fileName: string) => `不支持的文件类型：${fileName}，请上传 CSV 或 Excel（.xlsx）文件`,
  legacyXls: '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
  unreadableExcel: '无法读取该 Excel 文件，请确认文件未损坏且为 .xlsx 格式',
  noWorksheet: 'Excel 文件中没有工作表',
  malformedCsv: (line: number) => `CSV 文件格式错误：第 ${line} 行附近无法解析，请检查引号是否成对`,
  noHeader: '文件是空的：缺少表头行，请使用花名册模板',
  missingColumns: (labels: readonly string[]) => `缺少必需的列：${labels.join('、')}。表头应包含 工号、姓名、部门、职级、入职日期，手机可选`,
  duplicateColumn: (label: string) => `表头中“${label}”列出现了多次，请只保留一列`,
  noDataRows: '文件中没有员工数据',
} as const;

export function isBlankRow(cells: readonly (RawCell | undefined)[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === ''));
}

/** Flattens exceljs's cell value variants (rich text, formulas, hyperlinks) into what the user sees. */
export function toRawCell(value: CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null;
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : toRawCell(value.result);
  if ('error' in value) return value.error;
  return null;
}

/**
 * The calendar day of an Excel date cell: exceljs gives Excel's zone-less date as UTC midnight, rounded here
 * to the minute against floating-point drift. Null for an invalid date.
 */
export function excelDateDay(date: Date): string | null {
  const rounded = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  return Number.isNaN(rounded.getTime()) ? null : rounded.toISOString().slice(0, 10);
}

export function wireCell(cell: RawCell): WireCell {
  return cell instanceof Date ? excelDateDay(cell) : cell;
}

interface TextDecoding {
  decode(bytes: Uint8Array): string;
}
/** Browsers and Node both have it; the mini-program's typings do not declare it, and only its callers run it. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean }) => TextDecoding;

/**
 * A CSV roster's text as Excel in China saves it: trusting a byte-order mark (UTF-8, UTF-16 "Unicode text"),
 * else UTF-8 if the bytes are valid UTF-8, else GB18030 (Chinese Excel saves "CSV (逗号分隔)" in the system
 * code page; GB18030 is a superset of GBK and GB2312).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
