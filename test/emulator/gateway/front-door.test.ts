/**
 * A web page open in the developer's browser cannot drive the local cloud (emulator/origin.ts): requests
 * whose Host is not the loopback address and port served are refused (DNS rebinding), the gateway never
 * answers `access-control-allow-origin: *` and refuses other origins and their preflights, and `/admin` takes
 * only JSON bodies (multipart for wx.openApi only) and nothing from a browser. Raw HTTP requests, so that
 * Host and Origin are exactly what a browser would send.
 */
import http from 'node:http';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

const functionsDir = path.join(__dirname, '..', 'fixtures', 'functions');

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir, collections: [{ name: 'notes', indexes: [] }] });
});

afterAll(() => cloud.dispose());

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(method: string, route: string, headers: Record<string, string>, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: cloud.port, method, path: route, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const host = () => `127.0.0.1:${cloud.port}`;
const insertNote = (id: string) =>
  JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', data: [JSON.stringify({ _id: id, text: 'x' })], envName: 'local' });
const callWhoami = JSON.stringify({ name: 'whoami', data: {} });

describe('only requests naming the served loopback Host are answered (DNS rebinding)', () => {
  it('refuses a rebinding Host on the gateway, /admin and the other routes, and writes nothing', async () => {
    const before = cloud.database.commitSequence();
    for (const name of ['evil.example', `evil.example:${cloud.port}`, `127.0.0.1:${cloud.port + 1}`, '127.0.0.1']) {
      const gateway = await raw('POST', '/gateway/callFunction', { host: name, 'content-type': 'application/json', 'x-weike-openid': 'o-alice' }, callWhoami);
      expect({ name, status: gateway.status }).toEqual({ name, status: 403 });
      expect(gateway.body).not.toContain('callFunction:ok');
      const admin = await raw('POST', '/admin', { host: name, 'content-type': 'application/json' }, insertNote(`rebound-${name}`));
      expect(admin.status).toBe(403);
      expect((await raw('GET', '/outbox', { host: name })).status).toBe(403);
    }
    expect(cloud.database.commitSequence()).toBe(before);
  });

  it('serves 127.0.0.1, localhost and [::1] with the port served', async () => {
    for (const name of [host(), `localhost:${cloud.port}`, `LOCALHOST:${cloud.port}`, `[::1]:${cloud.port}`]) {
      const answer = await raw('POST', '/gateway/callFunction', { host: name, 'content-type': 'application/json' }, callWhoami);
      expect({ name, status: answer.status, ok: JSON.parse(answer.body).errMsg }).toEqual({ name, status: 200, ok: 'cloud.callFunction:ok' });
    }
  });
});

describe('the gateway never answers access-control-allow-origin: *', () => {
  it('answers the mini-program (no Origin) without CORS headers', async () => {
    const answer = await raw('POST', '/gateway/callFunction', { host: host(), 'content-type': 'application/json' }, callWhoami);
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a loopback page origin (a local web console), never *', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      const answer = await raw('POST', '/gateway/callFunction', { host: host(), origin, 'content-type': 'application/json' }, callWhoami);
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      const preflight = await raw('OPTIONS', '/gateway/callFunction', {
        host: host(),
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-weike-openid',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  it('refuses any other origin, its simple requests and its preflights, without CORS headers', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example:8787', 'null', 'http://192.168.1.5:8787']) {
      const preflight = await raw('OPTIONS', '/gateway/callFunction', {
        host: host(),
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-weike-openid',
      });
      expect({ origin, status: preflight.status }).toEqual({ origin, status: 403 });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      // A "simple" text/plain POST needs no preflight: it must not run the function either.
      const simple = await raw('POST', '/gateway/callFunction', { host: host(), origin, 'content-type': 'text/plain' }, callWhoami);
      expect(simple.status).toBe(403);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      expect(simple.body).not.toContain('callFunction:ok');
    }
  });
});

describe('/admin requires application/json and serves no browser', () => {
  it.each([
    ['text/plain (a form or a simple fetch)', 'text/plain'],
    ['urlencoded (a form)', 'application/x-www-form-urlencoded'],
    ['no content type', ''],
  ])('refuses a JSON body sent as %s and writes nothing', async (_label, contentType) => {
    const before = cloud.database.commitSequence();
    const headers: Record<string, string> = { host: host() };
    if (contentType) headers['content-type'] = contentType;
    const answer = await raw('POST', '/admin', headers, insertNote(`plain-${contentType}`));
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'INVALID_PARAM', message: 'content-type must be application/json' });
    expect(cloud.database.commitSequence()).toBe(before);
  });

  it('refuses a multipart form carrying a database action (a form could post one without any preflight)', async () => {
    cloud.database.insertDocuments('notes', [{ _id: 'victim', text: 'keep me' }]);
    const before = cloud.database.commitSequence();
    const boundary = 'xyzBOUNDARY';
    const field = (name: string, value: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = `${field('action', 'database.removeDocument')}${field('collectionName', 'notes')}${field('query', '{"_id":"victim"}')}--${boundary}--\r\n`;
    const answer = await raw('POST', '/admin', { host: host(), 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'INVALID_PARAM' });
    expect(cloud.database.commitSequence()).toBe(before);
    expect(cloud.database.getDocument('notes', 'victim')).toMatchObject({ text: 'keep me' });
  });

  it('refuses a request with any Origin, even loopback, and writes nothing', async () => {
    const before = cloud.database.commitSequence();
    for (const origin of ['http://localhost:5173', 'https://evil.example']) {
      const answer = await raw('POST', '/admin', { host: host(), origin, 'content-type': 'application/json' }, insertNote(`origin-${origin}`));
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(cloud.database.commitSequence()).toBe(before);
  });

  it('still serves what the SDK sends: JSON with application/json', async () => {
    const answer = await raw('POST', '/admin', { host: host(), 'content-type': 'application/json' }, insertNote('sdk'));
    expect(answer.status).toBe(200);
    expect(cloud.database.getDocument('notes', 'sdk')).toMatchObject({ text: 'x' });
  });
});
