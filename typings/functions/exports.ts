/**
 * Exports (导出) of the tables admins and trainers read: one answer shape for every export, and the points
 * exports (the member list's is in admin.ts, the contest's in contest-exports.ts, so no function's bundle
 * takes in another area's contracts). Every export is written by the one mechanism in server/core/workbook.ts.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { id } from '../schema';

/** An exported workbook in cloud storage: a temporary link for the member who asked, and its row count. */
export interface ExportFile {
  fileID: string;
  /** A temporary download URL for the workbook (10 minutes). */
  url: string;
  rows: number;
}

export const pointsExportContracts = {
  /** Every points account in the admin's scope (or `departmentId`'s subtree), highest balance first. */
  exportBalances: contract<ExportFile>()(z.strictObject({ departmentId: z.optional(id) })),
  /** One member's ledger, newest first (a member the admin manages). */
  exportLedger: contract<ExportFile>()(z.strictObject({ memberId: id })),
};
