/**
 * Exports (导出) of the tables admins and trainers read, beyond those each area declared with its own list:
 * one answer shape for every export, and the contracts of the member list, points balances and a member's
 * ledger. Every export is written by the one mechanism in server/core/workbook.ts.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { id } from '../schema';
import { ROLES } from '../roles';
import { ADMIN_LIMITS, MEMBER_STATUS_FILTERS } from './admin';

/** An exported workbook in cloud storage: a temporary link for the member who asked, and its row count. */
export interface ExportFile {
  fileID: string;
  /** A temporary download URL for the workbook (10 minutes). */
  url: string;
  rows: number;
}

export const adminExportContracts = {
  /** The member table with every role grant and its scope, with the member table's own filters. */
  exportMembers: contract<ExportFile>()(
    z.strictObject({
      keyword: z.optional(z.string().check(z.trim(), z.maxLength(ADMIN_LIMITS.keyword))),
      departmentId: z.optional(id),
      role: z.optional(z.enum(ROLES)),
      status: z._default(z.enum(MEMBER_STATUS_FILTERS), 'active'),
    }),
  ),
};

export const pointsExportContracts = {
  /** Every points account in the admin's scope (or `departmentId`'s subtree), highest balance first. */
  exportBalances: contract<ExportFile>()(z.strictObject({ departmentId: z.optional(id) })),
  /** One member's ledger, newest first (a member the admin manages). */
  exportLedger: contract<ExportFile>()(z.strictObject({ memberId: id })),
};
