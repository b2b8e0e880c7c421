/** Roster (花名册) import: parse a CSV/Excel file, plan the changes, apply them; and member audiences. */
export { parseRosterFile, parseRosterTable, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS } from './parse';
export type { RosterParseOptions } from './parse';
export { planRosterImport, memberId } from './plan';
export type { ExistingOrganisation, RosterPlanOptions } from './plan';
export { applyRosterPlan } from './apply';
export type { RosterDatabase, RosterQuery } from './apply';
export { loadOrganisation, readAll } from './load';
export { deriveAudiences, DEFAULT_NEW_HIRE_DAYS } from '../core/audiences';
export type { AudienceOptions } from '../core/audiences';
export { departmentId, departmentChain } from './departments';
export { readEmployeeNo, readMobile, readName } from './fields';
export { RosterFileError } from './errors';
export { readCsvText } from './read-csv';
export type { RawRow } from './raw-table';
export * from './types';
export { importRosterFile, importRosterTable, MASS_DEACTIVATION_SHARE, MAX_REJECTED_ROWS } from './import';
export type { RosterImportOptions } from './import';
