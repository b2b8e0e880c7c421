/**
 * A department-scoped admin can never change what lies outside their scope (the security issue's findings):
 * revokeRole checks the grant being revoked, unbindMember refuses a member holding a grant wider than the
 * caller's scope, grantRole hands out grants inside the caller's subtrees only. Each refusal is FORBIDDEN
 * and changes nothing: the member, their binding and the audit log stay as they were.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';

const COMPANY_ADMIN = { openid: 'o-scope-company' };
const BRANCH_ADMIN = { openid: 'o-scope-branch' };
const SPARE_PHONE = { openid: 'o-scope-spare-phone' };
const EAST = { departmentId: 'dept:华东分公司/销售一部', departmentPath: ['华东分公司', '销售一部'] };

const cloud = useTestCloud();

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:华东分公司', name: '华东分公司', path: ['华东分公司'], parentId: null },
    { _id: 'dept:华东分公司/销售一部', name: '销售一部', path: ['华东分公司', '销售一部'], parentId: 'dept:华东分公司' },
    { _id: 'dept:华南分公司', name: '华南分公司', path: ['华南分公司'], parentId: null },
  ]);
  await seedMember(COMPANY_ADMIN.openid, 'm:S0001', {
    employeeNo: 'S0001',
    name: '总部管理员',
    roles: [grant('admin')],
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
  });
  await seedMember(BRANCH_ADMIN.openid, 'm:S0002', {
    employeeNo: 'S0002',
    name: '华东管理员',
    roles: [grant('admin', 'dept:华东分公司')],
    departmentId: 'dept:华东分公司',
    departmentPath: ['华东分公司'],
  });
  // A company-wide admin who works in the branch: in the branch admin's member list, with number and name.
  await seedMember('o-scope-ceo', 'm:S0003', { employeeNo: 'S0003', name: '周总', roles: [grant('admin')], ...EAST, boundOpenid: 'o-scope-ceo' });
  // A branch member who also judges for the southern branch.
  await seedMember('o-scope-judge', 'm:S0004', {
    employeeNo: 'S0004',
    name: '钱评委',
    roles: [grant('judge', 'dept:华南分公司'), grant('trainer', 'dept:华东分公司')],
    ...EAST,
  });
  await seedMember('o-scope-trainer', 'm:S0005', {
    employeeNo: 'S0005',
    name: '孙培训',
    roles: [grant('trainer', 'dept:华东分公司/销售一部')],
    ...EAST,
    boundOpenid: 'o-scope-trainer',
  });
});

const member = (id: string) => cloud.database.getDocument('members', id);
const binding = (openid: string) => cloud.database.getDocument('bindings', openid);
const audit = () => cloud.database.listDocuments('adminAudit');

describe('revokeRole checks the grant being revoked', () => {
  it('refuses a branch admin revoking a company-wide admin grant, changing nothing', async () => {
    const before = member('m:S0003');
    const answer = await callAction('admin', 'revokeRole', { memberId: 'm:S0003', role: 'admin' }, BRANCH_ADMIN);
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '你只能授予或撤销你管理范围内的部门权限' });
    expect(member('m:S0003')).toEqual(before);
    expect(audit()).toEqual([]);
  });

  it('refuses a branch admin revoking a grant scoped outside their subtrees, changing nothing', async () => {
    const before = member('m:S0004');
    const answer = await callAction('admin', 'revokeRole', { memberId: 'm:S0004', role: 'judge', scopeDepartmentId: 'dept:华南分公司' }, BRANCH_ADMIN);
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(member('m:S0004')).toEqual(before);
    expect(audit()).toEqual([]);
  });

  it('still lets the branch admin revoke a grant inside their subtree, and records it', async () => {
    const after = dataOf(await callAction('admin', 'revokeRole', { memberId: 'm:S0004', role: 'trainer', scopeDepartmentId: 'dept:华东分公司' }, BRANCH_ADMIN));
    expect(after.roles).toEqual([{ role: 'judge', scopeDepartmentId: 'dept:华南分公司' }]);
    expect(audit()).toEqual([
      expect.objectContaining({
        action: 'role_revoke',
        actorId: 'm:S0002',
        targetId: 'm:S0004',
        before: {
          roles: [
            { role: 'judge', scope: 'dept:华南分公司' },
            { role: 'trainer', scope: 'dept:华东分公司' },
          ],
        },
        after: { roles: [{ role: 'judge', scope: 'dept:华南分公司' }], changed: { role: 'trainer', scope: 'dept:华东分公司' } },
      }),
    ]);
  });

  it('lets a company-wide admin revoke anything', async () => {
    expect(codeOf(await callAction('admin', 'revokeRole', { memberId: 'm:S0004', role: 'judge', scopeDepartmentId: 'dept:华南分公司' }, COMPANY_ADMIN))).toBe(
      'OK',
    );
    expect(member('m:S0004')?.roles).toEqual([]);
  });
});

describe('grantRole hands out grants inside the caller subtrees only', () => {
  it('refuses a branch admin granting an unscoped grant or one scoped outside their subtrees, changing nothing', async () => {
    const before = member('m:S0005');
    const audited = audit().length;
    for (const scopeDepartmentId of [undefined, 'dept:华南分公司', 'dept:总部']) {
      const input = scopeDepartmentId ? { memberId: 'm:S0005', role: 'admin' as const, scopeDepartmentId } : { memberId: 'm:S0005', role: 'admin' as const };
      expect(await callAction('admin', 'grantRole', input, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(member('m:S0005')).toEqual(before);
    expect(audit()).toHaveLength(audited);
  });
});

describe('unbindMember refuses a member holding a grant wider than the caller scope', () => {
  it('keeps a branch admin from unbinding a company-wide admin and binding a spare WeChat account to them', async () => {
    const before = member('m:S0003');
    const audited = audit().length;
    const answer = await callAction('admin', 'unbindMember', { memberId: 'm:S0003' }, BRANCH_ADMIN);
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该成员拥有超出你管理范围的权限，请由更高范围的管理员操作' });
    expect(member('m:S0003')).toEqual(before);
    expect(binding('o-scope-ceo')).toMatchObject({ memberId: 'm:S0003' });
    expect(audit()).toHaveLength(audited);
    // The takeover the issue describes: the number and name from the member list on a spare account (with a
    // guessed bind code, since binding now needs a second factor).
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'S0003', name: '周总', bindCode: 'AAAA-BBBB-CCCC' }, SPARE_PHONE))).toBe('BIND_MISMATCH');
    expect(binding(SPARE_PHONE.openid)).toBeUndefined();
  });

  it('refuses a member whose only wide grant is scoped to another branch', async () => {
    await callAction('admin', 'grantRole', { memberId: 'm:S0005', role: 'judge', scopeDepartmentId: 'dept:华南分公司' }, COMPANY_ADMIN);
    expect(await callAction('admin', 'unbindMember', { memberId: 'm:S0005' }, BRANCH_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(binding('o-scope-trainer')).toMatchObject({ memberId: 'm:S0005' });
    await callAction('admin', 'revokeRole', { memberId: 'm:S0005', role: 'judge', scopeDepartmentId: 'dept:华南分公司' }, COMPANY_ADMIN);
  });

  it('unbinds a member whose grants all lie inside the caller scope, with an audit record', async () => {
    expect(dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:S0005' }, BRANCH_ADMIN))).toMatchObject({ bound: false });
    expect(binding('o-scope-trainer')).toBeUndefined();
    expect(audit().filter((record) => record.action === 'member_unbind')).toEqual([
      expect.objectContaining({ actorId: 'm:S0002', actorName: '华东管理员', targetId: 'm:S0005', before: { bound: true }, after: { bound: false } }),
    ]);
  });

  it('lets a company-wide admin unbind a company-wide admin', async () => {
    expect(dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:S0003' }, COMPANY_ADMIN))).toMatchObject({ bound: false });
    expect(binding('o-scope-ceo')).toBeUndefined();
  });
});
