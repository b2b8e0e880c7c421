/** Function `admin`: members, roles, invitation codes and the roster import (管理后台). */
import * as z from 'zod/mini';
import type { ExportFile } from './exports';
import { contract } from '../contract';
import { day, fileId, id } from '../schema';
import { BIND_LOG_OUTCOMES, INVITATION_DOC_STATUSES } from '../domain';
import type { BindLogDoc, BindLogOutcome, BindLogReason } from '../domain';
import { ROLES } from '../roles';
import { type Page, pageInputShape } from './paging';
import type { MemberProfile } from './user';
import { AUDIT_ACTIONS } from '../docs/admin-audit';
import type { AdminAuditDoc } from '../docs/admin-audit';

export interface MemberAdminView extends MemberProfile {
  /** Whether a WeChat user is bound to this member. */
  bound: boolean;
}

/** A row of the member table (admin.listMembers): the member and their learner level (学员等级), or null below the first rung. */
export interface MemberAdminRow extends MemberAdminView {
  level: string | null;
}

export const INVITATION_STATUSES = [...INVITATION_DOC_STATUSES, 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationView {
  code: string;
  /** Who the code is for, as the admin typed it. */
  name: string;
  note: string;
  departmentId: string;
  departmentPath: string[];
  status: InvitationStatus;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedByMemberId: string | null;
}

/** A freshly issued bind code (绑定码): shown once, never stored in clear. */
export interface BindCodeIssued {
  memberId: string;
  code: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** One binding attempt as admins see it; the WeChat user appears as a stable pseudonym, never an OPENID. */
export interface BindAttemptView {
  id: string;
  /** ISO 8601. */
  at: string;
  wechatUser: string;
  employeeNo: string;
  memberId: string | null;
  factor: BindLogDoc['factor'];
  outcome: BindLogOutcome;
  reason: BindLogReason;
}

export interface DepartmentView {
  id: string;
  name: string;
  path: string[];
  parentId: string | null;
}

export interface RosterImportReport {
  inserted: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  reactivated: number;
  rejected: number;
  departmentsCreated: number;
}

/** A roster-owned field as the import's diff names it. */
export const ROSTER_DIFF_FIELDS = ['name', 'department', 'jobLevel', 'hireDate', 'mobile'] as const;
export type RosterDiffField = (typeof ROSTER_DIFF_FIELDS)[number];

/** One field of one member, before and after, as the admin reads it (a mobile is masked; null: empty). */
export interface RosterFieldChange {
  field: RosterDiffField;
  before: string | null;
  after: string | null;
}

/** A member the import adds, changes or deactivates, as the file (or, for leavers, the roster) names them. */
export interface RosterDiffMember {
  employeeNo: string;
  name: string;
  departmentPath: string[];
}

/**
 * Who the import adds, changes (field by field), brings back and deactivates: at most
 * `ROSTER_DIFF_LISTED` of each, in employee number order; the report has the full counts.
 */
export interface RosterChanges {
  added: RosterDiffMember[];
  changed: (RosterDiffMember & { fields: RosterFieldChange[] })[];
  reactivated: (RosterDiffMember & { fields: RosterFieldChange[] })[];
  deactivated: RosterDiffMember[];
}

export const ROSTER_DIFF_LISTED = 1000;

export interface RosterImportResult {
  /** True when nothing was written (a preview). */
  dryRun: boolean;
  report: RosterImportReport;
  /** Rejected rows with the row number a spreadsheet shows and a Chinese reason. */
  rejected: { row: number; employeeNo?: string; reason: string }[];
  changes: RosterChanges;
}

/** Roles an admin grants; `learner` is every member and is never granted. */
const grantableRole = z.enum(ROLES.filter((role) => role !== 'learner') as ['trainer', 'reviewer', 'judge', 'admin']);
const roleChange = z.strictObject({ memberId: id, role: grantableRole, scopeDepartmentId: z.optional(id) });

/** The member table's status filter. */
export const MEMBER_STATUS_FILTERS = ['active', 'inactive', 'all'] as const;

/** Lengths and ranges of the admin forms; the app's forms read them (miniprogram/utils/limits.ts). */
export const ADMIN_LIMITS = {
  keyword: 32,
  employeeNo: 32,
  invitationName: 32,
  invitationNote: 100,
  invitationDays: 30,
  /** A roster file (CSV or .xlsx), in bytes. */
  rosterFileBytes: 5 * 1024 * 1024,
} as const;

/** A roster file's employee rows, and a roster the console read: rows (with a header and title lines), columns, a cell. */
export const ROSTER_TABLE_LIMITS = {
  employeeRows: 20_000,
  rows: 20_010,
  columns: 30,
  cellLength: 200,
  fileName: 100,
} as const;

/** A roster cell as the console sends it (typings/roster-table.ts): text, a number, or empty. */
const rosterCell = z.union([z.string().check(z.maxLength(ROSTER_TABLE_LIMITS.cellLength)), z.number(), z.null()]);

/** The roster file the console read: CSV as its decoded text, an Excel sheet as its non-blank rows. */
const rosterTable = z.union([
  z.strictObject({ kind: z.literal('csv'), text: z.string().check(z.maxLength(ADMIN_LIMITS.rosterFileBytes)) }),
  z.strictObject({
    kind: z.literal('sheet'),
    rows: z
      .array(z.strictObject({ row: z.int().check(z.gte(1), z.lte(1_048_576)), cells: z.array(rosterCell).check(z.maxLength(ROSTER_TABLE_LIMITS.columns)) }))
      .check(z.maxLength(ROSTER_TABLE_LIMITS.rows)),
  }),
]);

const importOptionsShape = {
  dryRun: z._default(z.boolean(), false),
  /** Required to deactivate more than a fifth of the active members at once (a truncated file). */
  allowMassDeactivation: z._default(z.boolean(), false),
};

export const adminContracts = {
  listMembers: contract<Page<MemberAdminRow>>()(
    z.strictObject({
      ...pageInputShape,
      /** Matches the start of an employee number or part of a name. */
      keyword: z.optional(z.string().check(z.trim(), z.maxLength(ADMIN_LIMITS.keyword))),
      /** The department and its subtree. */
      departmentId: z.optional(id),
      role: z.optional(z.enum(ROLES)),
      status: z._default(z.enum(MEMBER_STATUS_FILTERS), 'active'),
    }),
  ),
  grantRole: contract<MemberAdminView>()(roleChange),
  revokeRole: contract<MemberAdminView>()(roleChange),
  unbindMember: contract<MemberAdminView>()(z.strictObject({ memberId: id })),
  listDepartments: contract<DepartmentView[]>()(z.strictObject({})),
  createInvitation: contract<InvitationView>()(
    z.strictObject({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(ADMIN_LIMITS.invitationName)),
      note: z._default(z.string().check(z.trim(), z.maxLength(ADMIN_LIMITS.invitationNote)), ''),
      /** Department the partner is attached to (for scoping and reports). */
      departmentId: id,
      validDays: z._default(z.int().check(z.gte(1), z.lte(ADMIN_LIMITS.invitationDays)), 7),
    }),
  ),
  listInvitations: contract<Page<InvitationView>>()(z.strictObject({ ...pageInputShape, status: z.optional(z.enum(INVITATION_STATUSES)) })),
  revokeInvitation: contract<InvitationView>()(z.strictObject({ code: id })),
  /** Issues a one-time bind code for a roster member in the admin's scope (replaces an earlier one). */
  issueBindCode: contract<BindCodeIssued>()(z.strictObject({ memberId: id })),
  /** Binding attempts, newest first, within the admin's scope. */
  listBindAttempts: contract<Page<BindAttemptView>>()(
    z.strictObject({
      ...pageInputShape,
      employeeNo: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(ADMIN_LIMITS.employeeNo))),
      outcome: z.optional(z.enum(BIND_LOG_OUTCOMES)),
    }),
  ),
  /** Imports a roster file (CSV or .xlsx) the admin uploaded to cloud storage. */
  importRoster: contract<RosterImportResult>()(z.strictObject({ fileID: fileId, ...importOptionsShape })),
  /**
   * The same import from a file the console read in the browser (dropped on the page): the server applies
   * every roster rule to the table it is sent, as it does to an uploaded file.
   */
  importRosterTable: contract<RosterImportResult>()(
    z.strictObject({
      fileName: z.string().check(z.trim(), z.minLength(1), z.maxLength(ROSTER_TABLE_LIMITS.fileName)),
      table: rosterTable,
      ...importOptionsShape,
    }),
  ),
};

/** One audit record as company-wide admins read it (操作日志). */
export interface AuditEntryView extends Omit<AdminAuditDoc, '_id' | 'at'> {
  id: string;
  /** The change in one Chinese line, as the list and the export show it. */
  summary: string;
  /** ISO 8601. */
  at: string;
}

export interface AuditExport {
  fileID: string;
  /** A temporary download URL for the workbook. */
  url: string;
  rows: number;
}

/** Filters of the audit log; days are Beijing days, both ends included. */
const auditFilterShape = {
  kind: z.optional(z.enum(AUDIT_ACTIONS)),
  actorId: z.optional(id),
  fromDay: z.optional(day),
  toDay: z.optional(day),
};

export const adminAuditContracts = {
  /** 操作日志: newest first; company-wide admins only. */
  auditLog: contract<Page<AuditEntryView>>()(z.strictObject({ ...pageInputShape, ...auditFilterShape })),
  /** The filtered log as an Excel workbook in cloud storage. */
  exportAudit: contract<AuditExport>()(z.strictObject(auditFilterShape)),
};

/** Exports of the member table (server/admin/member-export.ts). */
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
