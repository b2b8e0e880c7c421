/**
 * The app gateway behaves like wx.cloud.callFunction / uploadFile / getTempFileURL. Client error codes as
 * the real client reports them (see emulator/functions/errors.ts for the sources): -501000 function not
 * found, -504003 timeout, -404011 function execution error.
 */
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

const functionsDir = path.join(__dirname, '..', 'fixtures', 'functions');

describe('app gateway', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir });
  });

  afterAll(async () => {
    await cloud.dispose();
  });

  async function call(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${cloud.url}/gateway/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('calls a function as the identified caller', async () => {
    const { status, json } = await call(
      { name: 'whoami', data: { echo: 5 } },
      { 'x-weike-openid': 'o-alice', 'x-weike-appid': 'wxdemo', 'x-weike-unionid': 'u-alice' },
    );
    expect(status).toBe(200);
    expect(json.errMsg).toBe('cloud.callFunction:ok');
    expect(typeof json.requestID).toBe('string');
    const result = json.result as { echo: number; after: Record<string, unknown> };
    expect(result.echo).toBe(5);
    expect(result.after).toMatchObject({ OPENID: 'o-alice', APPID: 'wxdemo', UNIONID: 'u-alice', SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' });
  });

  it('calls a function anonymously without the openid header', async () => {
    const { json } = await call({ name: 'whoami', data: {} });
    expect((json.result as { after: Record<string, unknown> }).after.OPENID).toBeUndefined();
  });

  it.each([
    ['an unknown function', { name: 'nope' }, -501000, 'cloud.callFunction:fail -501000 FunctionName parameter could not be found.'],
    ['a timeout', { name: 'slow', data: { ms: 5000 } }, -504003, 'cloud.callFunction:fail -504003 Invoking task timed out after 1 seconds'],
    ['a function error', { name: 'boom' }, -404011, 'cloud.callFunction:fail -404011 cloud function execution error.'],
  ])('answers %s with the client error shape', async (_label, body, errCode, errMsg) => {
    const { status, json } = await call(body, { 'x-weike-openid': 'o-bob' });
    expect(status).toBe(200);
    expect(json.errCode).toBe(errCode);
    expect(String(json.errMsg).startsWith(errMsg)).toBe(true);
    expect(json).not.toHaveProperty('result');
  });

  it('rejects malformed calls and identity headers with invalid-parameter errors', async () => {
    for (const body of ['{not json', '[]', JSON.stringify({ data: {} }), JSON.stringify({ name: 42 })]) {
      const { status, json } = await call(body);
      expect(status).toBe(400);
      expect(json.errCode).toBe(-501007);
      expect(String(json.errMsg)).toMatch(/^cloud\.callFunction:fail -501007 /);
    }
    const { json } = await call({ name: 'whoami' }, { 'x-weike-openid': 'bad openid!' });
    expect(json.errCode).toBe(-501007);
  });

  it('uploads a file for an identified caller and hands back temporary URLs like wx.cloud', async () => {
    const upload = await fetch(`${cloud.url}/gateway/uploadFile?cloudPath=${encodeURIComponent('uploads/o-alice/checkin/photo.jpg')}`, {
      method: 'POST',
      headers: { 'x-weike-openid': 'o-alice' },
      body: Buffer.from([1, 2, 3, 4]),
    });
    const { fileID, errMsg } = (await upload.json()) as { fileID: string; errMsg: string };
    expect(errMsg).toBe('cloud.uploadFile:ok');
    expect(fileID).toBe(cloud.storage.fileIdOf('uploads/o-alice/checkin/photo.jpg'));

    const anonymous = await fetch(`${cloud.url}/gateway/uploadFile?cloudPath=x.jpg`, { method: 'POST', body: 'x' });
    expect(anonymous.status).toBe(403);
    const escaping = await fetch(`${cloud.url}/gateway/uploadFile?cloudPath=../x.jpg`, { method: 'POST', headers: { 'x-weike-openid': 'o-alice' }, body: 'x' });
    expect(((await escaping.json()) as { errCode: number }).errCode).toBe(-501007);

    const urls = await fetch(`${cloud.url}/gateway/getTempFileURL`, {
      method: 'POST',
      headers: { 'x-weike-openid': 'o-bob' },
      body: JSON.stringify({ fileList: [fileID, { fileID: `${fileID}.missing`, maxAge: 60 }] }),
    });
    const { fileList, errMsg: urlMsg } = (await urls.json()) as { fileList: { tempFileURL: string; status: number; maxAge: number }[]; errMsg: string };
    expect(urlMsg).toBe('cloud.getTempFileURL:ok');
    expect(fileList[0].status).toBe(0);
    expect(fileList[1]).toMatchObject({ status: -503003, tempFileURL: '', maxAge: 60 });
    const file = await fetch(fileList[0].tempFileURL);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from([1, 2, 3, 4]));
  });
});
