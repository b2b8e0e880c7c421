/** 我的 tab: profile, NOT_MEMBER state, and the dev identity switcher that exists only in local mode. */
import { failure, ok } from '../wx-stub';
import { inStatus, loadComponent, settle, tap, wxStub, type RenderedComponent } from '../harness';
import type { AppConfig } from '../../../miniprogram/config';

const PROFILE = {
  bound: true,
  memberId: 'm1',
  employeeNo: 'E001',
  name: '王芳',
  departmentId: 'd1',
  departmentPath: ['总部', '人力资源部', '培训中心'],
  jobLevel: 'individual',
  active: true,
  roles: [{ role: 'learner' }, { role: 'admin' }],
};

async function open(config: Partial<AppConfig> = {}) {
  const loaded = loadComponent('pages/me/index', { config });
  const page = loaded.render();
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  await settle(loaded.simulate);
  return { ...loaded, page };
}

const text = (component: RenderedComponent | undefined): string => component?.dom?.textContent ?? '';

test('shows the member profile', async () => {
  wxStub().handler = () => ok(PROFILE);
  const { page } = await open();
  expect(wxStub().calls[0]?.event).toEqual({ action: 'me' });
  expect(text(page.querySelector('.profile-name'))).toBe('王芳');
  expect(text(page.querySelector('.profile-department'))).toBe('总部 / 人力资源部 / 培训中心');
  expect(text(page.querySelector('.profile-roles'))).toBe('学员、管理员');
});

test('shows 请先绑定员工身份 when not bound, without a link to itself', async () => {
  wxStub().handler = () => ok({ bound: false });
  const { page } = await open();
  expect(page.querySelector('.profile')).toBeFalsy();
  expect(text(inStatus(page, '.state-not-member'))).toContain('请先绑定员工身份');
  expect(inStatus(page, '.bind')).toBeFalsy();
});

test('a NOT_MEMBER failure shows the same state; other failures show the error', async () => {
  wxStub().handler = () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份');
  const first = await open();
  expect(inStatus(first.page, '.state-not-member')).toBeTruthy();

  wxStub().handler = () => failure('MEMBER_INACTIVE', '你的员工身份已停用，请联系管理员');
  const second = await open();
  expect(text(inStatus(second.page, '.state-error'))).toContain('你的员工身份已停用，请联系管理员');
});

describe('dev identity switcher', () => {
  test('is absent in cloud mode', async () => {
    wxStub().handler = () => ok(PROFILE);
    const { page } = await open({ mode: 'cloud' });
    expect(page.querySelector('.dev-identity')).toBeFalsy();
    expect(wxStub().calls[0]?.via).toBe('cloud');
  });

  test('a quick pick stores the openid, reloads the profile as that caller and marks the pick', async () => {
    wxStub().handler = (call) => (call.openid === 'demo-visitor' ? ok({ bound: false }) : ok(PROFILE));
    const { page, simulate } = await open({ mode: 'local' });
    expect(text(page.querySelector('.dev-current'))).toBe('demo-learner');

    const pick = page.querySelectorAll('.dev-pick').find((node) => text(node).includes('未绑定访客'));
    await tap(simulate, pick!);
    await settle(simulate);

    expect(wxStub().storage.get('weike.devOpenid')).toBe('demo-visitor');
    expect(wxStub().calls.map((call) => call.openid)).toEqual(['demo-learner', 'demo-visitor']);
    expect(text(page.querySelector('.dev-current'))).toBe('demo-visitor');
    expect(text(page.querySelector('.dev-pick-active'))).toBe('未绑定访客');
    expect(inStatus(page, '.state-not-member')).toBeTruthy();
    expect(wxStub().toasts).toEqual(['已切换为 demo-visitor']);
  });

  test('the text field switches to any openid; a blank one is refused', async () => {
    wxStub().handler = () => ok(PROFILE);
    const { page, simulate } = await open({ mode: 'local' });
    const input = page.querySelector('.dev-input')!;

    input.dispatchEvent('input', { detail: { value: '   ' } });
    await settle(simulate);
    await tap(simulate, page.querySelector('.dev-apply')!);
    expect(wxStub().toasts).toEqual(['请输入 openid']);
    expect(wxStub().calls).toHaveLength(1);

    input.dispatchEvent('input', { detail: { value: ' dev-someone ' } });
    await settle(simulate);
    await tap(simulate, page.querySelector('.dev-apply')!);
    await settle(simulate);
    expect(wxStub().storage.get('weike.devOpenid')).toBe('dev-someone');
    expect(wxStub().calls.at(-1)?.openid).toBe('dev-someone');
  });

  test('a stored identity is used from the start', async () => {
    wxStub().storage.set('weike.devOpenid', 'demo-judge');
    wxStub().handler = () => ok(PROFILE);
    const { page } = await open({ mode: 'local' });
    expect(wxStub().calls[0]?.openid).toBe('demo-judge');
    expect(text(page.querySelector('.dev-current'))).toBe('demo-judge');
  });
});
