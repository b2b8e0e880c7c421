/**
 * The SDK's door: `POST /admin` (with the SDK's `?env=…&seqId=…`), every database operation and every other
 * server-protocol action of wx-server-sdk and @cloudbase/node-sdk. One transport-neutral function serves it
 * (the request's method, target, headers and whole body in; status, content type and body out), called by
 * both transports in front of it: the lean parser that owns the port (emulator/lean-http.ts) and Node's HTTP
 * server, which serves whatever the lean parser hands it (emulator/server.ts). So the refusals (host,
 * origin, content type), the size limit, the action table, operation counting and errors cannot differ
 * between the two.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { FunctionHost } from './functions';
import type { OpenApiService } from './openapi';
import { parseMultipart } from './openapi';
import { type ActionTable, CloudError, ErrorCode, type RequestContext } from './protocol';
import { TopLevelAnswer } from './db';
import { hostServed, isAllowedOrigin } from './origin';

export interface DoorRequest {
  method: string;
  target: string;
  /** By lower-case name, as Node's `IncomingMessage.headers` holds them. */
  headers: http.IncomingHttpHeaders;
  /** The whole body, or null when it was over MAX_REQUEST_BODY_BYTES (emulator/limits.ts) and not kept. */
  body: Buffer | null;
}

export interface DoorReply {
  status: number;
  contentType: string;
  body: string | Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, body: unknown): DoorReply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/**
 * See emulator/origin.ts: DNS rebinding and cross-origin pages are refused before any route runs, the door's
 * and every other.
 */
export function outsiderRefusal(request: Pick<DoorRequest, 'headers'>, hosts: ReadonlySet<string>, requestId: string): DoorReply | undefined {
  const origin = request.headers.origin;
  if (hostServed(request, hosts) && (origin === undefined || isAllowedOrigin(origin))) return undefined;
  return jsonReply(403, { code: ErrorCode.permissionDenied, message: 'only loopback clients of this port are served', requestId });
}

/**
 * Counts protocol actions as they arrive, so tests and benchmarks can state how many database operations a
 * feature costs (CloudBase bills and throttles per operation).
 */
export class ActionCounter {
  private counts = new Map<string, number>();

  count(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }

  /** Counts since the last reset, by action. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Database operations (every `database.*` action) since the last reset. */
  databaseOperations(): number {
    let total = 0;
    for (const [action, n] of this.counts) if (action.startsWith('database.')) total += n;
    return total;
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Runs one protocol action and shapes the answer the way the SDK expects. */
export async function dispatchAction(actions: ActionTable, body: unknown, requestId: string, counter?: ActionCounter): Promise<Record<string, unknown>> {
  try {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new CloudError(ErrorCode.invalidParam, 'request body must be a JSON object');
    }
    const params = body as Record<string, unknown>;
    const action = params.action;
    if (typeof action !== 'string') throw new CloudError(ErrorCode.invalidParam, 'missing action');
    const handler = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!handler) throw new CloudError(ErrorCode.invalidAction, `unsupported action: ${action}`);
    counter?.count(action);
    const ctx: RequestContext = { envName: String(params.envName ?? ''), requestId };
    const data = await handler(params, ctx);
    if (data instanceof TopLevelAnswer) return { ...data.fields, requestId };
    return { data, requestId };
  } catch (err) {
    if (err instanceof CloudError) return { code: err.code, message: err.message, requestId };
    console.error(`[local-cloud] ${requestId} internal error`, err);
    return { code: ErrorCode.internal, message: 'internal error', requestId };
  }
}

export interface DoorDeps {
  actions: ActionTable;
  counter: ActionCounter;
  openapi: OpenApiService;
  functions: Pick<FunctionHost, 'openApiGrant'>;
  /** The `Host` values served (known once the port is bound). */
  hosts(): ReadonlySet<string>;
}

/** The door: never rejects, every failure is a CloudBase-shaped answer. */
export type Door = (request: DoorRequest) => Promise<DoorReply>;

export function adminDoor(deps: DoorDeps): Door {
  return async (request) => {
    const requestId = randomUUID();
    const refused = outsiderRefusal(request, deps.hosts(), requestId);
    if (refused) return refused;
    const contentType = request.headers['content-type'] ?? '';
    const multipart = /^multipart\/form-data/i.test(contentType);
    // The SDK runs in Node: it sends no Origin, and its bodies are JSON (`content-type: application/json`), or
    // multipart for wx.openApi only. A browser page sends an Origin, and a form can only post urlencoded,
    // multipart or text/plain bodies, so neither can drive the protocol.
    if (request.headers.origin !== undefined) {
      return jsonReply(403, { code: ErrorCode.permissionDenied, message: 'the server protocol is not served to browsers', requestId });
    }
    if (!multipart && !/^application\/json\s*(;|$)/i.test(contentType)) {
      return jsonReply(415, { code: ErrorCode.invalidParam, message: 'content-type must be application/json', requestId });
    }
    const raw = request.body;
    if (raw === null) return jsonReply(200, { code: ErrorCode.invalidParam, message: 'request body too large', requestId });
    if (multipart) {
      let parts: ReturnType<typeof parseMultipart>;
      try {
        parts = parseMultipart(raw, contentType);
      } catch (err) {
        return jsonReply(200, { code: ErrorCode.invalidParam, message: `malformed multipart body: ${(err as Error).message}`, requestId });
      }
      const action = parts.find((p) => p.name === 'action')?.data.toString('utf8');
      if (action !== 'wx.openApi') {
        return jsonReply(200, { code: ErrorCode.invalidParam, message: 'only wx.openApi is sent as multipart; other actions need a JSON body', requestId });
      }
      // The SDK sends the invocation's API token; it tells which function calls, hence which permissions apply.
      const token = parts.find((p) => p.name === 'wxCloudApiToken')?.data.toString('utf8');
      return deps.openapi.handle(parts, token ? (deps.functions.openApiGrant(token) ?? null) : undefined);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return jsonReply(200, { code: ErrorCode.invalidParam, message: 'request body is not valid JSON', requestId });
    }
    return jsonReply(200, await dispatchAction(deps.actions, body, requestId, deps.counter));
  };
}
