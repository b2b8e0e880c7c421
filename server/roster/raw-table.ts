/** The common shape both readers (CSV and Excel) produce before any roster rule is applied. */

/** A cell as read from the file: text, a number, or a date when Excel stored one. */
export type RawCell = string | number | Date | null;

export interface RawRow {
  /** Row number as a spreadsheet user sees it (1-based). */
  row: number;
  cells: RawCell[];
}

export function isBlankRow(cells: readonly RawCell[]): boolean {
  return cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}
