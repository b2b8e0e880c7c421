/**
 * importRosterFile: the one roster import the `admin.importRoster` action and scripts/import-roster.ts run
 * (and `admin.importRosterTable`, from a table the console read): parse, plan against the stored
 * organisation, refuse a mass deactivation, then apply (unless a dry run), and say who changes how. A file
 * that cannot be imported as a whole writes nothing.
 *
 * The apply is many writes, not one transaction, so its audit record (操作日志) is written before the apply
 * starts, with the planned counts: a run that stops half way (and is finished by running the file again)
 * is on record either way.
 */
import type { RosterImportResult } from '../../typings/functions/admin';
import { AppError } from '../core/errors';
import { recordAudit } from '../core/audit';
import type { AuditActor, AuditStore } from '../core/audit';
import { applyRosterPlan, type RosterDatabase } from './apply';
import { RosterFileError } from './errors';
import { loadOrganisation } from './load';
import { parseRosterFile, parseRosterTable } from './parse';
import { rosterChanges } from './diff';
import type { RawRow } from './raw-table';
import type { RosterParseResult } from './types';
import { planRosterImport } from './plan';

export interface RosterImportOptions {
  dryRun?: boolean;
  allowMassDeactivation?: boolean;
  now?: Date;
  /** Who imports, for the audit log. */
  actor: AuditActor;
}

/** More than this share of the active roster leaving at once looks like a truncated file. */
export const MASS_DEACTIVATION_SHARE = 1 / 5;
/** Rejected rows returned to the caller (the count in the report is always complete). */
export const MAX_REJECTED_ROWS = 500;

export async function importRosterFile(db: RosterDatabase, buffer: Buffer, fileName: string, options: RosterImportOptions): Promise<RosterImportResult> {
  return importParsed(db, () => parseRosterFile(buffer, fileName), fileName, options);
}

/** The same import from a table read elsewhere (the console reads the dropped file in the browser). */
export async function importRosterTable(
  db: RosterDatabase,
  rows: readonly RawRow[],
  fileName: string,
  options: RosterImportOptions,
): Promise<RosterImportResult> {
  return importParsed(db, async () => parseRosterTable(rows), fileName, options);
}

async function importParsed(
  db: RosterDatabase,
  parse: () => Promise<RosterParseResult>,
  fileName: string,
  options: RosterImportOptions,
): Promise<RosterImportResult> {
  const now = options.now ?? new Date();
  let parsed: Awaited<ReturnType<typeof parseRosterFile>>;
  try {
    parsed = await parse();
  } catch (err) {
    if (err instanceof RosterFileError) throw new AppError('INVALID_INPUT', err.message);
    throw err;
  }
  const existing = await loadOrganisation(db);
  const plan = planRosterImport(parsed.rows, existing, now, { rejected: parsed.rejected });
  const activeRoster = existing.members.filter((member) => member.active && !member.external).length;
  const leaving = plan.deactivations.length;
  if (!options.allowMassDeactivation && leaving > 0 && leaving > activeRoster * MASS_DEACTIVATION_SHARE) {
    throw new AppError(
      'MASS_DEACTIVATION',
      `本次导入将停用 ${leaving} 名员工（在职 ${activeRoster} 名，超过五分之一），请确认名单完整；如确需停用，请勾选“允许大批停用”后重新导入`,
    );
  }
  if (!options.dryRun) {
    await recordAudit(db as AuditStore, {
      actor: options.actor,
      action: 'roster_import',
      target: { kind: 'roster', id: fileName, name: fileName },
      before: { activeMembers: activeRoster },
      after: { ...plan.report },
      at: now,
    });
  }
  const report = options.dryRun ? { ...plan.report } : await applyRosterPlan(db, plan);
  const rejected = parsed.rejected
    .slice(0, MAX_REJECTED_ROWS)
    .map(({ row, employeeNo, reason }) => (employeeNo === undefined ? { row, reason } : { row, employeeNo, reason }));
  return { dryRun: options.dryRun === true, report, rejected, changes: rosterChanges(plan, existing) };
}
