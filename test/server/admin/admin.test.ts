/**
 * The `admin` function through its real `main`: roles (scoped, idempotent, last-admin guard), unbind then
 * rebind, listMembers filters and paging, and importRoster from a file uploaded with cloud.uploadFile
 * (documented: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/uploadFile.html).
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { getCloud } from '../../../server/core/cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { phoneCode, rosterMember, seedRoster } from '../../helpers/roster';

const ADMIN = { openid: 'o-admin-main' };
const BRANCH_ADMIN = { openid: 'o-admin-branch' };
const LEARNER = { openid: 'o-admin-learner' };

const cloud = useTestCloud();

const DEPARTMENTS = [
  { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
  { _id: 'dept:华东分公司', name: '华东分公司', path: ['华东分公司'], parentId: null },
  { _id: 'dept:华东分公司/销售一部', name: '销售一部', path: ['华东分公司', '销售一部'], parentId: 'dept:华东分公司' },
  { _id: 'dept:华东分公司-旧', name: '华东分公司-旧', path: ['华东分公司-旧'], parentId: null },
];

beforeAll(async () => {
  await insertAll('departments', DEPARTMENTS);
  await seedMember(ADMIN.openid, 'm:A0001', {
    employeeNo: 'A0001',
    name: '管理员',
    roles: [grant('admin')],
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
  });
  await seedMember(BRANCH_ADMIN.openid, 'm:A0002', {
    employeeNo: 'A0002',
    name: '分公司管理员',
    roles: [grant('admin', 'dept:华东分公司')],
    departmentId: 'dept:华东分公司',
    departmentPath: ['华东分公司'],
  });
  await seedMember(LEARNER.openid, 'm:A0003', { employeeNo: 'A0003', name: '学员' });
  const east = { departmentId: 'dept:华东分公司/销售一部', departmentPath: ['华东分公司', '销售一部'] };
  await seedRoster(
    rosterMember('E3001', '陈一', east),
    rosterMember('E3002', '陈二', { ...east, mobile: '13900003002' }),
    rosterMember('E3010', '林三', { ...east, active: false }),
    rosterMember('E3011', '林四', { departmentId: 'dept:华东分公司-旧', departmentPath: ['华东分公司-旧'] }),
  );
});

describe('roles', () => {
  it('grants company-wide and scoped roles, idempotently', async () => {
    expect(dataOf(await callAction('admin', 'grantRole', { memberId: 'm:E3001', role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, ADMIN)).roles).toEqual(
      [{ role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }],
    );
    await callAction('admin', 'grantRole', { memberId: 'm:E3001', role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, ADMIN);
    const both = dataOf(await callAction('admin', 'grantRole', { memberId: 'm:E3001', role: 'judge' }, ADMIN));
    expect(both.roles).toEqual([{ role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, { role: 'judge' }]);
  });

  it('refuses an unknown department or member with NOT_FOUND and writes nothing', async () => {
    expect(codeOf(await callAction('admin', 'grantRole', { memberId: 'm:E3002', role: 'trainer', scopeDepartmentId: 'dept:不存在' }, ADMIN))).toBe('NOT_FOUND');
    expect(codeOf(await callAction('admin', 'grantRole', { memberId: 'm:nobody', role: 'trainer' }, ADMIN))).toBe('NOT_FOUND');
    expect(codeOf(await callAction('admin', 'grantRole', { memberId: 'm:E3002', role: 'learner' } as never, ADMIN))).toBe('INVALID_INPUT');
    expect(cloud.database.getDocument('members', 'm:E3002')?.roles).toEqual([]);
  });

  it('revokes exactly the grant named, and revoking a missing grant changes nothing', async () => {
    const after = dataOf(await callAction('admin', 'revokeRole', { memberId: 'm:E3001', role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, ADMIN));
    expect(after.roles).toEqual([{ role: 'judge' }]);
    expect(dataOf(await callAction('admin', 'revokeRole', { memberId: 'm:E3001', role: 'reviewer' }, ADMIN)).roles).toEqual([{ role: 'judge' }]);
  });

  it('keeps an admin from revoking their own last admin grant', async () => {
    const answer = await callAction('admin', 'revokeRole', { memberId: 'm:A0001', role: 'admin' }, ADMIN);
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('最后一项管理员权限') });
    expect(cloud.database.getDocument('members', 'm:A0001')?.roles).toEqual([{ role: 'admin' }]);
  });

  it('limits a scoped admin to their subtree', async () => {
    expect(
      codeOf(await callAction('admin', 'grantRole', { memberId: 'm:E3002', role: 'reviewer', scopeDepartmentId: 'dept:华东分公司/销售一部' }, BRANCH_ADMIN)),
    ).toBe('OK');
    expect(codeOf(await callAction('admin', 'grantRole', { memberId: 'm:E3002', role: 'reviewer' }, BRANCH_ADMIN))).toBe('FORBIDDEN');
    expect(
      codeOf(await callAction('admin', 'grantRole', { memberId: 'm:E3011', role: 'reviewer', scopeDepartmentId: 'dept:华东分公司-旧' }, BRANCH_ADMIN)),
    ).toBe('FORBIDDEN');
    const listed = dataOf(await callAction('admin', 'listMembers', { status: 'all' }, BRANCH_ADMIN));
    expect(listed.items.map((item) => item.memberId)).toEqual(['m:A0002', 'm:E3001', 'm:E3002', 'm:E3010']);
  });
});

describe('listMembers', () => {
  it('filters by keyword (employee-number prefix or name part), department subtree, status and role, page by page', async () => {
    const ids = async (input: Parameters<typeof callAction<'admin', 'listMembers'>>[2]) =>
      dataOf(await callAction('admin', 'listMembers', input, ADMIN)).items.map((item) => item.memberId);
    expect(await ids({ keyword: 'E300' })).toEqual(['m:E3001', 'm:E3002']);
    expect(await ids({ keyword: 'E30' })).toEqual(['m:E3001', 'm:E3002', 'm:E3011']);
    expect(await ids({ keyword: '林', status: 'all' })).toEqual(['m:E3010', 'm:E3011']);
    expect(await ids({ keyword: '3001' })).toEqual([]);
    expect(await ids({ departmentId: 'dept:华东分公司' })).toEqual(['m:A0002', 'm:E3001', 'm:E3002']);
    expect(await ids({ departmentId: 'dept:华东分公司', status: 'inactive' })).toEqual(['m:E3010']);
    expect(await ids({ role: 'judge' })).toEqual(['m:E3001']);
    expect(await ids({ keyword: '.*' })).toEqual([]);
    const first = dataOf(await callAction('admin', 'listMembers', { pageSize: 2 }, ADMIN));
    const second = dataOf(await callAction('admin', 'listMembers', { pageSize: 2, page: 2 }, ADMIN));
    expect(first).toMatchObject({ total: 6, hasMore: true });
    expect([...first.items, ...second.items].map((item) => item.memberId)).toEqual(['m:A0001', 'm:A0002', 'm:A0003', 'm:E3001']);
    expect(JSON.stringify(first)).not.toContain('o-admin');
  });

  it('lists every department', async () => {
    const departments = dataOf(await callAction('admin', 'listDepartments', {}, ADMIN));
    expect(departments.map((department) => department.id).sort()).toEqual(DEPARTMENTS.map((department) => department._id).sort());
  });

  it('gives non-admins nothing', async () => {
    expect(await callAction('admin', 'listMembers', {}, LEARNER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await callAction('admin', 'listDepartments', {}, { openid: 'o-nobody' })).toMatchObject({ ok: false, code: 'NOT_MEMBER' });
  });
});

describe('unbindMember', () => {
  it('removes the binding and boundOpenid together, and the member can bind again', async () => {
    const bindAs = (openid: string) =>
      callAction('user', 'bind', { employeeNo: 'E3002', name: '陈二', phoneCode: phoneCode(cloud, '13900003002') }, { openid });
    expect(codeOf(await bindAs('o-chen-old-phone'))).toBe('OK');
    expect(dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:E3002' }, ADMIN))).toMatchObject({ bound: false });
    expect(cloud.database.getDocument('bindings', 'o-chen-old-phone')).toBeUndefined();
    expect(cloud.database.getDocument('members', 'm:E3002')?.boundOpenid).toBeUndefined();
    expect(await callAction('user', 'me', {}, { openid: 'o-chen-old-phone' })).toMatchObject({ ok: true, data: { bound: false } });
    expect(dataOf(await bindAs('o-chen-new-phone'))).toMatchObject({ memberId: 'm:E3002' });
  });
});

describe('importRoster', () => {
  async function upload(name: string, text: string): Promise<string> {
    const { fileID } = await getCloud().uploadFile({ cloudPath: `uploads/${ADMIN.openid}/roster/${name}`, fileContent: Buffer.from(text, 'utf8') });
    return fileID;
  }
  const header = '工号,姓名,部门,职级,入职日期';
  /** The people already stored, so that an import does not deactivate them. */
  const staff = [
    'A0001,管理员,总部,员工,2020-01-01',
    'A0002,分公司管理员,华东分公司,员工,2020-01-01',
    'A0003,学员,总部/信息技术部,员工,2020-01-01',
    'E3011,林四,华东分公司-旧,员工,2020-01-01',
  ];

  it('previews, imports, and reports rejected rows', async () => {
    const fileID = await upload(
      'first.csv',
      [
        header,
        ...staff,
        'E3001,陈一,华东分公司/销售一部,员工,2020-01-01',
        'E3002,陈二,华东分公司/销售一部,员工,2020-01-01',
        'E3003,新人,总部/新部门,员工,2026-01-01',
        'E3004,坏人,总部,员工,不是日期',
      ].join('\n'),
    );
    const preview = dataOf(await callAction('admin', 'importRoster', { fileID, dryRun: true }, ADMIN));
    // 总部/信息技术部 and 总部/新部门 are new.
    expect(preview).toMatchObject({ dryRun: true, report: { inserted: 1, rejected: 1, deactivated: 0, departmentsCreated: 2 } });
    expect(cloud.database.getDocument('members', 'm:E3003')).toBeUndefined();
    const done = dataOf(await callAction('admin', 'importRoster', { fileID }, ADMIN));
    expect(done).toMatchObject({
      dryRun: false,
      report: { inserted: 1, rejected: 1 },
      rejected: [{ row: 9, employeeNo: 'E3004', reason: expect.stringContaining('入职日期无法识别') }],
    });
    expect(cloud.database.getDocument('members', 'm:E3003')).toMatchObject({ name: '新人', active: true });
  });

  it('refuses a bad file as a whole with the parser message, writing nothing', async () => {
    const before = cloud.database.listDocuments('members').length;
    const fileID = await upload('bad.csv', '姓名\n张三\n');
    expect(await callAction('admin', 'importRoster', { fileID }, ADMIN)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('缺少必需的列'),
    });
    expect(cloud.database.listDocuments('members')).toHaveLength(before);
  });

  it('refuses to deactivate more than a fifth of the active members unless allowed', async () => {
    // 2 of the 7 active members would leave: more than a fifth.
    const fileID = await upload('short.csv', [header, ...staff, 'E3001,陈一,华东分公司/销售一部,员工,2020-01-01'].join('\n'));
    expect(await callAction('admin', 'importRoster', { fileID }, ADMIN)).toMatchObject({ ok: false, code: 'MASS_DEACTIVATION' });
    expect(cloud.database.getDocument('members', 'm:E3002')?.active).toBe(true);
  });

  it('answers NOT_FOUND for a file that is not there, and is for company-wide admins only', async () => {
    expect(codeOf(await callAction('admin', 'importRoster', { fileID: `cloud://local.x/uploads/${ADMIN.openid}/roster/none.csv` }, ADMIN))).toBe('NOT_FOUND');
    // Finding: the server never reads a file id it did not issue to the caller (here another admin's upload).
    expect(codeOf(await callAction('admin', 'importRoster', { fileID: `cloud://local.x/uploads/${ADMIN.openid}x/roster/none.csv` }, ADMIN))).toBe(
      'INVALID_INPUT',
    );
    const fileID = await upload('branch.csv', [header, 'E3001,陈一,华东分公司/销售一部,员工,2020-01-01'].join('\n'));
    expect(codeOf(await callAction('admin', 'importRoster', { fileID, dryRun: true }, BRANCH_ADMIN))).toBe('FORBIDDEN');
  });
});
