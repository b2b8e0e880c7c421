/** 邀请码: create (with checks), the new code shown big and copied, the list with status, and revoking. */
import { failure, ok } from '../wx-stub';
import type { InvitationView } from '../../../typings/functions/admin';
import { pick, settle, tap, wxStub, type RenderedComponent, fieldTarget } from '../harness';
import { adminBackend, callsOf, openPage, page, text } from './admin-fixtures';

function invitation(code: string, overrides: Partial<InvitationView> = {}): InvitationView {
  return {
    code,
    name: '李雷',
    note: '',
    departmentId: 'd-east',
    departmentPath: ['华东分公司'],
    status: 'open',
    createdAt: '2026-03-01T02:00:00.000Z',
    // 2026-03-08 01:30 in Beijing: the page shows Beijing time whatever the phone's zone.
    expiresAt: '2026-03-07T17:30:00.000Z',
    usedAt: null,
    usedByMemberId: null,
    ...overrides,
  };
}

const open = () => openPage('packageAdmin/invitations/index');

async function type(simulate: Parameters<typeof settle>[0], rendered: RenderedComponent, selector: string, value: string) {
  fieldTarget(rendered.querySelector(selector)!).dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}

test('lists codes with status and Beijing expiry; only open codes can be revoked', async () => {
  adminBackend({
    listInvitations: () => ok(page([invitation('OPEN1234'), invitation('USED5678', { status: 'used' }), invitation('GONE0000', { status: 'expired' })], 1, 3)),
  });
  const { page: rendered } = await open();
  expect(callsOf('listInvitations')).toEqual([{ action: 'listInvitations', page: 1, pageSize: 10 }]);
  const rows = rendered.querySelectorAll('.invitation').map(text);
  expect(rows[0]).toContain('OPEN1234');
  expect(rows[0]).toContain('未使用');
  expect(rows[0]).toContain('李雷 · 华东分公司');
  expect(rows[0]).toContain('有效期至 2026-03-08 01:30');
  expect(rows[1]).toContain('已使用');
  expect(rows[2]).toContain('已过期');
  expect(rendered.querySelectorAll('.revoke')).toHaveLength(1);
});

test('creates a code from the form, shows it big and copies it', async () => {
  let created = false;
  adminBackend({
    listInvitations: () => ok(page(created ? [invitation('NEW12345', { note: '供应商培训' })] : [], 1, created ? 1 : 0)),
    createInvitation: () => {
      created = true;
      return ok(invitation('NEW12345', { note: '供应商培训' }));
    },
  });
  const { page: rendered, simulate } = await open();
  expect(text(rendered.querySelector('#status'))).toContain('还没有邀请码');

  await type(simulate, rendered, '.input-name', ' 李雷 ');
  // Options sorted by path: 华东分公司, 总部, 总部 / 人力资源部.
  await pick(simulate, rendered.querySelector('.department-picker'), 0);
  await type(simulate, rendered, '.input-days', '14');
  await type(simulate, rendered, '.input-note', '供应商培训');
  await tap(simulate, rendered.querySelector('.create-button')!);
  await settle(simulate);

  expect(callsOf('createInvitation')).toEqual([{ action: 'createInvitation', name: '李雷', note: '供应商培训', departmentId: 'd-east', validDays: 14 }]);
  expect(text(rendered.querySelector('.new-code'))).toBe('NEW12345');
  expect(rendered.querySelectorAll('.invitation')).toHaveLength(1);

  await tap(simulate, rendered.querySelector('.copy-button')!);
  expect(wxStub().clipboard).toEqual(['NEW12345']);
});

test('the form is checked before sending', async () => {
  adminBackend({ listInvitations: () => ok(page([], 1, 0)) });
  const { page: rendered, simulate } = await open();
  await type(simulate, rendered, '.input-days', '31');
  await tap(simulate, rendered.querySelector('.create-button')!);
  expect(text(rendered.querySelector('.error-name'))).toBe('请输入受邀人姓名');
  expect(text(rendered.querySelector('.error-department'))).toBe('请选择所属部门');
  expect(text(rendered.querySelector('.error-days'))).toBe('有效期为 1 到 30 天');
  expect(callsOf('createInvitation')).toEqual([]);
  expect(rendered.querySelector('.new-code')).toBeFalsy();
});

test('a refused creation says why and shows no code', async () => {
  adminBackend({ listInvitations: () => ok(page([], 1, 0)), createInvitation: () => failure('NOT_FOUND', '内容不存在或已删除') });
  const { page: rendered, simulate } = await open();
  await type(simulate, rendered, '.input-name', '李雷');
  await pick(simulate, rendered.querySelector('.department-picker'), 1);
  await tap(simulate, rendered.querySelector('.create-button')!);
  await settle(simulate);
  expect(callsOf('createInvitation')[0]).toMatchObject({ departmentId: 'd-hq', validDays: 7, note: '' });
  expect(wxStub().toasts).toEqual(['内容不存在或已删除']);
  expect(rendered.querySelector('.new-code')).toBeFalsy();
});

test('revoking asks first; confirming revokes and shows the new status', async () => {
  adminBackend({
    listInvitations: () => ok(page([invitation('OPEN1234')], 1, 1)),
    revokeInvitation: () => ok(invitation('OPEN1234', { status: 'revoked' })),
  });
  const { page: rendered, simulate } = await open();

  wxStub().modalAnswers.push(false);
  await tap(simulate, rendered.querySelector('.revoke')!);
  await settle(simulate);
  expect(wxStub().modals[0]?.content).toContain('OPEN1234');
  expect(callsOf('revokeInvitation')).toEqual([]);

  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.revoke')!);
  await settle(simulate);
  expect(callsOf('revokeInvitation')).toEqual([{ action: 'revokeInvitation', code: 'OPEN1234' }]);
  expect(text(rendered.querySelector('.invitation-status'))).toBe('已撤销');
  expect(rendered.querySelector('.revoke')).toBeFalsy();
  expect(wxStub().toasts).toEqual(['已撤销']);
});
