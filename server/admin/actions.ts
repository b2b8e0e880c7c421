/** Area `admin` (管理后台): members, roles, invitation codes and the roster import. Admins only. */
import type { BindingDoc, DepartmentDoc, InvitationDoc, MemberDoc } from '../../typings/domain';
import type { ActionInput } from '../../typings/api';
import { adminContracts } from '../../typings/functions/admin';
import {
  allOf,
  AppError,
  assertOwnUploads,
  COLLECTIONS,
  defineAction,
  defineFunction,
  findOne,
  findPage,
  memberActor,
  pageOf,
  recordAudit,
  runTransaction,
  scopeCondition,
  txGet,
} from '../core';
import type { Database, SortKey } from '../core';
import { afterDays } from '../core/time';
import { importRosterFile, importRosterTable as importTable, readAll, readCsvText, RosterFileError } from '../roster';
import type { RawRow } from '../roster';
import type { RosterDatabase } from '../roster';
import { newInvitationCode } from '../user';
import { issueBindCode, listBindAttempts } from './bind-codes';
import { auditActions } from './audit-log';
import { recordedLevelsOf } from './learner-levels';
import { memberRecordActions } from './member-record';
import { exportMembers, memberFilter } from './member-export';
import { adminScope, assertGrantWithin, assertManages, assertOutranks, managedMember, requireCompanyAdmin, requireDepartment } from './lookup';
import { changeRole, lastAdminGuard } from './roles';
import { departmentView, invitationView, memberAdminView } from './views';

const BY_ID: readonly SortKey[] = [{ field: '_id', direction: 'asc' }];
const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export const listMembers = defineAction({
  ...adminContracts.listMembers,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    const filter = memberFilter(db, adminScope(caller), input);
    const page = pageOf(await findPage<MemberDoc>(db, COLLECTIONS.members, filter, BY_ID, input), input, memberAdminView);
    // The page's learner levels in one read after the page (none for an empty page).
    const levels = await recordedLevelsOf(
      db,
      page.items.map((item) => item.memberId),
    );
    return { ...page, items: page.items.map((item) => ({ ...item, level: levels.get(item.memberId) ?? null })) };
  },
});

export const grantRole = defineAction({
  ...adminContracts.grantRole,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const { scope } = await managedMember(db, caller, input.memberId);
    // A scoped admin hands out grants within their own subtrees only.
    assertGrantWithin(scope, input);
    return memberAdminView(await changeRole(db, 'grant', input, { now: now(), actor: memberActor(caller.member) }));
  },
});

export const revokeRole = defineAction({
  ...adminContracts.revokeRole,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const { scope } = await managedMember(db, caller, input.memberId);
    // The grant being revoked must lie inside the caller's scope: a branch admin cannot take away a
    // company-wide grant, or one scoped to another branch, from a member of their branch.
    assertGrantWithin(scope, input);
    if (input.scopeDepartmentId !== undefined) await requireDepartment(db, input.scopeDepartmentId);
    return memberAdminView(await changeRole(db, 'revoke', input, { now: now(), actor: memberActor(caller.member), check: lastAdminGuard(caller.member._id) }));
  },
});

/** The OPENID bound to a member: `boundOpenid`, else a binding written before that field existed. */
async function boundOpenidOf(db: Database, member: MemberDoc): Promise<string | null> {
  if (member.boundOpenid) return member.boundOpenid;
  const binding = await findOne<BindingDoc>(db, COLLECTIONS.bindings, { memberId: member._id });
  return binding?._id ?? null;
}

export const unbindMember = defineAction({
  ...adminContracts.unbindMember,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const { scope, member } = await managedMember(db, caller, input.memberId);
    assertOutranks(scope, member);
    const openid = await boundOpenidOf(db, member);
    const at = now();
    const updated = await runTransaction(db, async (tx) => {
      const current = await txGet<MemberDoc>(tx, COLLECTIONS.members, member._id);
      if (!current) throw new AppError('NOT_FOUND', '成员不存在');
      // Again on the state this transaction commits against: a grant given meanwhile counts.
      assertOutranks(scope, current);
      const binding = openid ? await txGet<BindingDoc>(tx, COLLECTIONS.bindings, openid) : null;
      const ownBinding = binding !== null && openid !== null && binding.memberId === member._id;
      const marked = current.boundOpenid !== undefined;
      // Not bound (any more): nothing to change, nothing to record.
      if (!ownBinding && !marked) return current;
      if (ownBinding) await tx.collection(COLLECTIONS.bindings).doc(openid).remove();
      if (marked)
        await tx
          .collection(COLLECTIONS.members)
          .doc(member._id)
          .update({ data: { boundOpenid: db.command.remove(), updatedAt: at } });
      await recordAudit(tx, {
        actor: memberActor(caller.member),
        action: 'member_unbind',
        target: { kind: 'member', id: current._id, name: current.name },
        before: { bound: true },
        after: { bound: false },
        at,
      });
      if (!marked) return current;
      const { boundOpenid: _removed, ...rest } = current;
      return { ...rest, updatedAt: at };
    });
    return memberAdminView(updated);
  },
});

/**
 * Every department, read page by page on `_id` (never one unbounded read). Trainers need the tree too, to
 * target required assignments at departments.
 */
export const listDepartments = defineAction({
  ...adminContracts.listDepartments,
  roles: ['admin', 'trainer'],
  async handler({ db }) {
    const departments = (await readAll(db as unknown as RosterDatabase, COLLECTIONS.departments, 1000)) as unknown as DepartmentDoc[];
    return departments.map(departmentView);
  },
});

/** A fresh code collides with a stored one about never; `add` refusing a duplicate `_id` makes it safe. */
const CODE_ATTEMPTS = 3;

export const createInvitation = defineAction({
  ...adminContracts.createInvitation,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const department = await requireDepartment(db, input.departmentId);
    assertManages(adminScope(caller), department._id);
    const at = now();
    for (let attempt = 1; ; attempt += 1) {
      const invitation: InvitationDoc = {
        _id: newInvitationCode(),
        name: input.name,
        note: input.note,
        departmentId: department._id,
        departmentPath: department.path,
        status: 'open',
        createdAt: at,
        expiresAt: afterDays(at, input.validDays),
        createdByMemberId: caller.member._id,
      };
      try {
        await db.collection(COLLECTIONS.invitations).add({ data: { ...invitation } });
        return invitationView(invitation, at);
      } catch (err) {
        if (attempt >= CODE_ATTEMPTS) throw err;
      }
    }
  },
});

export const listInvitations = defineAction({
  ...adminContracts.listInvitations,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const at = now();
    const _ = db.command;
    const byStatus: Record<string, Record<string, unknown>> = {
      open: { status: 'open', expiresAt: _.gt(at) },
      expired: { status: 'open', expiresAt: _.lte(at) },
      used: { status: 'used' },
      revoked: { status: 'revoked' },
    };
    const filter = allOf(db, [input.status ? byStatus[input.status] : null, scopeCondition(db, 'departmentId', adminScope(caller))]);
    const page = await findPage<InvitationDoc>(db, COLLECTIONS.invitations, filter, NEWEST_FIRST, input);
    return pageOf(page, input, (invitation) => invitationView(invitation, at));
  },
});

export const revokeInvitation = defineAction({
  ...adminContracts.revokeInvitation,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    const at = now();
    const scope = adminScope(caller);
    const invitation = await runTransaction(db, async (tx) => {
      const stored = await txGet<InvitationDoc>(tx, COLLECTIONS.invitations, input.code);
      if (!stored) throw new AppError('NOT_FOUND', '邀请码不存在');
      assertManages(scope, stored.departmentId);
      if (stored.status === 'used') throw new AppError('CONFLICT', '邀请码已被使用，无法撤销；如需停用该成员，请解除其绑定');
      if (stored.status === 'revoked') return stored;
      await tx
        .collection(COLLECTIONS.invitations)
        .doc(stored._id)
        .update({ data: { status: 'revoked', revokedAt: at } });
      return { ...stored, status: 'revoked' as const, revokedAt: at };
    });
    return invitationView(invitation, at);
  },
});

/** The file name in a cloud file id (`cloud://env.bucket/path/花名册.xlsx`), which tells CSV from Excel. */
function fileNameOf(fileID: string): string {
  return fileID.slice(fileID.lastIndexOf('/') + 1);
}

export const importRoster = defineAction({
  ...adminContracts.importRoster,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    requireCompanyAdmin(caller, '导入花名册需要全公司范围的管理员权限');
    assertOwnUploads(caller.openid, [input.fileID], { purpose: 'roster' });
    let content: Buffer;
    try {
      ({ fileContent: content } = await cloud.downloadFile({ fileID: input.fileID }));
    } catch {
      throw new AppError('NOT_FOUND', '找不到上传的文件，请重新上传');
    }
    return importRosterFile(db as unknown as RosterDatabase, content, fileNameOf(input.fileID), {
      dryRun: input.dryRun,
      allowMassDeactivation: input.allowMassDeactivation,
      now: now(),
      actor: memberActor(caller.member),
    });
  },
});

/** The table the console read: CSV text is read here with the same reader as an uploaded file. */
function tableRows(table: ActionInput<'admin', 'importRosterTable'>['table']): RawRow[] {
  if (table.kind === 'sheet') return table.rows;
  try {
    return readCsvText(table.text);
  } catch (err) {
    if (err instanceof RosterFileError) throw new AppError('INVALID_INPUT', err.message);
    throw err;
  }
}

export const importRosterTable = defineAction({
  ...adminContracts.importRosterTable,
  roles: ['admin'],
  async handler({ input, caller, db, now }) {
    requireCompanyAdmin(caller, '导入花名册需要全公司范围的管理员权限');
    return importTable(db as unknown as RosterDatabase, tableRows(input.table), input.fileName, {
      dryRun: input.dryRun,
      allowMassDeactivation: input.allowMassDeactivation,
      now: now(),
      actor: memberActor(caller.member),
    });
  },
});

export const adminFunction = defineFunction({
  name: 'admin',
  actions: {
    listMembers,
    grantRole,
    revokeRole,
    unbindMember,
    listDepartments,
    createInvitation,
    listInvitations,
    revokeInvitation,
    importRoster,
    importRosterTable,
    issueBindCode,
    listBindAttempts,
    ...auditActions,
    ...memberRecordActions,
    exportMembers,
  },
});
