/**
 * The local cloud's front door: one port on loopback. `POST /admin` speaks the CloudBase server protocol
 * (JSON body `{ ...params, action, envName }`, or multipart for `wx.openApi`; emulator/door.ts), served on
 * the port's lean HTTP path (emulator/lean-http.ts) or by Node's HTTP server, which gets every connection
 * that path hands over; the other routes belong to the services: `/storage/*` (upload target and temporary
 * URLs), `/gateway/*` (the app's stand-in for wx.cloud), `/outbox`, `/blocklist` and `/phonenumber/*` (WeChat
 * open APIs).
 */
import fs from 'node:fs';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { type ActionTable, CloudError, ErrorCode } from './protocol';
import { type CollectionDeclaration, type DatabaseService, openDatabase } from './db';
import { FunctionHost, functionActions } from './functions';
import { readTimerTriggers, TimerScheduler } from './functions/timers';
import { CloudStorage } from './storage';
import { OpenApiService, readMessagePushes } from './openapi';
import { handleGateway } from './gateway';
import { WebAuth } from './gateway/web-auth';
import { handleConsole } from './console';
import { LOCAL_ENV_ID } from './sdk-env';
import { MAX_REQUEST_BODY_BYTES } from './limits';
import { servedHosts } from './origin';
import { ActionCounter, adminDoor, type DoorReply, jsonReply, outsiderRefusal } from './door';
import { leanFront } from './lean-http';
import { ManagementService } from './management';
import { sendStats, unindexedWarning } from './stats';

export { ActionCounter, dispatchAction } from './door';

export interface LocalCloudOptions {
  /** Folder holding the SQLite file and stored files; created if missing. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Folder of deployable functions (`cloudfunctions/`), each with a built `index.js`. */
  functionsDir?: string;
  /** CloudBase environment id; default `local`. */
  envId?: string;
  /** Most instances per function; default 10. */
  maxInstancesPerFunction?: number;
  /** Idle instances are stopped after this long; default 5 minutes. */
  idleTimeoutMs?: number;
  /** Collections and indexes; default `database/collections.json`. */
  collections?: CollectionDeclaration[];
  /** Start the functions' timer triggers (config.json) at once; default off (`timers.start()` later). */
  timers?: boolean;
  /** Milliseconds before a media check's result is pushed; null holds results until released. Default 200. */
  mediaCheckDelayMs?: number | null;
  /**
   * An empty environment to deploy into (`npm run deploy -- --env local`): no collections, rules or
   * functions but what the management API (emulator/management) creates; functions run from the uploaded
   * code under `<dataDir>/functions`. `collections` and `functionsDir` are then ignored.
   */
  empty?: boolean;
  /** The built web console to serve under /console/ (emulator/console.ts); default none. */
  consoleDir?: string;
  /** Collections above this many documents get a warning for each query shape served by a scan; default 10,000. */
  unindexedWarningAbove?: number;
}

export interface LocalCloud {
  url: string;
  port: number;
  /** Node's HTTP server: serves the connections the port's lean front hands it (emulator/lean-http.ts); it never listens itself. */
  server: http.Server;
  envId: string;
  database: DatabaseService;
  /** Protocol actions served, by name (database operations among them). */
  actions: ActionCounter;
  functions: FunctionHost;
  /** The functions' timer triggers (with a functions folder); running once started. */
  timers?: TimerScheduler;
  storage: CloudStorage;
  openapi: OpenApiService;
  /** The management API, in an empty environment only. */
  management?: ManagementService;
  /** Where the host finds functions (the deployed ones in an empty environment). */
  functionsDir?: string;
  /** Browsers' CloudBase sign-in (the web console's), emulator/gateway/web-auth.ts. */
  webAuth: WebAuth;
  close(): Promise<void>;
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it rejects but keeps draining the request,
 * so the server can still answer on the same socket.
 */
export function readBody(req: http.IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      if (overflow) return;
      size += chunk.length;
      if (size > limit) {
        overflow = true;
        chunks.length = 0;
        reject(new CloudError(ErrorCode.invalidParam, 'request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!overflow) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendReply(res, jsonReply(status, body));
}

function sendReply(res: http.ServerResponse, reply: DoorReply): void {
  if (res.headersSent) return;
  res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const envId = options.envId ?? LOCAL_ENV_ID;
  let baseUrl = '';
  const empty = options.empty === true;
  const functionsDir = empty ? path.join(dataDir, 'functions') : options.functionsDir ? path.resolve(options.functionsDir) : undefined;
  const database = openDatabase({
    dataDir,
    collections: empty ? [] : options.collections,
    unindexedWarningAbove: options.unindexedWarningAbove,
    onUnindexed: (query) => console.warn(`[local-cloud] ${unindexedWarning(query)}`),
  });
  const webAuth = WebAuth.open(dataDir, envId);
  const functions = new FunctionHost({
    env: webAuth.functionEnv(),
    functionsDir,
    baseUrl: () => baseUrl,
    envId,
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  // An empty environment denies every client storage call until a deployment sets the rule.
  const storage = new CloudStorage({ dataDir, envId, baseUrl: () => baseUrl, ...(empty ? { rules: {} } : {}) });
  const openapi = new OpenApiService(dataDir);
  const actions: ActionTable = { ...database.actions, ...storage.actions, ...functionActions(functions) };
  const counter = new ActionCounter();
  /** Set once the port is known (nothing is served before). */
  let hosts: ReadonlySet<string> = new Set();
  const door = adminDoor({ actions, counter, openapi, functions, hosts: () => hosts });
  const bodyOf = (req: http.IncomingMessage) => (limit: number) => readBody(req, limit);
  let management: ManagementService | undefined;

  /** The door on Node's HTTP server: the same function the lean path calls, with the body read here. */
  async function admin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: Buffer | null;
    try {
      body = await readBody(req);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      body = null;
    }
    sendReply(res, await door({ method: 'POST', target: req.url ?? '/', headers: req.headers, body }));
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const refused = outsiderRefusal(req, hosts, requestId);
    if (refused) {
      req.resume();
      sendReply(res, refused);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/admin' && req.method === 'POST') return admin(req, res);
    if (url.pathname.startsWith('/management/')) {
      if (management?.handleHttp(req, res, url)) return;
      req.resume();
      sendJson(res, 404, { code: 'NOT_FOUND', message: 'the management API is served by an empty local cloud only (npm start -- --empty)', requestId });
      return;
    }
    if (handleGateway({ functions, storage, readBody, phoneNumbers: openapi.phoneNumbers, webAuth }, req, res, url)) return;
    if (handleConsole(options.consoleDir ? { dir: options.consoleDir, functions, webAuth } : undefined, req, res, url)) return;
    if (storage.handleHttp(req, res, url, bodyOf(req))) return;
    if (openapi.handleHttp(req, res, url, bodyOf(req))) return;
    req.resume();
    if (url.pathname === '/stats' && req.method === 'GET') {
      sendStats(res, url, database, counter);
      return;
    }
    if (url.pathname === '/' && req.method === 'GET') {
      sendJson(res, 200, {
        name: 'weike local cloud',
        envId,
        admin: `${baseUrl}/admin`,
        gateway: `${baseUrl}/gateway/callFunction`,
        outbox: `${baseUrl}/outbox`,
        stats: `${baseUrl}/stats`,
        blocklist: `${baseUrl}/blocklist`,
      });
      return;
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}`, requestId });
  }

  const server = http.createServer((req, res) => {
    // Nothing a client sends may take the process down: every failure ends as a CloudBase-shaped answer.
    route(req, res).catch((err: unknown) => {
      console.error('[local-cloud] request failed', err);
      sendJson(res, 500, { code: ErrorCode.internal, message: 'internal error' });
    });
  });
  // The SDK reuses kept-alive sockets; if the server dropped an idle one first, the SDK's next request on it
  // would fail with ECONNRESET. Keep idle sockets longer than any client agent does (close() ends them).
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = server.keepAliveTimeout + 1000;
  // The management SDK's proxy agent tunnels SCF API calls (emulator/management/tls.ts).
  server.on('connect', (req: http.IncomingMessage, socket: import('node:net').Socket, head: Buffer) => {
    if (management) management.handleConnect(req, socket, head, { host: `${host}:${port}`, server });
    else socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  // The port belongs to the lean front (emulator/lean-http.ts): it serves the SDKs' door requests itself and
  // hands every other connection to `server`, which never listens.
  const front = leanFront({ door, fallback: server, maxBodyBytes: MAX_REQUEST_BODY_BYTES, keepAliveTimeoutMs: server.keepAliveTimeout });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    front.server.once('error', reject);
    // Votes and redemptions arrive in bursts of hundreds of connections; a deep accept queue keeps the
    // kernel from resetting them (Node's default backlog is 511).
    front.server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => resolve());
  });
  const address = front.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  baseUrl = `http://${host}:${port}`;
  hosts = servedHosts(host, port);
  // A timer call has no WeChat user: the host is given no caller.
  const timers = functionsDir
    ? new TimerScheduler({ triggers: readTimerTriggers(functionsDir), invoke: (name, event) => functions.invoke(name, event), log: console.log })
    : undefined;
  management = empty
    ? new ManagementService({
        envId,
        dataDir,
        functionsDir: functionsDir as string,
        database,
        storage,
        functions,
        timers,
        nodeModules: path.resolve(__dirname, '..', 'node_modules'),
        onDeployed: () => connectPushes(),
      })
    : undefined;
  if (options.timers) timers?.start();
  // Message pushes (wxa_media_check) reach the function declared for them, as WeChat's push, not a client call.
  function connectPushes(): void {
    openapi.mediaChecks.connect(functionsDir ? readMessagePushes(functionsDir) : [], (name, event, openid) =>
      functions.invoke(name, event, { OPENID: openid, APPID: event.appid }),
    );
  }
  connectPushes();
  if (options.mediaCheckDelayMs !== undefined) openapi.mediaChecks.delayMs = options.mediaCheckDelayMs;
  return {
    url: baseUrl,
    port,
    server,
    envId,
    database,
    actions: counter,
    functions,
    timers,
    storage,
    openapi,
    management,
    functionsDir,
    webAuth,
    async close() {
      timers?.stop();
      management?.close();
      openapi.mediaChecks.stop();
      await functions.close();
      const closed = new Promise<void>((resolve) => front.server.close(() => resolve()));
      // The SDK keeps connections alive; without this, close() would wait for them to time out.
      front.destroyAll();
      await closed;
      database.close();
    },
  };
}
