/** services/transport.ts in both modes: request shape and headers, envelopes, and transport failures. */
import path from 'node:path';
import type { AppConfig } from '../../../miniprogram/config';
import { failure, ok } from '../wx-stub';
import { MINIPROGRAM_ROOT, wxStub } from '../harness';
import { sleep } from '../../helpers/wait';

type Transport = typeof import('../../../miniprogram/services/transport');
type DevIdentity = typeof import('../../../miniprogram/services/dev-identity');

function freshModules(config: Partial<AppConfig> = {}): { transport: Transport; devIdentity: DevIdentity } {
  let modules: { transport: Transport; devIdentity: DevIdentity } | undefined;
  jest.isolateModules(() => {
    Object.assign((require(path.join(MINIPROGRAM_ROOT, 'config')) as { config: AppConfig }).config, config);
    modules = {
      transport: require(path.join(MINIPROGRAM_ROOT, 'services/transport')) as Transport,
      devIdentity: require(path.join(MINIPROGRAM_ROOT, 'services/dev-identity')) as DevIdentity,
    };
  });
  return modules!;
}

const PAGE = { items: [], page: 2, pageSize: 5, total: 0, hasMore: false };

describe('local mode (gateway)', () => {
  test('posts { name, data: { action, ...input } } to the gateway with the dev identity header', async () => {
    const { transport, devIdentity } = freshModules({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9999/' });
    devIdentity.setDevOpenid('demo-admin');
    wxStub().handler = () => ok(PAGE);

    await expect(transport.call('course', 'list', { page: 2, pageSize: 5 })).resolves.toEqual(PAGE);

    expect(wxStub().requests).toEqual([
      {
        url: 'http://127.0.0.1:9999/gateway/callFunction',
        method: 'POST',
        header: { 'content-type': 'application/json', 'x-weike-openid': 'demo-admin' },
        data: { name: 'course', data: { action: 'list', page: 2, pageSize: 5 } },
      },
    ]);
    expect(wxStub().calls[0]).toMatchObject({ via: 'gateway', openid: 'demo-admin' });
  });

  test('uses the default dev identity when none was chosen', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => ok({ bound: false });
    await transport.call('user', 'me', {});
    expect(wxStub().requests[0]?.header?.['x-weike-openid']).toBe('demo-learner');
  });

  test('a failure envelope rejects with ApiError carrying code, message and request id', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份', 'req-42');
    const error = await transport.call('user', 'me', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(transport.ApiError);
    expect(error).toMatchObject({ code: 'NOT_MEMBER', message: '仅限企业员工使用，请先绑定员工身份', requestId: 'req-42' });
  });

  test('a gateway errCode answer rejects with CALL_FAILED in Chinese', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => ({ errCode: -501000, errMsg: 'FunctionName parameter could not be found' });
    await expect(transport.call('course', 'list', { page: 1, pageSize: 10 })).rejects.toMatchObject({
      code: 'CALL_FAILED',
      message: transport.TRANSPORT_ERROR_MESSAGES.CALL_FAILED,
    });
  });

  test("a gateway errCode answer keeps callFunction's requestID as the error's request id", async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => ({ errCode: -504002, errMsg: 'cloud function execution error', requestID: 'req-9' });
    await expect(transport.call('course', 'list', { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'CALL_FAILED', requestId: 'req-9' });
  });

  test('a network failure rejects with NETWORK_ERROR', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => ({ networkError: 'connect ECONNREFUSED' });
    await expect(transport.call('course', 'list', { page: 1, pageSize: 10 })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: '网络连接失败，请检查网络后重试',
    });
  });

  test('an answer that is not an envelope rejects with BAD_RESPONSE', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => ({ result: { hello: 'world' } });
    await expect(transport.call('user', 'me', {})).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});

describe('cloud mode (wx.cloud.callFunction)', () => {
  test('calls the function with { action, ...input } and never touches the gateway', async () => {
    const { transport } = freshModules({ mode: 'cloud', envId: 'prod-1' });
    wxStub().handler = () => ok(PAGE);
    await expect(transport.call('contest', 'list', { page: 2, pageSize: 5 })).resolves.toEqual(PAGE);
    expect(wxStub().calls).toEqual([{ name: 'contest', event: { action: 'list', page: 2, pageSize: 5 }, openid: null, via: 'cloud' }]);
    expect(wxStub().requests).toEqual([]);
  });

  test('a failure envelope rejects with ApiError', async () => {
    const { transport } = freshModules({ mode: 'cloud' });
    wxStub().handler = () => failure('FORBIDDEN', '你没有权限进行此操作', 'req-7');
    await expect(transport.call('campaign', 'list', { page: 1, pageSize: 10 })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'FORBIDDEN',
      message: '你没有权限进行此操作',
      requestId: 'req-7',
    });
  });

  test('callFunction errCode (fail callback) rejects with CALL_FAILED', async () => {
    const { transport } = freshModules({ mode: 'cloud' });
    wxStub().handler = () => ({ errCode: -504002, errMsg: 'functions execute fail' });
    const error = await transport.call('user', 'me', {}).catch((e: unknown) => e);
    expect(transport.isApiError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CALL_FAILED', message: '服务暂时不可用，请稍后重试' });
  });

  test('callFunction failing without errCode rejects with NETWORK_ERROR', async () => {
    const { transport } = freshModules({ mode: 'cloud' });
    wxStub().handler = () => ({ networkError: 'timeout' });
    await expect(transport.call('user', 'me', {})).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('the membership gate (one place: the transport)', () => {
  test('NOT_MEMBER from any call relaunches the binding page once, and the caller still gets the error', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份');
    const answers = await Promise.allSettled([
      transport.call('course', 'list', { page: 1, pageSize: 10 }),
      transport.call('campaign', 'list', { page: 1, pageSize: 10 }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
    expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member']);
  });

  test('MEMBER_INACTIVE relaunches the binding page with the 停用 reason (cloud mode too)', async () => {
    const { transport } = freshModules({ mode: 'cloud' });
    wxStub().handler = () => failure('MEMBER_INACTIVE', '你的员工身份已停用，请联系管理员');
    await expect(transport.call('contest', 'list', { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'MEMBER_INACTIVE' });
    expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=inactive']);
  });

  test('other failures do not move the user', async () => {
    const { transport } = freshModules({ mode: 'local' });
    wxStub().handler = () => failure('FORBIDDEN', '你没有权限进行此操作');
    await expect(transport.call('admin', 'listDepartments', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(wxStub().relaunches).toEqual([]);
  });

  test('on the binding page itself nothing is relaunched (no loop)', async () => {
    const globals = globalThis as unknown as { getCurrentPages: () => { route: string }[] };
    const previous = globals.getCurrentPages;
    globals.getCurrentPages = () => [{ route: 'pages/learn/index' }, { route: 'pages/bind/index' }];
    try {
      const { transport } = freshModules({ mode: 'local' });
      wxStub().handler = () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份');
      await expect(transport.call('user', 'me', {})).rejects.toMatchObject({ code: 'NOT_MEMBER' });
      expect(wxStub().relaunches).toEqual([]);
    } finally {
      globals.getCurrentPages = previous;
    }
  });
});

describe('uploadFile', () => {
  const CSV = '工号,姓名\nE001,王芳\n';

  test('local mode reads the temp file and posts its raw bytes to the gateway with the identity header', async () => {
    const { transport, devIdentity } = freshModules({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9999/' });
    devIdentity.setDevOpenid('demo-admin');
    wxStub().files.set('wxfile://tmp/roster.csv', CSV);
    const fileID = await transport.uploadFile('roster-imports/1/花名册 v2.csv', 'wxfile://tmp/roster.csv');
    expect(fileID).toBe('cloud://local-bucket/roster-imports/1/花名册 v2.csv');
    expect(wxStub().requests[0]).toMatchObject({
      url: `http://127.0.0.1:9999/gateway/uploadFile?cloudPath=${encodeURIComponent('roster-imports/1/花名册 v2.csv')}`,
      method: 'POST',
      header: { 'content-type': 'application/octet-stream', 'x-weike-openid': 'demo-admin' },
    });
    expect(wxStub().uploads).toEqual([
      { via: 'gateway', cloudPath: 'roster-imports/1/花名册 v2.csv', content: CSV, openid: 'demo-admin', contentType: 'application/octet-stream' },
    ]);
  });

  test('cloud mode uses wx.cloud.uploadFile and never the gateway', async () => {
    const { transport } = freshModules({ mode: 'cloud' });
    wxStub().files.set('wxfile://tmp/roster.csv', CSV);
    wxStub().uploadHandler = (upload) => ({ fileID: `cloud://prod-1.bucket/${upload.cloudPath}` });
    await expect(transport.uploadFile('roster-imports/r.csv', 'wxfile://tmp/roster.csv')).resolves.toBe('cloud://prod-1.bucket/roster-imports/r.csv');
    expect(wxStub().uploads).toEqual([{ via: 'cloud', cloudPath: 'roster-imports/r.csv', content: CSV, openid: null }]);
    expect(wxStub().requests).toEqual([]);
  });

  test.each(['local', 'cloud'] as const)('a refused upload rejects with UPLOAD_FAILED in Chinese (%s mode)', async (mode) => {
    const { transport } = freshModules({ mode });
    wxStub().files.set('wxfile://tmp/roster.csv', CSV);
    wxStub().uploadHandler = () => ({ errCode: -501007, errMsg: 'cloud.uploadFile:fail -501007 invalid cloudPath' });
    await expect(transport.uploadFile('a/../b.csv', 'wxfile://tmp/roster.csv')).rejects.toMatchObject({
      code: 'UPLOAD_FAILED',
      message: '文件上传失败，请稍后重试',
    });
  });

  test('an unreadable temp file rejects with FILE_UNREADABLE (local mode)', async () => {
    const { transport } = freshModules({ mode: 'local' });
    await expect(transport.uploadFile('roster-imports/r.csv', 'wxfile://tmp/missing.csv')).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    expect(wxStub().requests).toEqual([]);
  });
});

describe('app.ts', () => {
  function launch(config: Partial<AppConfig>): Promise<void> {
    const globals = globalThis as unknown as { App?: (options: { onLaunch(): void }) => void };
    const previous = globals.App;
    let onLaunch: (() => void) | undefined;
    globals.App = (options) => {
      onLaunch = () => options.onLaunch();
    };
    try {
      jest.isolateModules(() => {
        Object.assign((require(path.join(MINIPROGRAM_ROOT, 'config')) as { config: AppConfig }).config, config);
        require(path.join(MINIPROGRAM_ROOT, 'app'));
      });
    } finally {
      globals.App = previous;
    }
    onLaunch!();
    return sleep(5);
  }

  test('initialises wx.cloud only in cloud mode', async () => {
    wxStub().handler = () => ok({ bound: false });
    await launch({ mode: 'local' });
    await launch({ mode: 'cloud', envId: 'prod-1' });
    expect(wxStub().cloudInits).toEqual([{ env: 'prod-1', traceUser: true }]);
  });

  test.each([
    { me: { bound: false }, relaunch: ['/pages/bind/index?reason=not-member'] },
    { me: { bound: true, active: false }, relaunch: ['/pages/bind/index?reason=inactive'] },
    { me: { bound: true, active: true }, relaunch: [] },
  ])('at launch user.me decides the gate: $me', async ({ me, relaunch }) => {
    wxStub().handler = () => ok(me);
    await launch({ mode: 'local' });
    expect(wxStub().calls.map((call) => call.event)).toEqual([{ action: 'me' }]);
    expect(wxStub().relaunches).toEqual(relaunch);
  });
});
