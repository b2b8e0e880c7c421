/** Reads a CSV roster as Excel in China saves it: UTF-8 (with or without BOM), UTF-16 ("Unicode text") or GBK/GB18030. */
import { parse } from 'csv-parse/sync';
import { RosterFileError } from './errors';
import { FILE_ERRORS } from './messages';
import { RawRow } from './raw-table';

/** Decodes the bytes, trusting a byte-order mark, else UTF-8 if the bytes are valid UTF-8, else GB18030. */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return new TextDecoder('utf-8').decode(buffer.subarray(3));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Chinese Excel saves "CSV (逗号分隔)" in the system code page; GB18030 is a superset of GBK and GB2312.
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** Excel's "Unicode text" export is tab-separated, some locales use semicolons: pick what the header line uses most. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const candidates = [',', '\t', ';'];
  const counts = candidates.map((c) => firstLine.split(c).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] === 0 ? ',' : (candidates[best] as string);
}

export function readCsv(buffer: Buffer): RawRow[] {
  const text = decodeText(buffer);
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
