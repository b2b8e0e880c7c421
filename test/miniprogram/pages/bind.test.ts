/**
 * The binding page: both ways in, the second factor (WeChat's phone-number button, or an admin's 绑定码),
 * checks before sending, one Chinese message per refusal, the 停用 notice, and landing on 学习 after
 * binding. Calls go through the real transport to the stubbed backend. The button hands its handler
 * `e.detail.code` (a dynamic token), or an errMsg when the user declines:
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html
 */
import { failure, ok } from '../wx-stub';
import { fieldError, input, loadComponent, settle, tap, wxStub, type RenderedComponent, switchTab } from '../harness';
import type { ErrorCode } from '../../../typings/errors';
import { ERROR_MESSAGES } from '../../../typings/errors';
import { PROFILE, type BoundMe } from '../../helpers/pages/profile';
import { backend as route, type Answer } from '../../helpers/backend';
import type { MeView } from '../../../typings/functions/user';

const MEMBER: BoundMe = { ...PROFILE, departmentPath: ['总部', '人力资源部'] };

const text = (component: RenderedComponent | undefined): string => component?.dom?.textContent?.trim() ?? '';

/** Answers user.me with `me`, and bind/redeemInvitation with `onBind`. */
function backend(me: MeView, onBind: () => Answer<MeView> = () => ok(MEMBER)) {
  route({ 'user.me': () => ok(me), 'user.bind': onBind, 'user.redeemInvitation': onBind });
}

async function open(query: Record<string, string> = {}, mode: 'cloud' | 'local' = 'cloud') {
  const loaded = loadComponent('pages/bind/index', { config: { mode } });
  const page = loaded.render();
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad(query);
  await settle(loaded.simulate);
  return { ...loaded, page };
}

/** Types into a field (the kit's form-field: TDesign's t-input, without a maxlength, see the checks test). */
async function type(simulate: Parameters<typeof settle>[0], page: RenderedComponent, selector: string, value: string) {
  await input(simulate, page.querySelector(selector), value);
}

const bindCalls = () => wxStub().calls.filter((call) => call.event.action !== 'me');

/** What WeChat's phone-number dialog answers when the user allows it: a dynamic token. */
const ALLOWED = { errMsg: 'getPhoneNumber:ok', code: 'wx-phone-token-1' };

async function verifyPhone(simulate: Parameters<typeof settle>[0], page: RenderedComponent, detail: object = ALLOWED) {
  page.querySelector('.submit-phone')!.dispatchEvent('getphonenumber', { detail });
  await settle(simulate);
}

async function fillEmployee(simulate: Parameters<typeof settle>[0], page: RenderedComponent) {
  await type(simulate, page, '.input-employee-no', 'E001');
  await type(simulate, page, '.input-name', '王芳');
}

test('a non-member sees the employee form; 工号 + 姓名 + 手机号验证 binds and lands on 学习', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  expect(page.querySelector('.form-employee')).toBeTruthy();
  expect(page.querySelector('.inactive')).toBeFalsy();

  await type(simulate, page, '.input-employee-no', ' e001 ');
  await type(simulate, page, '.input-name', ' 王芳 ');
  await verifyPhone(simulate, page);

  expect(bindCalls().map((call) => call.event)).toEqual([{ action: 'bind', employeeNo: 'e001', name: '王芳', phoneCode: 'wx-phone-token-1' }]);
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
  expect(wxStub().toasts).toEqual(['绑定成功']);
});

test('declining the phone-number dialog sends nothing and says how else to bind', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  await fillEmployee(simulate, page);
  await verifyPhone(simulate, page, { errMsg: 'getPhoneNumber:fail user deny' });
  expect(bindCalls()).toEqual([]);
  expect(text(page.querySelector('.form-error'))).toBe('需要验证手机号才能绑定；花名册未登记手机号或手机号已变更的，请向管理员索取绑定码');
});

test('the phone-number button checks 工号 and 姓名 first', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  await verifyPhone(simulate, page);
  expect(fieldError(page, '.input-employee-no')).toBe('请输入工号');
  expect(fieldError(page, '.input-name')).toBe('请输入姓名');
  expect(bindCalls()).toEqual([]);
});

test('with no phone on the roster, the admin’s one-time 绑定码 binds instead', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  expect(page.querySelector('.input-bind-code')).toBeFalsy();
  await tap(simulate, page.querySelector('.factor-switch')!);
  expect(page.querySelector('.submit-phone')).toBeFalsy();
  await fillEmployee(simulate, page);
  await tap(simulate, page.querySelector('.submit-bind-code')!);
  expect(fieldError(page, '.input-bind-code')).toBe('请输入管理员提供的绑定码');
  expect(bindCalls()).toEqual([]);

  await type(simulate, page, '.input-bind-code', ' abcd-efgh-jkmn ');
  await tap(simulate, page.querySelector('.submit-bind-code')!);
  await settle(simulate);
  expect(bindCalls().map((call) => call.event)).toEqual([{ action: 'bind', employeeNo: 'E001', name: '王芳', bindCode: 'abcd-efgh-jkmn' }]);
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
});

test('in local mode the button gets its token from the local cloud for the dev identity’s number', async () => {
  backend({ bound: false });
  wxStub().gatewayPhones = { 'demo-learner': '13900001234' };
  const { page, simulate } = await open({}, 'local');
  await fillEmployee(simulate, page);
  // The devtools' own answer (no real WeChat behind a local backend) is ignored.
  await verifyPhone(simulate, page, { errMsg: 'getPhoneNumber:fail no permission' });
  await settle(simulate);
  const phoneRequest = wxStub().requests.find((request) => request.url.endsWith('/gateway/getPhoneNumber'));
  expect(phoneRequest?.header?.['x-weike-openid']).toBe('demo-learner');
  expect(bindCalls().map((call) => call.event)).toEqual([{ action: 'bind', employeeNo: 'E001', name: '王芳', phoneCode: 'phone-code:13900001234' }]);
});

test('in local mode a dev identity without a number is told to use a 绑定码', async () => {
  backend({ bound: false });
  const { page, simulate } = await open({}, 'local');
  await fillEmployee(simulate, page);
  await verifyPhone(simulate, page, ALLOWED);
  await settle(simulate);
  expect(bindCalls()).toEqual([]);
  expect(text(page.querySelector('.form-error'))).toContain('请向管理员索取绑定码');
});

test('an invitation code binds a partner and lands on 学习', async () => {
  backend({ bound: false }, () => ok({ ...MEMBER, employeeNo: null, external: true, audiences: ['external_partner'] }));
  const { page, simulate } = await open();
  await switchTab(simulate, page, 1, '#modes');
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

  await verifyPhone(simulate, page);
  expect(fieldError(page, '.input-employee-no')).toBe('请输入工号');
  expect(fieldError(page, '.input-name')).toBe('请输入姓名');

  await type(simulate, page, '.input-employee-no', 'E 001');
  await type(simulate, page, '.input-name', '王芳');
  await verifyPhone(simulate, page);
  expect(fieldError(page, '.input-employee-no')).toBe('工号只能包含字母、数字、下划线或短横线');
  expect(fieldError(page, '.input-name')).toBe('');

  // No maxlength on the field (form-field's -1 is none, handed to t-input): all 33 reach the check, which says so.
  expect((page.querySelector('.input-employee-no')!.data as { maxlength: number }).maxlength).toBe(-1);
  await type(simulate, page, '.input-employee-no', 'E'.repeat(33));
  await verifyPhone(simulate, page);
  expect(fieldError(page, '.input-employee-no')).toBe('工号最多 32 位');

  await switchTab(simulate, page, 1, '#modes');
  await tap(simulate, page.querySelector('.submit-invitation')!);
  expect(fieldError(page, '.input-code')).toBe('请输入邀请码');
  await type(simulate, page, '.input-code', 'AB 12');
  await tap(simulate, page.querySelector('.submit-invitation')!);
  expect(fieldError(page, '.input-code')).toBe('邀请码不能包含空格');

  expect(bindCalls()).toEqual([]);
});

test('full-width digits fold to ASCII before sending, as the roster import reads them', async () => {
  backend({ bound: false });
  const { page, simulate } = await open();
  await type(simulate, page, '.input-employee-no', 'Ｅ００１');
  await type(simulate, page, '.input-name', '王  芳');
  await verifyPhone(simulate, page);
  expect(bindCalls()[0]?.event).toEqual({ action: 'bind', employeeNo: 'E001', name: '王 芳', phoneCode: 'wx-phone-token-1' });
});

describe('each refusal has its own message and the form stays', () => {
  const CASES: { code: ErrorCode; mode: 'employee' | 'invitation'; shows: string }[] = [
    { code: 'BIND_MISMATCH', mode: 'employee', shows: '工号、姓名或验证信息不匹配，请核对后重试。花名册未登记手机号或手机号已变更的，请向管理员索取绑定码' },
    { code: 'PHONE_CODE_INVALID', mode: 'employee', shows: '手机号验证已失效，请重新点击“手机号验证并绑定”' },
    { code: 'MEMBER_TAKEN', mode: 'employee', shows: '该工号已被其他微信绑定。如非本人操作，请联系管理员解绑后再试' },
    { code: 'INVITATION_INVALID', mode: 'invitation', shows: '邀请码无效、已使用或已过期，请向管理员索取新的邀请码' },
    { code: 'INVALID_INPUT', mode: 'employee', shows: '填写的内容格式不正确，请检查后重试' },
    // A code the page has no wording for shows the function's own message.
    { code: 'INTERNAL', mode: 'invitation', shows: ERROR_MESSAGES.INTERNAL },
  ];

  test.each(CASES)('$code ($mode)', async ({ code, mode, shows }) => {
    backend({ bound: false }, () => failure(code, ERROR_MESSAGES[code]));
    const { page, simulate } = await open();
    if (mode === 'invitation') {
      await switchTab(simulate, page, 1, '#modes');
      await type(simulate, page, '.input-code', 'AB12CD34');
      await tap(simulate, page.querySelector('.submit-invitation')!);
    } else {
      await fillEmployee(simulate, page);
      await verifyPhone(simulate, page);
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

test('RATE_LIMITED shows the function’s message, which says how long to wait', async () => {
  backend({ bound: false }, () => failure('RATE_LIMITED', '尝试次数过多，请 40 分钟后再试'));
  const { page, simulate } = await open();
  await fillEmployee(simulate, page);
  await verifyPhone(simulate, page);
  expect(text(page.querySelector('.form-error'))).toBe('尝试次数过多，请 40 分钟后再试');
});

test('ALREADY_BOUND: this WeChat user is a member already, so the page goes to 学习', async () => {
  let bound = false;
  route({
    'user.me': () => ok(bound ? MEMBER : { bound: false }),
    'user.bind': () => {
      bound = true;
      return failure('ALREADY_BOUND', ERROR_MESSAGES.ALREADY_BOUND);
    },
  });
  const { page, simulate } = await open();
  await fillEmployee(simulate, page);
  await verifyPhone(simulate, page);
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
  await switchTab(simulate, page, 1, '#modes');
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
  route({ 'user.me': () => ({ networkError: 'offline' }) });
  const { page, simulate } = await open();
  expect(text(page.querySelector('#status'))).toContain('网络连接失败');
  backend({ bound: false });
  await tap(simulate, page.querySelector('#status')!.querySelector('.retry')!);
  await settle(simulate);
  expect(page.querySelector('.form-employee')).toBeTruthy();
});

test('in local mode the dev identity switcher is on the page and re-checks as the new caller', async () => {
  route({ 'user.me': (call) => (call.openid === 'demo-learner' ? ok({ bound: false }) : ok(MEMBER)) });
  const { page, simulate } = await open({}, 'local');
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
