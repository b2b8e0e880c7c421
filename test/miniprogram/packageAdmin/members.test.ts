/**
 * 成员与角色: search, filters, paging, the member sheet with grant / revoke, unbinding after confirmation,
 * and issuing a one-time 绑定码 (shown once) for an unbound roster member.
 */
import { failure, ok } from '../wx-stub';
import { pick, settle, tap, wxStub, type RenderedComponent, fieldTarget } from '../harness';
import { adminBackend, callsOf, member, openPage, page, text } from './admin-fixtures';

const open = () => openPage('packageAdmin/members/index');
const names = (rendered: RenderedComponent) => rendered.querySelectorAll('.member-name').map(text);

test('lists active members with identity, department, binding and roles; pages on', async () => {
  adminBackend({
    listMembers: (call) =>
      call.event.page === 1
        ? ok(page([member(1, { roles: [{ role: 'learner' }, { role: 'admin' }] }), member(2, { bound: false, employeeNo: null, external: true })], 1, 12))
        : ok(page([member(11)], 2, 12)),
  });
  const { page: rendered, simulate } = await open();
  expect(callsOf('listMembers')).toEqual([{ action: 'listMembers', page: 1, pageSize: 10, status: 'active' }]);
  expect(names(rendered)).toEqual(['员工1', '员工2']);
  const [first, second] = rendered.querySelectorAll('.member').map(text);
  expect(first).toContain('E001');
  expect(first).toContain('总部 / 人力资源部');
  expect(first).toContain('已绑定');
  expect(first).toContain('学员 · 管理员');
  expect(second).toContain('外部合作伙伴');
  expect(second).toContain('未绑定');

  await tap(simulate, rendered.querySelector('#status')!.querySelector('.load-more')!);
  await settle(simulate);
  expect(callsOf('listMembers')[1]).toEqual({ action: 'listMembers', page: 2, pageSize: 10, status: 'active' });
  expect(names(rendered)).toEqual(['员工1', '员工2', '员工11']);
});

test('search by keyword, department picker (from listDepartments) and status filter; paging keeps the filters', async () => {
  adminBackend({ listMembers: (call) => ok(page([member(Number(call.event.page))], Number(call.event.page), 20)) });
  const { page: rendered, simulate } = await open();
  expect(rendered.querySelector('.filter-department')).toBeTruthy();

  fieldTarget(rendered.querySelector('.search-input')!).dispatchEvent('input', { detail: { value: ' 王 ' } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.search-button')!);
  expect(callsOf('listMembers').at(-1)).toEqual({ action: 'listMembers', page: 1, pageSize: 10, status: 'active', keyword: '王' });

  // Options: 全部部门, 华东分公司, 总部, 总部 / 人力资源部 (sorted by path).
  await pick(simulate, rendered.querySelector('.filter-department'), 3);
  expect(text(rendered.querySelector('.filter-department'))).toContain('总部 / 人力资源部');
  expect(callsOf('listMembers').at(-1)).toEqual({ action: 'listMembers', page: 1, pageSize: 10, status: 'active', keyword: '王', departmentId: 'd-hr' });

  await pick(simulate, rendered.querySelector('.filter-status'), 1);
  expect(callsOf('listMembers').at(-1)).toMatchObject({ page: 1, status: 'inactive', departmentId: 'd-hr', keyword: '王' });

  await tap(simulate, rendered.querySelector('#status')!.querySelector('.load-more')!);
  expect(callsOf('listMembers').at(-1)).toEqual({ action: 'listMembers', page: 2, pageSize: 10, status: 'inactive', keyword: '王', departmentId: 'd-hr' });
});

test('an empty search says so; a refused list shows the error', async () => {
  adminBackend({ listMembers: () => ok(page([], 1, 0)) });
  const empty = await open();
  expect(text(empty.page.querySelector('#status'))).toContain('没有符合条件的成员');

  adminBackend({ listMembers: () => failure('FORBIDDEN', '你没有权限进行此操作') });
  const refused = await open();
  expect(text(refused.page.querySelector('#status'))).toContain('你没有权限进行此操作');
});

async function openSheet(memberOverrides: Record<string, unknown>, handlers: Parameters<typeof adminBackend>[0]) {
  adminBackend({ listMembers: () => ok(page([member(1, memberOverrides)], 1, 1)), ...handlers });
  const opened = await open();
  await tap(opened.simulate, opened.page.querySelector('.member')!);
  expect(opened.page.querySelector('.sheet')).toBeTruthy();
  return opened;
}

test('grants a role scoped to a department, and shows the member as answered', async () => {
  const { page: rendered, simulate } = await openSheet(
    {},
    {
      grantRole: (call) => ok(member(1, { roles: [{ role: 'learner' }, { role: call.event.role, scopeDepartmentId: call.event.scopeDepartmentId }] })),
    },
  );
  // Roles: 培训管理员, 审核员, 评委, 管理员; scopes: 全公司, 华东分公司, 总部, 总部 / 人力资源部.
  await pick(simulate, rendered.querySelector('.role-picker'), 0);
  await pick(simulate, rendered.querySelector('.scope-picker'), 1);
  await tap(simulate, rendered.querySelector('.grant-button')!);
  await settle(simulate);

  expect(callsOf('grantRole')).toEqual([{ action: 'grantRole', memberId: 'm1', role: 'trainer', scopeDepartmentId: 'd-east' }]);
  const grants = rendered.querySelectorAll('.grant').map(text);
  expect(grants).toEqual(['学员全公司', '培训管理员华东分公司撤销']);
  expect(text(rendered.querySelector('.member-roles'))).toContain('培训管理员');
  expect(wxStub().toasts).toEqual(['已授予']);
});

test('a company-wide grant sends no scope', async () => {
  const { page: rendered, simulate } = await openSheet({}, { grantRole: () => ok(member(1, { roles: [{ role: 'learner' }, { role: 'admin' }] })) });
  await pick(simulate, rendered.querySelector('.role-picker'), 3);
  await tap(simulate, rendered.querySelector('.grant-button')!);
  expect(callsOf('grantRole')).toEqual([{ action: 'grantRole', memberId: 'm1', role: 'admin' }]);
});

test('revokes exactly the grant tapped (role and scope); learner cannot be revoked', async () => {
  const { page: rendered, simulate } = await openSheet(
    { roles: [{ role: 'learner' }, { role: 'judge' }, { role: 'trainer', scopeDepartmentId: 'd-hr' }] },
    { revokeRole: () => ok(member(1, { roles: [{ role: 'learner' }, { role: 'judge' }] })) },
  );
  expect(rendered.querySelectorAll('.grant-revoke')).toHaveLength(2);
  expect(text(rendered.querySelectorAll('.grant')[2])).toBe('培训管理员总部 / 人力资源部撤销');
  await tap(simulate, rendered.querySelectorAll('.grant-revoke')[1]!);
  await settle(simulate);
  expect(callsOf('revokeRole')).toEqual([{ action: 'revokeRole', memberId: 'm1', role: 'trainer', scopeDepartmentId: 'd-hr' }]);
  expect(rendered.querySelectorAll('.grant').map(text)).toEqual(['学员全公司', '评委全公司撤销']);
  expect(wxStub().toasts).toEqual(['已撤销']);
});

test('a refused change keeps the member as it was and says why', async () => {
  const { page: rendered, simulate } = await openSheet({}, { grantRole: () => failure('FORBIDDEN', '你没有权限进行此操作') });
  await tap(simulate, rendered.querySelector('.grant-button')!);
  await settle(simulate);
  expect(wxStub().toasts).toEqual(['你没有权限进行此操作']);
  expect(rendered.querySelectorAll('.grant').map(text)).toEqual(['学员全公司']);
});

test('unbinding asks for confirmation first; cancelling sends nothing, confirming unbinds', async () => {
  const { page: rendered, simulate } = await openSheet({}, { unbindMember: () => ok(member(1, { bound: false })) });

  wxStub().modalAnswers.push(false);
  await tap(simulate, rendered.querySelector('.unbind-button')!);
  await settle(simulate);
  expect(wxStub().modals).toHaveLength(1);
  expect(wxStub().modals[0]?.content).toContain('员工1');
  expect(callsOf('unbindMember')).toEqual([]);

  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.unbind-button')!);
  await settle(simulate);
  expect(callsOf('unbindMember')).toEqual([{ action: 'unbindMember', memberId: 'm1' }]);
  expect(text(rendered.querySelector('.binding-state'))).toBe('未绑定微信');
  expect(rendered.querySelector('.unbind-button')).toBeFalsy();
  expect(text(rendered.querySelector('.member-binding'))).toBe('未绑定');
  expect(wxStub().toasts).toEqual(['已解绑']);
});

test('the sheet closes, from 关闭 or a tap on the popup overlay', async () => {
  const { page: rendered, simulate } = await openSheet({}, {});
  await tap(simulate, rendered.querySelector('.sheet-close')!);
  expect(rendered.querySelector('.sheet')).toBeFalsy();
  await tap(simulate, rendered.querySelector('.member')!);
  expect(rendered.querySelector('.sheet')).toBeTruthy();
  // TDesign's t-popup tells a tap on its overlay as visible-change { visible: false }.
  (rendered.instance as unknown as { onSheetVisible(event: { detail: { visible: boolean } }): void }).onSheetVisible({ detail: { visible: false } });
  await settle(simulate);
  expect(rendered.querySelector('.sheet')).toBeFalsy();
});

test('生成绑定码 issues a code for an unbound roster member and shows it once, with its expiry, to copy', async () => {
  const { page: rendered, simulate } = await openSheet(
    { bound: false },
    { issueBindCode: (call) => ok({ memberId: call.event.memberId, code: 'ABCD-EFGH-JKMN', expiresAt: '2026-03-05T01:00:00.000Z' }) },
  );
  await tap(simulate, rendered.querySelector('.bind-code-button')!);
  await settle(simulate);
  expect(callsOf('issueBindCode')).toEqual([{ action: 'issueBindCode', memberId: 'm1' }]);
  expect(text(rendered.querySelector('.bind-code-value'))).toBe('ABCD-EFGH-JKMN');
  expect(text(rendered.querySelector('.bind-code-hint'))).toContain('2026-03-05 09:00 前有效');
  await tap(simulate, rendered.querySelector('.bind-code-copy')!);
  expect(wxStub().clipboard).toEqual(['ABCD-EFGH-JKMN']);
  // Closing the sheet forgets the code: it is never shown again.
  await tap(simulate, rendered.querySelector('.sheet-close')!);
  await tap(simulate, rendered.querySelector('.member')!);
  expect(rendered.querySelector('.bind-code-value')).toBeFalsy();
});

test('no 绑定码 for bound members or partners; a refusal says why', async () => {
  const bound = await openSheet({ bound: true }, {});
  expect(bound.page.querySelector('.bind-code-button')).toBeFalsy();
  const partner = await openSheet({ bound: false, employeeNo: null, external: true }, {});
  expect(partner.page.querySelector('.bind-code-button')).toBeFalsy();
  const refused = await openSheet({ bound: false }, { issueBindCode: () => failure('FORBIDDEN', '该部门不在你的管理范围内') });
  await tap(refused.simulate, refused.page.querySelector('.bind-code-button')!);
  await settle(refused.simulate);
  expect(wxStub().toasts).toContain('该部门不在你的管理范围内');
  expect(refused.page.querySelector('.bind-code-value')).toBeFalsy();
});

test('members are dense two-line cells of one list (name and 工号; department, binding and roles), not a card each', async () => {
  adminBackend({ listMembers: () => ok(page([member(1, { roles: [{ role: 'learner' }, { role: 'admin' }] }), member(2, { bound: false })], 1, 2)) });
  const { page: rendered } = await open();
  const cells = rendered.querySelectorAll('.member');
  expect(cells).toHaveLength(2);
  expect(cells.every((cell) => !(cell.dom?.className ?? '').split(/\s+/).includes('card'))).toBe(true);
  expect(rendered.querySelectorAll('.member-head').map(text)).toEqual(['员工1E001', '员工2E002']);
  expect(rendered.querySelectorAll('.member-line').map(text)).toEqual(['总部 / 人力资源部 · 已绑定 · 学员 · 管理员', '总部 / 人力资源部 · 未绑定 · 学员']);
});
