/**
 * 操作日志: role grants and revocations, unbinds and roster imports land in the admin audit log (who, what,
 * when, before/after); a refused change leaves no record; company-wide admins read it page by page with
 * filters and export it to Excel, department-scoped admins cannot.
 */
import ExcelJS from 'exceljs';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { getCloud } from '../../../server/core/cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { grantRole } from '../../../server/admin/actions';

const ADMIN = { openid: 'o-audit-admin' };
const OTHER_ADMIN = { openid: 'o-audit-other' };
const BRANCH_ADMIN = { openid: 'o-audit-branch' };
const EAST = { departmentId: 'dept:华东分公司', departmentPath: ['华东分公司'] };

const cloud = useTestCloud();

beforeAll(async () => {
  freezeClock(new Date('2026-04-01T02:00:00Z'));
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:华东分公司', name: '华东分公司', path: ['华东分公司'], parentId: null },
  ]);
  await seedMember(ADMIN.openid, 'm:A0001', {
    employeeNo: 'A0001',
    name: '管理员甲',
    roles: [grant('admin')],
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
  });
  await seedMember(OTHER_ADMIN.openid, 'm:A0002', {
    employeeNo: 'A0002',
    name: '管理员乙',
    roles: [grant('admin')],
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
  });
  await seedMember(BRANCH_ADMIN.openid, 'm:A0003', { employeeNo: 'A0003', name: '华东管理员', roles: [grant('admin', 'dept:华东分公司')], ...EAST });
  await seedMember('o-audit-learner', 'm:E0001', { employeeNo: 'E0001', name: '陈一', ...EAST, boundOpenid: 'o-audit-learner' });
});

afterAll(async () => {
  jest.useRealTimers();
});

const audit = () => cloud.database.listDocuments('adminAudit');

describe('what lands in the log', () => {
  it('records a grant and a revocation with the roles before and after', async () => {
    await callAction('admin', 'grantRole', { memberId: 'm:E0001', role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, ADMIN);
    setClock(new Date('2026-04-02T02:00:00Z'));
    await callAction('admin', 'revokeRole', { memberId: 'm:E0001', role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, OTHER_ADMIN);
    const page = dataOf(await callAction('admin', 'auditLog', {}, ADMIN));
    expect(page.items.map((item) => [item.action, item.actorName, item.targetName, item.summary, item.at])).toEqual([
      ['role_revoke', '管理员乙', '陈一', '撤销 培训管理员（华东分公司）', '2026-04-02T02:00:00.000Z'],
      ['role_grant', '管理员甲', '陈一', '授予 培训管理员（华东分公司）', '2026-04-01T02:00:00.000Z'],
    ]);
    expect(page.items[1]).toMatchObject({ before: { roles: [] }, after: { roles: [{ role: 'trainer', scope: 'dept:华东分公司' }] } });
  });

  it('records nothing for a change that changes nothing or is refused', async () => {
    const count = audit().length;
    await callAction('admin', 'revokeRole', { memberId: 'm:E0001', role: 'judge' }, ADMIN);
    expect(codeOf(await callAction('admin', 'revokeRole', { memberId: 'm:A0001', role: 'admin' }, ADMIN))).toBe('FORBIDDEN');
    expect(audit()).toHaveLength(count);
  });

  it('records an unbind', async () => {
    setClock(new Date('2026-04-03T02:00:00Z'));
    await callAction('admin', 'unbindMember', { memberId: 'm:E0001' }, ADMIN);
    expect(audit().filter((record) => record.action === 'member_unbind')).toEqual([
      expect.objectContaining({ actorId: 'm:A0001', targetId: 'm:E0001', before: { bound: true }, after: { bound: false } }),
    ]);
    // Unbinding again changes nothing and records nothing.
    await callAction('admin', 'unbindMember', { memberId: 'm:E0001' }, ADMIN);
    expect(audit().filter((record) => record.action === 'member_unbind')).toHaveLength(1);
  });

  it('records a roster import (not its preview) with the planned counts', async () => {
    setClock(new Date('2026-04-04T02:00:00Z'));
    const rows = [
      '工号,姓名,部门,职级,入职日期',
      'A0001,管理员甲,总部,员工,2020-01-01',
      'A0002,管理员乙,总部,员工,2020-01-01',
      'A0003,华东管理员,华东分公司,员工,2020-01-01',
      'E0001,陈一,华东分公司,员工,2020-01-01',
      'E0002,陈二,华东分公司,员工,2026-01-01',
    ];
    const { fileID } = await getCloud().uploadFile({
      cloudPath: `uploads/${ADMIN.openid}/roster/april.csv`,
      fileContent: Buffer.from(rows.join('\n'), 'utf8'),
    });
    await callAction('admin', 'importRoster', { fileID, dryRun: true }, ADMIN);
    expect(audit().filter((record) => record.action === 'roster_import')).toEqual([]);
    dataOf(await callAction('admin', 'importRoster', { fileID }, ADMIN));
    const [record] = audit().filter((entry) => entry.action === 'roster_import');
    expect(record).toMatchObject({ actorId: 'm:A0001', targetName: 'april.csv', after: expect.objectContaining({ inserted: 1 }) });
  });
});

describe('reading the log', () => {
  it('refuses a department-scoped admin', async () => {
    expect(await callAction('admin', 'auditLog', {}, BRANCH_ADMIN)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: '仅限全公司范围的管理员查看操作日志',
    });
    expect(await callAction('admin', 'exportAudit', {}, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('filters by kind, actor and Beijing days, newest first, page by page', async () => {
    const actions = async (input: Parameters<typeof callAction<'admin', 'auditLog'>>[2]) =>
      dataOf(await callAction('admin', 'auditLog', input, ADMIN)).items.map((item) => item.action);
    expect(await actions({})).toEqual(['roster_import', 'member_unbind', 'role_revoke', 'role_grant']);
    expect(await actions({ kind: 'role_grant' })).toEqual(['role_grant']);
    expect(await actions({ actorId: 'm:A0002' })).toEqual(['role_revoke']);
    expect(await actions({ fromDay: '2026-04-02', toDay: '2026-04-03' })).toEqual(['member_unbind', 'role_revoke']);
    expect(await actions({ toDay: '2026-04-01' })).toEqual(['role_grant']);
    expect(await actions({ fromDay: '2026-04-04', actorId: 'm:A0001' })).toEqual(['roster_import']);
    const second = dataOf(await callAction('admin', 'auditLog', { page: 2, pageSize: 3 }, ADMIN));
    expect(second).toMatchObject({ total: 4, hasMore: false, items: [expect.objectContaining({ action: 'role_grant' })] });
  });

  it('answers INVALID_INPUT for a day that does not exist or a range that ends before it starts', async () => {
    expect(codeOf(await callAction('admin', 'auditLog', { fromDay: '2026-02-30' }, ADMIN))).toBe('INVALID_INPUT');
    expect(codeOf(await callAction('admin', 'auditLog', { fromDay: '2026-04-03', toDay: '2026-04-02' }, ADMIN))).toBe('INVALID_INPUT');
    expect(codeOf(await callAction('admin', 'auditLog', { kind: 'everything' } as never, ADMIN))).toBe('INVALID_INPUT');
  });

  it('exports the filtered log as a workbook', async () => {
    const exported = dataOf(await callAction('admin', 'exportAudit', { fromDay: '2026-04-01', toDay: '2026-04-02' }, ADMIN));
    expect(exported.rows).toBe(2);
    const response = await fetch(exported.url);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('操作日志');
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['2026-04-02 10:00', '撤销角色', '管理员乙（m:A0002）', '陈一（m:E0001）']);
  });
});

describe('parallel changes', () => {
  it('records a grant requested many times in parallel exactly once', async () => {
    const codes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        runConcurrently(grantRole, { memberId: 'm:E0001', role: 'judge' }, index % 2 ? ADMIN.openid : OTHER_ADMIN.openid),
      ),
    );
    expect(codes.every((code) => code === 'OK')).toBe(true);
    const judgeGrants = audit().filter((record) => (record.after as { changed?: { role?: string } } | null)?.changed?.role === 'judge');
    expect(judgeGrants.map((record) => [record.action, record.targetId])).toEqual([['role_grant', 'm:E0001']]);
    expect(cloud.database.getDocument('members', 'm:E0001')?.roles).toEqual([{ role: 'judge' }]);
  }, 30_000);
});
