/**
 * Excel exports (导出): one place, so every export is stored, recorded and linked alike.
 *
 * An export holds private data (names, scores, orders), so:
 * - it is written to `private/exports/<member>/<128-bit random>.xlsx`: unguessable, and under `private/`,
 *   which the storage rules let no client read (database/storage-rules.json);
 * - only the member who asked gets a link: a temporary URL valid for EXPORT_URL_SECONDS, made by the server
 *   (server calls are not bound by the rules) and returned by that member's own action;
 * - it is recorded in `exportFiles`, and the `storageCleanup` timer deletes it a day later
 *   (server/storageCleanup), so the timer finds files without listing storage.
 * Temporary URLs (`max_age` in seconds):
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/getTempFileURL.html
 */
import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { WxCloud } from './cloud';
import { COLLECTIONS } from './collections';
import { loadExcel } from './excel';
import type { ExportFileDoc } from '../../typings/docs/storage';

/** How long the link to an export works: enough to download it once, not to pass it around for days. */
export const EXPORT_URL_SECONDS = 10 * 60;
/** How long an export file is kept before the timer deletes it. */
export const EXPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const EXPORTS_FOLDER = 'private/exports';

export interface PublishedWorkbook {
  fileID: string;
  url: string;
}

/** An id as one storage path segment or file-name part (`m:E3001` → `m_E3001`). */
export const pathSegment = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_');

/** What one cell of an export holds. */
export type ExportCell = string | number | null;

/** One column of an exported table: its header as the app shows it, its width in characters, and its cell. */
export interface ExportColumn<Row> {
  header: string;
  width: number;
  cell(row: Row): ExportCell;
}

/**
 * An exported table (导出): the sheet's name and its columns, declared once per table next to the code that
 * reads its rows, so the header, the width and the value of a column never drift apart.
 */
export interface ExportTable<Row> {
  sheet: string;
  columns: readonly ExportColumn<Row>[];
}

export function exportTable<Row>(sheet: string, columns: readonly ExportColumn<Row>[]): ExportTable<Row> {
  return { sheet, columns };
}

/** A column reading one field of the row as it is. */
export function field<Row, K extends keyof Row & string>(header: string, key: K, width: number): ExportColumn<Row> {
  return { header, width, cell: (row) => (row[key] ?? null) as ExportCell };
}

/** Who asked for an export and what it is called in the records (`exportFiles.label`). */
export interface ExportRequestOf {
  label: string;
  ownerId: string;
  now: Date;
  /** The most rows the file holds; reading stops there (exports of a growing log are capped). */
  maxRows?: number;
}

export interface ExportResult extends PublishedWorkbook {
  rows: number;
}

/**
 * The one way a table is exported: its rows arrive a page at a time (`pages`, typically a query read by
 * orderedPages or idPages), each page is written into the sheet and let go, and the workbook is published
 * for the member who asked. No export holds a whole growing collection in memory at once.
 */
export async function exportRows<Row>(
  cloud: WxCloud,
  table: ExportTable<Row>,
  pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>,
  request: ExportRequestOf,
): Promise<ExportResult> {
  const workbook = new (loadExcel().Workbook)();
  const sheet = addTableSheet(workbook, table);
  const max = request.maxRows ?? Number.POSITIVE_INFINITY;
  let rows = 0;
  for await (const page of pages) {
    for (const row of page.slice(0, max - rows)) sheet.addRow(table.columns.map((column) => column.cell(row)));
    rows = Math.min(max, rows + page.length);
    if (rows >= max) break;
  }
  const published = await publishWorkbook(cloud, workbook, request.label, request.ownerId, request.now);
  return { ...published, rows };
}

function addTableSheet<Row>(workbook: ExcelJS.Workbook, table: ExportTable<Row>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.sheet);
  sheet.columns = table.columns.map((column, index) => ({ header: column.header, key: `c${index}`, width: column.width }));
  return sheet;
}

/** One sheet of a several-sheet export: its table and its rows (small, already read: one member's record). */
export interface ExportPart<Row> {
  table: ExportTable<Row>;
  rows: readonly Row[];
  /** Whether its rows count in the answer's `rows` (a summary sheet's do not). */
  counted: boolean;
}

/** Several small tables in one workbook, one sheet each, declared like any export's table; answers the rows written. */
export async function exportParts(cloud: WxCloud, parts: readonly ExportPart<never>[], request: ExportRequestOf): Promise<ExportResult> {
  const workbook = new (loadExcel().Workbook)();
  let rows = 0;
  for (const part of parts as readonly ExportPart<unknown>[]) {
    const sheet = addTableSheet(workbook, part.table);
    for (const row of part.rows) sheet.addRow(part.table.columns.map((column) => column.cell(row)));
    if (part.counted) rows += part.rows.length;
  }
  const published = await publishWorkbook(cloud, workbook, request.label, request.ownerId, request.now);
  return { ...published, rows };
}

/** A part of `exportParts`, typed by its rows; a summary passes `counted: false`. */
export const part = <Row>(table: ExportTable<Row>, rows: readonly Row[], counted = true): ExportPart<never> =>
  ({ table, rows, counted }) as unknown as ExportPart<never>;

/**
 * Stores `workbook` privately for `ownerId` (the calling member) and answers its file id and a short-lived
 * URL for that member alone.
 */
export async function publishWorkbook(
  cloud: WxCloud,
  workbook: ExcelJS.Workbook,
  label: string,
  ownerId: string,
  now = new Date(),
): Promise<PublishedWorkbook> {
  const name = randomBytes(16).toString('hex');
  const fileContent = Buffer.from(await workbook.xlsx.writeBuffer());
  const { fileID } = (await cloud.uploadFile({ cloudPath: `${EXPORTS_FOLDER}/${pathSegment(ownerId)}/${name}.xlsx`, fileContent })) as { fileID: string };
  // Recorded before the link is handed out: a file the timer does not know of would never be deleted.
  const record: Omit<ExportFileDoc, '_id'> = { fileID, ownerId, label, createdAt: now };
  await cloud.database().collection(COLLECTIONS.exportFiles).doc(name).set({ data: record });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: EXPORT_URL_SECONDS }] })) as { fileList: { tempFileURL?: string }[] };
  const url = fileList[0]?.tempFileURL;
  if (!url) throw new Error(`no temporary URL for ${fileID}`);
  return { fileID, url };
}
