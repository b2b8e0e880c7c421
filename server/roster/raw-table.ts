/** The common shape both readers (CSV and Excel) produce before any roster rule is applied (typings/roster-table.ts). */
export { isBlankRow } from '../../typings/roster-table';
export type { RawCell, RawRow } from '../../typings/roster-table';
