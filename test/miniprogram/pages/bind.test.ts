/**
 * The binding page: both ways in, checks before sending, one Chinese message per refusal, the 停用 notice,
 * and landing on 学习 after binding. Calls go through the real transport to the stubbed backend.
 */
import { failure, ok, type BackendCall } from '../wx-stub';
import { loadComponent, settle, tap, wxStub, type RenderedComponent } from '../harness';
import type { ErrorCode } from '../../../typings/errors';
import { ERROR_MESSAGES } from '../../../typings/errors';
import { PROFILE } from '../profile-fixtures';

const MEMBER = { ...PROFILE, departmentPath: ['总部', '人力资源部'] };

const text = (component: RenderedComponent | undefined): string => component?.dom?.textContent?.trim() ?? '';

/** Answers user.me with `me`, and bind/redeemInvitation with `onBind`. */
function backend(me: unknown, onBind: (call: BackendCall) => ReturnType<typeof ok> = () => ok(MEMBER)) {
  wxStub().handler = (call) => (call.event.action === 'me' ? ok(me) : onBind(call));
}

async function open(query: Record<string, string> = {}) {
  const loaded = loadComponent('pages/bind/index');
  const page = loaded.render();
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad(query);
  await settle(loaded.simulate);
  return { ...loaded, page };
}

async function type(simulate: Parameters<typeof settle>[0], page: RenderedComponent, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}

const bindCalls = () => wxStub().calls.filter((call) => call.event.action !== 'me');

test('a non-member sees the employee form; 工号 + 姓名 binds and lands on 学习', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  expect(page.querySelector('.form-employee')).toBeTruthy();
  expect(page.querySelector('.inactive')).toBeFalsy();

  await type(simulate, page, '.input-employee-no', ' e001 ');
  await type(simulate, page, '.input-name', ' 王芳 ');
  await tap(simulate, page.querySelector('.submit-employee')!);
  await settle(simulate);

  expect(bindCalls().map((call) => call.event)).toEqual([{ action: 'bind', employeeNo: 'e001', name: '王芳' }]);
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
  expect(wxStub().toasts).toEqual(['绑定成功']);
});

test('an invitation code binds a partner and lands on 学习', async () => {
  backend({ bound: false }, () => ok({ ...MEMBER, employeeNo: null, external: true, audiences: ['external_partner'] }));
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.mode-invitation')!);
  expect(page.querySelector('.form-employee')).toBeFalsy();

  await type(simulate, page, '.input-code', ' AB12CD34 ');
  await tap(simulate, page.querySelector('.submit-invitation')!);
  await settle(simulate);

  expect(bindCalls().map((call) => call.event)).toEqual([{ action: 'redeemInvitation', code: 'AB12CD34' }]);
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
});

test('nothing is sent until the fields are valid; each field says what is wrong', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();

  await tap(simulate, page.querySelector('.submit-employee')!);
  expect(text(page.querySelector('.error-employee-no'))).toBe('请输入工号');
  expect(text(page.querySelector('.error-name'))).toBe('请输入姓名');

  await type(simulate, page, '.input-employee-no', 'E 001');
  await type(simulate, page, '.input-name', '王芳');
  await tap(simulate, page.querySelector('.submit-employee')!);
  expect(text(page.querySelector('.error-employee-no'))).toBe('工号只能包含字母、数字、下划线或短横线');
  expect(page.querySelector('.error-name')).toBeFalsy();

  await type(simulate, page, '.input-employee-no', 'E'.repeat(33));
  await tap(simulate, page.querySelector('.submit-employee')!);
  expect(text(page.querySelector('.error-employee-no'))).toBe('工号最多 32 位');

  await tap(simulate, page.querySelector('.mode-invitation')!);
  await tap(simulate, page.querySelector('.submit-invitation')!);
  expect(text(page.querySelector('.error-code'))).toBe('请输入邀请码');
  await type(simulate, page, '.input-code', 'AB 12');
  await tap(simulate, page.querySelector('.submit-invitation')!);
  expect(text(page.querySelector('.error-code'))).toBe('邀请码不能包含空格');

  expect(bindCalls()).toEqual([]);
});

test('full-width digits fold to ASCII before sending, as the roster import reads them', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  await type(simulate, page, '.input-employee-no', 'Ｅ００１');
  await type(simulate, page, '.input-name', '王  芳');
  await tap(simulate, page.querySelector('.submit-employee')!);
  await settle(simulate);
  expect(bindCalls()[0]?.event).toEqual({ action: 'bind', employeeNo: 'E001', name: '王 芳' });
});

describe('each refusal has its own message and the form stays', () => {
  const CASES: { code: ErrorCode; mode: 'employee' | 'invitation'; shows: string }[] = [
    { code: 'BIND_MISMATCH', mode: 'employee', shows: '工号与姓名不匹配，请核对后重试（姓名须与公司花名册一致）' },
    { code: 'MEMBER_TAKEN', mode: 'employee', shows: '该工号已被其他微信绑定。如非本人操作，请联系管理员解绑后再试' },
    { code: 'RATE_LIMITED', mode: 'employee', shows: '尝试次数过多，请稍后再试' },
    { code: 'RATE_LIMITED', mode: 'invitation', shows: '尝试次数过多，请稍后再试' },
    { code: 'INVITATION_INVALID', mode: 'invitation', shows: '邀请码无效、已使用或已过期，请向管理员索取新的邀请码' },
    { code: 'INVALID_INPUT', mode: 'employee', shows: '填写的内容格式不正确，请检查后重试' },
    // A code the page has no wording for shows the function's own message.
    { code: 'INTERNAL', mode: 'invitation', shows: ERROR_MESSAGES.INTERNAL },
  ];

  test.each(CASES)('$code ($mode)', async ({ code, mode, shows }) => {
    backend({ bound: false }, () => failure(code, ERROR_MESSAGES[code]));
    const { page, simulate } = await open();
    if (mode === 'invitation') {
      await tap(simulate, page.querySelector('.mode-invitation')!);
      await type(simulate, page, '.input-code', 'AB12CD34');
      await tap(simulate, page.querySelector('.submit-invitation')!);
    } else {
      await type(simulate, page, '.input-employee-no', 'E001');
      await type(simulate, page, '.input-name', '王芳');
      await tap(simulate, page.querySelector('.submit-employee')!);
    }
    await settle(simulate);
    expect(text(page.querySelector('.form-error'))).toBe(shows);
    expect(page.querySelector(`.form-${mode}`)).toBeTruthy();
    expect(wxStub().switchTabs).toEqual([]);

    // Typing again clears the message.
    await type(simulate, page, mode === 'invitation' ? '.input-code' : '.input-name', 'x');
    expect(page.querySelector('.form-error')).toBeFalsy();
  });
});

test('ALREADY_BOUND: this WeChat user is a member already, so the page goes to 学习', async () => {
  let bound = false;
  wxStub().handler = (call) => {
    if (call.event.action === 'me') return ok(bound ? MEMBER : { bound: false });
    bound = true;
    return failure('ALREADY_BOUND', ERROR_MESSAGES.ALREADY_BOUND);
  };
  const { page, simulate } = await open();
  await type(simulate, page, '.input-employee-no', 'E001');
  await type(simulate, page, '.input-name', '王芳');
  await tap(simulate, page.querySelector('.submit-employee')!);
  await settle(simulate);
  expect(wxStub().toasts).toEqual([ERROR_MESSAGES.ALREADY_BOUND]);
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
});

test('a deactivated member sees only the 停用 notice, no form and no content', async () => {
  backend({ ...MEMBER, active: false });
  const { page } = await open({ reason: 'inactive' });
  expect(text(page.querySelector('.inactive'))).toContain('你的员工身份已停用');
  expect(text(page.querySelector('.inactive'))).toContain('请联系管理员');
  expect(page.querySelector('.bind-form')).toBeFalsy();
  expect(wxStub().switchTabs).toEqual([]);
  // The page is where the gate sends people: it must not send them there again.
  expect(wxStub().relaunches).toEqual([]);
});

test('MEMBER_INACTIVE in answer to binding shows the 停用 notice', async () => {
  backend({ bound: false }, () => failure('MEMBER_INACTIVE', ERROR_MESSAGES.MEMBER_INACTIVE));
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.mode-invitation')!);
  await type(simulate, page, '.input-code', 'AB12CD34');
  await tap(simulate, page.querySelector('.submit-invitation')!);
  await settle(simulate);
  expect(page.querySelector('.inactive')).toBeTruthy();
  expect(page.querySelector('.bind-form')).toBeFalsy();
});

test('an active member who opens the page goes straight to 学习', async () => {
  backend(MEMBER);
  const { page } = await open();
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
  expect(page.querySelector('.bind-form')).toBeFalsy();
});

test('when user.me fails, the page shows the error and retries', async () => {
  wxStub().handler = () => ({ networkError: 'offline' });
  const { page, simulate } = await open();
  expect(text(page.querySelector('#status'))).toContain('网络连接失败');
  backend({ bound: false });
  await tap(simulate, page.querySelector('#status')!.querySelector('.retry')!);
  await settle(simulate);
  expect(page.querySelector('.form-employee')).toBeTruthy();
});

test('in local mode the dev identity switcher is on the page and re-checks as the new caller', async () => {
  wxStub().handler = (call) => (call.openid === 'demo-learner' ? ok({ bound: false }) : ok(MEMBER));
  const { page, simulate } = await open();
  const switcher = page.querySelector('#dev-identity')!;
  const pick = switcher.querySelectorAll('.dev-pick').find((node) => text(node) === '学员')!;
  wxStub().storage.set('weike.devOpenid', 'demo-visitor');
  await tap(simulate, pick);
  await settle(simulate);
  expect(wxStub().calls.map((call) => call.openid)).toEqual(['demo-learner', 'demo-learner']);
  expect(page.querySelector('.form-employee')).toBeTruthy();

  const admin = switcher.querySelectorAll('.dev-pick').find((node) => text(node) === '管理员')!;
  await tap(simulate, admin);
  await settle(simulate);
  expect(wxStub().calls.at(-1)?.openid).toBe('demo-admin');
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
});
