/**
 * The port's lean HTTP/1.1 path (emulator/lean-http.ts): it serves the SDKs' door requests itself and hands a
 * connection to Node's HTTP server at the first request of any other shape. First the parser alone, with a
 * recording door and a recording fallback server: requests split at every byte, pipelined, kept alive, and
 * each shape it must hand over. Then the local cloud: the same request answers the same through either
 * transport, and what a client does wrong changes nothing.
 */
import http from 'node:http';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { Door, DoorRequest } from '../../emulator/door';
import { leanFront, parseDoorHead, serveLeanConnection, type LeanFrontOptions } from '../../emulator/lean-http';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads HTTP/1.1 answers with a Content-Length body off a byte stream, in order. */
class AnswerReader {
  private bytes = Buffer.alloc(0);
  readonly answers: Answer[] = [];

  push(chunk: Buffer): void {
    this.bytes = Buffer.concat([this.bytes, chunk]);
    for (;;) {
      const end = this.bytes.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = this.bytes.toString('latin1', 0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (this.bytes.length < end + 4 + length) return;
      // An interim answer (100 Continue) is not the answer.
      if (!statusLine.startsWith('HTTP/1.1 1'))
        this.answers.push({ status: Number(statusLine.split(' ')[1]), headers, body: this.bytes.toString('utf8', end + 4, end + 4 + length) });
      this.bytes = this.bytes.subarray(end + 4 + length);
    }
  }
}

/** A raw client connection: writes bytes, waits for answers, tells when the server closed it. */
class RawClient {
  readonly socket: net.Socket;
  private readonly reader = new AnswerReader();
  readonly closed: Promise<void>;
  private waiters: Array<() => void> = [];

  private constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      this.socket.on('close', () => {
        this.wake();
        resolve();
      }),
    );
    this.socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<RawClient> {
    const client = new RawClient(port);
    await new Promise((resolve) => client.socket.once('connect', resolve));
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Writes `data` and waits until it is with the kernel and the server's turn of the event loop has come. */
  async send(data: string | Buffer): Promise<void> {
    await new Promise<void>((resolve) => this.socket.write(data, () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
  }

  async answers(count: number): Promise<Answer[]> {
    while (this.reader.answers.length < count && !this.socket.destroyed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.reader.answers.slice(0, count);
  }

  close(): void {
    this.socket.destroy();
  }
}

function doorRequest(target: string, body: string, extra = ''): string {
  return `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}Connection: keep-alive\r\n\r\n${body}`;
}

/**
 * The door's head as a list of rules, one pattern each, as the lean parser first read it: what it must accept and
 * refuse. emulator/lean-http.ts parses with fewer passes; the two must agree on every head.
 */
function headByRules(head: string, maxBodyBytes: number): unknown {
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xff]|\r(?!\n)|(?<!\r)\n/.test(head)) return null;
  const lines = head.split('\r\n');
  const line = /^POST (\/admin(?:\?[\x21-\x7e]*)?) HTTP\/1\.1$/.exec(lines[0]);
  if (!line || lines.length - 1 > 64) return null;
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i += 1) {
    const colon = lines[i].indexOf(':');
    if (colon <= 0) return null;
    const name = lines[i].slice(0, colon).toLowerCase();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) || ['transfer-encoding', 'expect', 'upgrade', 'te', 'trailer', 'http2-settings'].includes(name))
      return null;
    if ((headers as Record<string, unknown>)[name] !== undefined) return null;
    headers[name] = lines[i].slice(colon + 1).trim();
  }
  const length = headers['content-length'];
  if (length === undefined || !/^[0-9]{1,10}$/.test(length) || Number(length) > maxBodyBytes) return null;
  const connection = headers.connection?.toLowerCase();
  if (connection !== undefined && connection !== 'keep-alive' && connection !== 'close') return null;
  return { target: line[1], headers, contentLength: Number(length), close: connection === 'close' };
}

test('the head parser accepts and refuses exactly what the rules do, over generated heads', () => {
  // A small deterministic generator (a linear congruential sequence): the same heads on every run.
  let seed = 19;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = <T>(list: readonly T[]): T => list[next(list.length)];
  // Mostly well-formed parts, so that most heads are accepted and each odd part is often the only one.
  const sometimes = <T>(usual: readonly T[], odd: readonly T[]): T => (next(12) ? pick(usual) : pick(odd));
  const lines = [
    ['POST /admin HTTP/1.1', 'POST /admin?env=local&seqId=1 HTTP/1.1', 'POST /admin? HTTP/1.1', 'POST /admin?~!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ HTTP/1.1'],
    [
      'POST /admin?a b HTTP/1.1',
      'POST /adminx HTTP/1.1',
      'POST /admin HTTP/1.0',
      'GET /admin HTTP/1.1',
      'POST /admin HTTP/1.1 ',
      'POST  /admin HTTP/1.1',
      'POST /admin?\x7f HTTP/1.1',
      'POST /admin?é HTTP/1.1',
      'POST /admin',
      'POST /admin\tHTTP/1.1',
    ],
  ] as const;
  const names = [
    ['Host', 'host', 'content-type', 'Connection', 'connection', 'x-a', 'X-TCB-Source', 'Authorization', 'x-b', 'X-C', "x!#$%&'*+-.^_`|~9"],
    [
      'transfer-encoding',
      'Expect',
      'te',
      'Upgrade',
      'Trailer',
      'http2-settings',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'a b',
      '',
      ' x',
      'x(y)',
      'x/y',
      'é',
      'x\t',
    ],
  ] as const;
  const separators = [
    [': ', ':', ':  '],
    [' :', '', '::'],
  ] as const;
  const values = [
    ['', '127.0.0.1:1', 'application/json ', '\tv\t', 'v w', 'a:b', 'keep-alive', 'Close', 'KEEP-ALIVE', 'close', '~!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
    ['v\x01', 'v\x7f', 'café', 'v\rw', 'v\nw', 'v\x00', 'v\x0b', 'upgrade', 'v\xff'],
  ] as const;
  const lengths = [
    ['2', '12', '1000', ' 12 ', '0', '0012'],
    ['1001', '99999999999', '1e3', '-1', '', '0x1', '1 2'],
  ] as const;
  let accepted = 0;
  for (let round = 0; round < 4000; round += 1) {
    const fields = Array.from({ length: next(6) }, () => `${sometimes(...names)}${sometimes(...separators)}${sometimes(...values)}`);
    if (next(20)) fields.splice(next(fields.length + 1), 0, `${pick(['content-length', 'Content-Length'])}: ${sometimes(...lengths)}`);
    if (next(20) === 0) fields.splice(next(fields.length + 1), 0, fields.length ? fields[next(fields.length)].toUpperCase() : 'x: 1');
    if (next(20) === 0) fields.splice(next(fields.length + 1), 0, pick(['', ' ', 'x: \n', 'x\r: 1', 'y: 2\r', '\n']));
    let head = [sometimes(...lines), ...fields].join('\r\n');
    if (next(20) === 0) head += pick(['\r\n', '\r', '\n', ' ', '\t']);
    const parsed = parseDoorHead(head, 1000);
    if (parsed) accepted += 1;
    expect({ head, parsed }).toEqual({ head, parsed: headByRules(head, 1000) });
  }
  // Both outcomes are common, so each rule decides some heads.
  expect(accepted).toBeGreaterThan(250);
  expect(accepted).toBeLessThan(3200);
  const many = ['POST /admin HTTP/1.1', ...Array.from({ length: 63 }, (_, i) => `x-${i}: v`), 'content-length: 2'].join('\r\n');
  expect(parseDoorHead(many, 1000)).toEqual(headByRules(many, 1000));
  expect(parseDoorHead(many, 1000)).not.toBeNull();
  expect(parseDoorHead(`${many}\r\nx-64: v`, 1000)).toBeNull();
});

describe('the lean parser, with a recording door and fallback', () => {
  const served: DoorRequest[] = [];
  const fallbackSaw: string[] = [];
  const door: Door = async (request) => {
    served.push(request);
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ echo: request.body?.toString('utf8'), target: request.target }),
    };
  };
  const fallback = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      fallbackSaw.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      const text = `fallback ${req.method} ${req.url}`;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  const options: LeanFrontOptions = { door, fallback, maxBodyBytes: 1000, keepAliveTimeoutMs: 60_000 };
  const front = leanFront(options);
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
    port = (front.server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    const closed = new Promise((resolve) => front.server.close(resolve));
    front.destroyAll();
    await closed;
  });

  beforeEach(() => {
    served.length = 0;
    fallbackSaw.length = 0;
  });

  /** A socket stand-in whose bytes arrive exactly as pushed: one `data` event per push. */
  class PushedSocket extends Duplex {
    readonly written: Buffer[] = [];
    override _read(): void {}
    override _write(chunk: Buffer, _encoding: string, done: () => void): void {
      this.written.push(chunk);
      done();
    }
    setTimeout(): this {
      return this;
    }
  }

  /** A lean connection given `bytes` in two `data` events, split at `split`, the first read before the second arrives. */
  async function pushSplit(bytes: Buffer, split: number): Promise<PushedSocket> {
    const socket = new PushedSocket();
    serveLeanConnection(socket as unknown as net.Socket, options);
    socket.push(bytes.subarray(0, split));
    await new Promise((resolve) => setImmediate(resolve));
    socket.push(bytes.subarray(split));
    return socket;
  }

  it('serves two door requests split at every byte boundary, each exactly once and in order', async () => {
    const bytes = Buffer.from(doorRequest('/admin?env=local&seqId=1', '{"action":"a","中":"文"}') + doorRequest('/admin', '{"action":"b"}'));
    for (let split = 1; split < bytes.length; split += 1) {
      served.length = 0;
      const socket = await pushSplit(bytes, split);
      while (socket.written.length < 2) await new Promise((resolve) => setImmediate(resolve));
      expect({ split, bodies: served.map((r) => r.body?.toString('utf8')), targets: served.map((r) => r.target) }).toEqual({
        split,
        bodies: ['{"action":"a","中":"文"}', '{"action":"b"}'],
        targets: ['/admin?env=local&seqId=1', '/admin'],
      });
      const reader = new AnswerReader();
      for (const chunk of socket.written) reader.push(chunk);
      expect(reader.answers.map((a) => JSON.parse(a.body).target)).toEqual(['/admin?env=local&seqId=1', '/admin']);
      expect(fallbackSaw).toEqual([]);
    }
  });

  it('hands over at a non-door request split at every byte boundary, after answering the door request before it', async () => {
    const door1 = doorRequest('/admin', '{"n":1}');
    const bytes = Buffer.from(`${door1}POST /elsewhere HTTP/1.1\r\nHost: x\r\ncontent-length: 3\r\n\r\nabc`);
    for (let split = 1; split < bytes.length; split += 1) {
      served.length = 0;
      fallbackSaw.length = 0;
      const socket = await pushSplit(bytes, split);
      while (fallbackSaw.length < 1) await new Promise((resolve) => setImmediate(resolve));
      expect({ split, served: served.map((r) => r.body?.toString('utf8')), fallback: fallbackSaw }).toEqual({
        split,
        served: ['{"n":1}'],
        fallback: ['POST /elsewhere abc'],
      });
      socket.destroy();
    }
  });

  it('answers pipelined requests in order, one at a time', async () => {
    const client = await RawClient.open(port);
    await client.send(doorRequest('/admin', '{"i":1}') + doorRequest('/admin', '{"i":2}') + doorRequest('/admin', '{"i":3}'));
    const answers = await client.answers(3);
    expect(answers.map((a) => JSON.parse(a.body).echo)).toEqual(['{"i":1}', '{"i":2}', '{"i":3}']);
    expect(answers.every((a) => a.status === 200 && a.headers.connection === 'keep-alive' && a.headers.date !== undefined)).toBe(true);
    client.close();
  });

  it('keeps a connection alive across requests of Node’s own client agent', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<net.Socket>();
    const reused: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      const body = JSON.stringify({ i });
      const answer = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          {
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/admin?seqId=x',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => resolve(text));
          },
        );
        req.on('socket', (socket) => {
          sockets.add(socket);
          reused.push(req.reusedSocket);
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(JSON.parse(answer).echo).toBe(body);
    }
    expect(sockets.size).toBe(1);
    expect(reused).toEqual([false, true, true]);
    agent.destroy();
  });

  it.each([
    ['a chunked body', 'POST /admin HTTP/1.1\r\nHost: x\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n', 'POST /admin abc'],
    ['Expect: 100-continue', 'POST /admin HTTP/1.1\r\nHost: x\r\nexpect: 100-continue\r\ncontent-length: 2\r\n\r\nok', 'POST /admin ok'],
    ['a body over the limit', `POST /admin HTTP/1.1\r\nHost: x\r\ncontent-length: 1001\r\n\r\n${'x'.repeat(1001)}`, `POST /admin ${'x'.repeat(1001)}`],
    ['HTTP/1.0', 'POST /admin HTTP/1.0\r\nHost: x\r\ncontent-length: 2\r\n\r\nok', 'POST /admin ok'],
    ['another method', 'GET /admin HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /admin '],
    ['no Content-Length', 'POST /admin HTTP/1.1\r\nHost: x\r\n\r\n', 'POST /admin '],
    ['a header value above ASCII', 'POST /admin HTTP/1.1\r\nHost: x\r\nx-name: café\r\ncontent-length: 2\r\n\r\nok', 'POST /admin ok'],
    ['a repeated header', 'POST /admin HTTP/1.1\r\nHost: x\r\nhost: y\r\ncontent-length: 2\r\n\r\nok', 'POST /admin ok'],
    ['an absolute-form target', 'POST http://127.0.0.1/admin HTTP/1.1\r\nHost: x\r\ncontent-length: 2\r\n\r\nok', 'POST http://127.0.0.1/admin ok'],
  ])('hands %s to Node’s server, which reads it whole', async (_label, request, seen) => {
    const client = await RawClient.open(port);
    await client.send(request);
    const [answer] = await client.answers(1);
    expect(answer.body).toMatch(/^fallback /);
    expect(fallbackSaw).toEqual([seen]);
    expect(served).toEqual([]);
    client.close();
  });

  it('answers a door request, then hands over at a non-door one on the same socket', async () => {
    const client = await RawClient.open(port);
    await client.send(`${doorRequest('/admin', '{"first":1}')}GET /other HTTP/1.1\r\nHost: x\r\n\r\n`);
    const answers = await client.answers(2);
    expect(JSON.parse(answers[0].body).echo).toBe('{"first":1}');
    expect(answers[1].body).toBe('fallback GET /other');
    // From then on the connection is Node's: a door request on it reaches the fallback.
    await client.send(doorRequest('/admin', '{"later":1}'));
    expect((await client.answers(3))[2].body).toBe('fallback POST /admin');
    expect(served.map((r) => r.body?.toString('utf8'))).toEqual(['{"first":1}']);
    client.close();
  });

  it('hands a request over at every split of its bytes on a real socket', async () => {
    const bytes = Buffer.from('PUT /x HTTP/1.1\r\nHost: x\r\ncontent-length: 4\r\n\r\nbody');
    for (let split = 1; split < bytes.length; split += 1) {
      fallbackSaw.length = 0;
      const client = await RawClient.open(port);
      await client.send(bytes.subarray(0, split));
      await client.send(bytes.subarray(split));
      const [answer] = await client.answers(1);
      expect({ split, body: answer.body, saw: fallbackSaw }).toEqual({ split, body: 'fallback PUT /x', saw: ['PUT /x body'] });
      client.close();
    }
  });

  it('closes after answering a request that asks for Connection: close', async () => {
    const client = await RawClient.open(port);
    await client.send('POST /admin HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\nConnection: close\r\n\r\n{}');
    const [answer] = await client.answers(1);
    expect(answer.headers.connection).toBe('close');
    await client.closed;
  });

  it('drops a request whose client closes mid-body, and closes the connection', async () => {
    const client = await RawClient.open(port);
    await client.send(doorRequest('/admin', '{"never":"finished"}').slice(0, -5));
    client.socket.end();
    await client.closed;
    expect(served).toEqual([]);
  });

  it('hands a malformed request to Node’s server, which refuses it', async () => {
    const client = await RawClient.open(port);
    await client.send('POST /admin HTTP/1.1\r\nHost: x\r\nnot a header\r\ncontent-length: 2\r\n\r\n{}');
    const [answer] = await client.answers(1);
    expect(answer.status).toBe(400);
    await client.closed;
    expect(served).toEqual([]);
    expect(fallbackSaw).toEqual([]);
  });
});

test('the lean path closes a connection idle for the keep-alive timeout after its answers, and keeps it while requests come', async () => {
  const door: Door = async (request) => ({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ echo: request.body?.toString('utf8') }),
  });
  const front = leanFront({ door, fallback: http.createServer(), maxBodyBytes: 1000, keepAliveTimeoutMs: 500 });
  await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  const client = await RawClient.open((front.server.address() as net.AddressInfo).port);
  let closed = false;
  void client.closed.then(() => {
    closed = true;
  });
  // Requests every 50 ms for 750 ms, longer than the timeout: each one keeps the connection, and each is answered.
  for (let i = 1; i <= 15; i += 1) {
    await client.send(doorRequest('/admin', `{"i":${i}}`));
    expect((await client.answers(i))[i - 1].body).toBe(JSON.stringify({ echo: `{"i":${i}}` }));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(closed).toBe(false);
  // Then idle: the server closes it.
  await client.closed;
  const stopped = new Promise((resolve) => front.server.close(resolve));
  front.destroyAll();
  await stopped;
});

describe('the local cloud’s door through either transport', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ collections: [{ name: 'notes', indexes: [] }] });
  });

  afterAll(() => cloud.dispose());

  const host = () => `127.0.0.1:${cloud.port}`;
  const request = (body: string, headers: Record<string, string>) =>
    `POST /admin?env=local&seqId=t HTTP/1.1\r\n${Object.entries({ host: host(), ...headers, 'content-length': String(Buffer.byteLength(body)) })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}`;
  const json = { 'content-type': 'application/json' };
  const insert = (id: string) =>
    JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', envName: 'local', data: [JSON.stringify({ _id: id, text: 'x' })] });
  const get = (id: string) =>
    JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'notes',
      envName: 'local',
      query: JSON.stringify({ _id: id }),
      queryType: 'DOC',
      multi: false,
    });

  /** The answer without its per-request id. */
  function shape(answer: Answer): unknown {
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    delete body.requestId;
    return { status: answer.status, contentType: answer.headers['content-type'], body };
  }

  /** One request on the lean path, and the same on Node's (a connection handed over by a `GET /` first). */
  async function both(lean: string, node: string): Promise<[unknown, unknown]> {
    const first = await RawClient.open(cloud.port);
    await first.send(lean);
    const [leanAnswer] = await first.answers(1);
    first.close();
    const second = await RawClient.open(cloud.port);
    await second.send(`GET / HTTP/1.1\r\nHost: ${host()}\r\n\r\n${node}`);
    const [, nodeAnswer] = await second.answers(2);
    second.close();
    return [shape(leanAnswer), shape(nodeAnswer)];
  }

  it('writes, counts and answers an insert through either transport', async () => {
    cloud.actions.reset();
    const [lean, node] = await both(request(insert('lean'), json), request(insert('node'), json));
    expect(lean).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: { data: { insertedIds: ['lean'] } } });
    expect(node).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: { data: { insertedIds: ['node'] } } });
    expect(cloud.actions.snapshot()).toEqual({ 'database.insertDocument': 2 });
    expect(cloud.database.getDocument('notes', 'lean')).toMatchObject({ text: 'x' });
    expect(cloud.database.getDocument('notes', 'node')).toMatchObject({ text: 'x' });
  });

  it.each([
    ['a read', () => [request(get('lean'), json), request(get('lean'), json)]],
    ['a duplicate insert', () => [request(insert('lean'), json), request(insert('lean'), json)]],
    ['a body that is not JSON', () => [request('{"action":', json), request('{"action":', json)]],
    ['an unknown action', () => [request('{"action":"nope"}', json), request('{"action":"nope"}', json)]],
    ['a text/plain body', () => [request(insert('plain'), { 'content-type': 'text/plain' }), request(insert('plain'), { 'content-type': 'text/plain' })]],
    [
      'an Origin',
      () => [request(insert('o'), { ...json, origin: 'http://localhost:5173' }), request(insert('o'), { ...json, origin: 'http://localhost:5173' })],
    ],
    ['a rebinding Host', () => [request(insert('h'), { ...json, host: 'evil.example' }), request(insert('h'), { ...json, host: 'evil.example' })]],
  ])('answers %s the same', async (_label, requests: () => string[]) => {
    const [lean, node] = requests();
    const [leanShape, nodeShape] = await both(lean, node);
    expect(nodeShape).toEqual(leanShape);
  });

  it('answers a body over the size limit on the same socket and serves the next request', async () => {
    const client = await RawClient.open(cloud.port);
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    await client.send(Buffer.concat([Buffer.from(request('', json).replace('content-length: 0', `content-length: ${big.length}`)), big]));
    await client.send(request(get('lean'), json));
    const answers = await client.answers(2);
    expect(JSON.parse(answers[0].body)).toMatchObject({ code: 'INVALID_PARAM', message: 'request body too large' });
    expect(JSON.parse(answers[1].body).data).toBeDefined();
    client.close();
  });

  it('writes nothing for a malformed request or a client that leaves mid-body, and keeps serving', async () => {
    const before = cloud.database.commitSequence();
    const malformed = await RawClient.open(cloud.port);
    await malformed.send(`POST /admin HTTP/1.1\r\nHost: ${host()}\r\nbroken header\r\ncontent-length: 2\r\n\r\n{}`);
    expect((await malformed.answers(1))[0].status).toBe(400);
    const leaving = await RawClient.open(cloud.port);
    await leaving.send(request(insert('half'), json).slice(0, -10));
    leaving.socket.end();
    await leaving.closed;
    expect(cloud.database.commitSequence()).toBe(before);
    const next = await RawClient.open(cloud.port);
    await next.send(request(insert('after'), json));
    expect(JSON.parse((await next.answers(1))[0].body).data).toBeDefined();
    next.close();
  });
});
