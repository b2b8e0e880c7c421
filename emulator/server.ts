/**
 * The local cloud's front door: one HTTP server on loopback. `POST /admin` speaks the CloudBase server
 * protocol (the body is `{ ...params, action, envName }`); other routes (gateway, storage files, outbox)
 * are mounted by their services.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ActionTable, CloudError, ErrorCode, RequestContext } from './protocol';
import { openDatabase } from './db';

export interface LocalCloudOptions {
  /** Folder holding the SQLite file and stored files; created if missing. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Folder of deployable functions (`cloudfunctions/`), each with a built `index.js`. */
  functionsDir?: string;
}

export interface LocalCloud {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new CloudError(ErrorCode.invalidParam, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Runs one protocol action and shapes the answer the way the SDK expects. */
export async function dispatchAction(actions: ActionTable, body: unknown, requestId: string): Promise<Record<string, unknown>> {
  try {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new CloudError(ErrorCode.invalidParam, 'request body must be a JSON object');
    }
    const params = body as Record<string, unknown>;
    const action = params.action;
    if (typeof action !== 'string') throw new CloudError(ErrorCode.invalidParam, 'missing action');
    const handler = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!handler) throw new CloudError(ErrorCode.invalidAction, `unsupported action: ${action}`);
    const ctx: RequestContext = { envName: String(params.envName ?? ''), requestId };
    const data = await handler(params, ctx);
    return { data, requestId };
  } catch (err) {
    if (err instanceof CloudError) return { code: err.code, message: err.message, requestId };
    console.error(`[local-cloud] ${requestId} internal error`, err);
    return { code: ErrorCode.internal, message: 'internal error', requestId };
  }
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const dataDir = path.resolve(options.dataDir);
  const database = openDatabase({ dataDir });
  const actions: ActionTable = { ...database.actions };

  const server = http.createServer((req, res) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'POST' && url.pathname === '/admin') {
      readBody(req)
        .then((raw) => {
          let body: unknown;
          try {
            body = JSON.parse(raw.toString('utf8'));
          } catch {
            return { code: ErrorCode.invalidParam, message: 'request body is not valid JSON', requestId };
          }
          return dispatchAction(actions, body, requestId);
        })
        .then(
          (answer) => sendJson(res, 200, answer),
          (err) => sendJson(res, 200, { code: err instanceof CloudError ? err.code : ErrorCode.internal, message: String(err?.message ?? err), requestId }),
        );
      return;
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}`, requestId });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.close();
    },
  };
}
