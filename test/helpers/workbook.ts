/**
 * Reads an exported workbook back (exceljs, as the server wrote it): every sheet's rows as plain arrays of
 * cell values, header first, so a test compares what a member would see in Excel.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';

export interface SheetRows {
  name: string;
  /** Row 1 is the header; cells as exceljs reads them (strings, numbers, null for empty). */
  rows: unknown[][];
}

export async function readWorkbook(source: Buffer | string): Promise<SheetRows[]> {
  const bytes = typeof source === 'string' ? fs.readFileSync(source) : source;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      // exceljs rows are 1-based: values[0] is always empty.
      const values = (row.values as unknown[]).slice(1);
      rows.push(Array.from({ length: sheet.columnCount }, (_, index) => values[index] ?? null));
    });
    return { name: sheet.name, rows };
  });
}

/** The first sheet of the workbook behind a temporary URL (a server export's link). */
export async function fetchWorkbook(url: string): Promise<SheetRows> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`download failed: ${response.status}`);
  const [sheet] = await readWorkbook(Buffer.from(await response.arrayBuffer()));
  if (!sheet) throw new Error('the workbook has no sheet');
  return sheet;
}
