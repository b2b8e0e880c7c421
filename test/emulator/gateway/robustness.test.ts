/**
 * Nothing a client sends can crash the local cloud: malformed protocol bodies get CloudBase-shaped errors
 * (`{ code, message, requestId }`, HTTP 200, as the SDK expects), unknown paths a 404, and the server keeps
 * answering afterwards.
 */
import net from 'node:net';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

const functionsDir = path.join(__dirname, '..', 'fixtures', 'functions');

describe('robustness of the front door', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir });
  });

  afterAll(async () => {
    await cloud.dispose();
  });

  async function admin(body: string | Buffer, contentType = 'application/json'): Promise<Record<string, unknown>> {
    const res = await fetch(`${cloud.url}/admin`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it.each([
    ['bad JSON', '{"action":', 'INVALID_PARAM'],
    ['a JSON array', '[1,2]', 'INVALID_PARAM'],
    ['a JSON string', '"hello"', 'INVALID_PARAM'],
    ['no action', '{}', 'INVALID_PARAM'],
    ['a non-string action', '{"action":{"$gt":1}}', 'INVALID_PARAM'],
    ['an unknown action', '{"action":"nope.nothing"}', 'INVALID_ACTION'],
    ['a prototype action', '{"action":"__proto__"}', 'INVALID_ACTION'],
    ['invokeFunction without a name', '{"action":"functions.invokeFunction"}', 'INVALID_PARAM'],
    ['invokeFunction with bad request_data', '{"action":"functions.invokeFunction","function_name":"whoami","request_data":"{"}', 'INVALID_PARAM'],
    ['invokeFunction of a missing function', '{"action":"functions.invokeFunction","function_name":"nope"}', 'FUNCTIONS_REQUEST_FAIL'],
    ['invokeFunction of a throwing function', '{"action":"functions.invokeFunction","function_name":"boom","request_data":"{}"}', 'FUNCTIONS_EXECUTE_FAIL'],
    ['storage with wrong types', '{"action":"storage.batchGetDownloadUrl","file_list":"x"}', 'INVALID_PARAM'],
    ['an upload path escaping storage', '{"action":"storage.getUploadMetadata","path":"../../etc/passwd"}', 'INVALID_PARAM'],
  ])('answers %s with a CloudBase error', async (_label, body, code) => {
    const answer = await admin(body);
    expect(answer.code).toBe(code);
    expect(typeof answer.message).toBe('string');
    expect(typeof answer.requestId).toBe('string');
  });

  it('answers malformed multipart and open-API bodies', async () => {
    expect((await admin('garbage', 'multipart/form-data; boundary=xyz')).code).toBe('INVALID_PARAM');
    expect((await admin('garbage', 'multipart/form-data')).code).toBe('INVALID_PARAM');
    const form = new FormData();
    form.append('action', 'wx.openApi');
    form.append('apiName', 'security.msgSecCheck');
    form.append('requestData', new Blob([Buffer.from([0x12, 0xff, 0x01])]));
    const res = await fetch(`${cloud.url}/admin`, { method: 'POST', body: form });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await res.json()) as { code: string }).code).toBe('INVALID_PARAM');
  });

  it('answers a body over the size limit and keeps serving', async () => {
    const answer = await admin(Buffer.alloc(11 * 1024 * 1024, 0x20));
    expect(answer).toMatchObject({ code: 'INVALID_PARAM', message: 'request body too large' });
  });

  it('answers unknown paths and methods with 404', async () => {
    for (const [method, route] of [
      ['GET', '/nowhere'],
      ['GET', '/admin'],
      ['PATCH', '/gateway/callFunction'],
      ['GET', '/storage/file/..%2F..%2Fetc%2Fpasswd'],
    ]) {
      const res = await fetch(`${cloud.url}${route}`, { method });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('survives a broken HTTP request on a raw socket', async () => {
    await new Promise<void>((resolve) => {
      const socket = net.connect(cloud.port, '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    const res = await fetch(`${cloud.url}/`);
    expect(res.status).toBe(200);
  });

  it('still serves the SDK after all of the above', async () => {
    const answer = await admin(JSON.stringify({ action: 'functions.invokeFunction', function_name: 'slow', request_data: JSON.stringify({ ms: 1 }) }));
    expect(JSON.parse((answer.data as { response_data: string }).response_data)).toEqual({ slept: 1 });
  });
});
