/** Reads a CSV roster as Excel in China saves it: UTF-8 (with or without BOM), UTF-16 ("Unicode text") or GBK/GB18030. */
import { parse } from 'csv-parse/sync';
import { decodeText } from '../../typings/roster-table';
import { RosterFileError } from './errors';
import { FILE_ERRORS } from './messages';
import type { RawRow } from './raw-table';

/** Excel's "Unicode text" export is tab-separated, some locales use semicolons: pick what the header line uses most. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const candidates = [',', '\t', ';'];
  const counts = candidates.map((c) => firstLine.split(c).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] === 0 ? ',' : (candidates[best] as string);
}

/** The rows of CSV text already decoded (the console decodes the file it was given; see typings/roster-table.ts). */
export function readCsvText(text: string): RawRow[] {
  let records: string[][];
  try {
    // Empty lines are kept as records so that row numbers match what Excel shows when it opens the file.
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const lines = typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
    throw new RosterFileError(FILE_ERRORS.malformedCsv(lines));
  }
  return records.map((cells, index) => ({ row: index + 1, cells }));
}

export function readCsv(buffer: Buffer): RawRow[] {
  return readCsvText(decodeText(buffer));
}
