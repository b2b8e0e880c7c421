/**
 * The app gateway: what the mini-program's transport module calls in local mode instead of `wx.cloud.*`.
 * It answers with the same result and error shapes as the real client APIs. The caller's identity comes
 * from the `x-weike-openid` / `x-weike-appid` / `x-weike-unionid` headers, which exist only here, on
 * loopback: production has no such door, identity there comes from WeChat itself.
 */
import type http from 'node:http';
import {
  CLIENT_ERROR_CODE,
  type CallerContext,
  FunctionFailure,
  type FunctionHost,
  checkInvocationEvent,
  clientErrorMessage,
  invocationResponse,
} from '../functions';
import { MAX_REQUEST_BODY_BYTES } from '../limits';
import { CloudError } from '../protocol';
import { type CloudStorage, checkCloudPath } from '../storage';
import type { StorageClient } from '../storage';
import { corsHeaders } from '../origin';
import { type WebAuth, WebAuthError } from './web-auth';

export interface GatewayDeps {
  functions: FunctionHost;
  storage: CloudStorage;
  /** WeChat users' phone numbers (emulator/openapi/phone-numbers.ts): the phone-number button's tokens. */
  phoneNumbers?: { mintFor(openid: string): string | null };
  readBody: (req: http.IncomingMessage, limit: number) => Promise<Buffer>;
  /** Web sign-in for the console (./web-auth.ts); without it, browsers get no access token. */
  webAuth?: WebAuth;
}

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const IDENTITY = /^[A-Za-z0-9_-]{1,64}$/;
/** wx-server-sdk / wx.cloud error numbers for malformed calls and storage failures. */
const INVALID_PARAM = -501007;
const STORAGE_FILE_NONEXIST = -503003;
const STORAGE_EXCEED_AUTHORITY = -503002;

class GatewayError extends Error {
  constructor(
    readonly errCode: number,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A body already serialised (a function's answer, measured against its limit as this text). */
class JsonText {
  constructor(readonly text: string) {}
}

/** `req`'s origin, when allowed, is echoed (emulator/origin.ts); never `*`. */
function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown): void {
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...corsHeaders(req),
  });
  res.end(text);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  if (single === undefined || single === '') return undefined;
  if (!IDENTITY.test(single)) throw new GatewayError(INVALID_PARAM, `invalid ${name} header`);
  return single;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

/** A browser's call (the web console): the caller is whoever its access token was issued to, nothing it says. */
function browserCaller(deps: GatewayDeps | undefined, req: http.IncomingMessage, authorization: string): CallerContext {
  if (req.headers['x-weike-openid'] !== undefined)
    throw new GatewayError(INVALID_PARAM, 'a call carries either an access token or a WeChat identity, not both');
  const token = BEARER.exec(authorization)?.[1];
  const user = token ? deps?.webAuth?.userOf(token) : null;
  if (!user) throw new GatewayError(-401, 'access token invalid or expired: sign in again', 401);
  const caller: CallerContext = { SOURCE: 'web', CLIENTIP: req.socket.remoteAddress?.replace(/^::ffff:/, ''), UUID: user.uid };
  if (user.customUserId) caller.CUSTOM_USER_ID = user.customUserId;
  return caller;
}

/** The caller as WeChat would present it to the function; no openid header means an anonymous caller. */
export function callerFromHeaders(req: http.IncomingMessage, deps?: GatewayDeps): CallerContext {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') return browserCaller(deps, req, authorization);
  const caller: CallerContext = { SOURCE: 'wx_client', CLIENTIP: req.socket.remoteAddress?.replace(/^::ffff:/, '') };
  const openid = header(req, 'x-weike-openid');
  if (openid) {
    caller.OPENID = openid;
    caller.APPID = header(req, 'x-weike-appid') ?? 'wx-local-app';
    const unionid = header(req, 'x-weike-unionid');
    if (unionid) caller.UNIONID = unionid;
  }
  return caller;
}

async function readJsonObject(deps: GatewayDeps, req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let raw: Buffer;
  try {
    raw = await deps.readBody(req, MAX_REQUEST_BODY_BYTES);
  } catch {
    throw new GatewayError(INVALID_PARAM, 'request body too large', 413);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new GatewayError(INVALID_PARAM, 'request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GatewayError(INVALID_PARAM, 'request body must be a JSON object');
  return body as Record<string, unknown>;
}

async function callFunction(deps: GatewayDeps, req: http.IncomingMessage): Promise<unknown> {
  const caller = callerFromHeaders(req, deps);
  const body = await readJsonObject(deps, req);
  if (typeof body.name !== 'string' || !body.name) throw new GatewayError(INVALID_PARAM, 'parameter.name should be String');
  // The same platform limits as a call through the server SDK (emulator/limits.ts): the event before the run,
  // the answer after it. CloudBase documents no client code for them; the client sees the platform's code in
  // its message, with errCode -1 as wx-server-sdk reports coded answers.
  const data = body.data ?? {};
  try {
    checkInvocationEvent(Buffer.byteLength(JSON.stringify(data)));
    const { result, requestId } = await deps.functions.invoke(body.name, data, caller);
    // Serialised once: the text measured against the limit is the text sent.
    const resultText = invocationResponse(body.name, result);
    const rest = JSON.stringify({ requestID: requestId, errMsg: 'cloud.callFunction:ok' }).slice(1);
    return new JsonText(resultText === undefined ? `{${rest}` : `{"result":${resultText},${rest}`);
  } catch (err) {
    if (err instanceof CloudError) return { errCode: -1, errMsg: `cloud.callFunction:fail -1 ${err.code} ${err.message}` };
    if (!(err instanceof FunctionFailure)) throw err;
    const errCode = CLIENT_ERROR_CODE[err.kind];
    return { errCode, errMsg: `cloud.callFunction:fail ${errCode} ${clientErrorMessage(err)}`, requestID: err.requestId };
  }
}

/** Who a storage call comes from, as the rules see it: a WeChat openid, or a browser's uid and login type. */
function storageClientOf(caller: CallerContext): StorageClient {
  if (caller.SOURCE === 'web') return { uid: caller.UUID, loginType: caller.CUSTOM_USER_ID ? 'CUSTOM' : 'ANONYMOUS' };
  return { openid: caller.OPENID };
}

async function uploadFile(deps: GatewayDeps, req: http.IncomingMessage, url: URL): Promise<unknown> {
  const caller = callerFromHeaders(req, deps);
  let cloudPath: string;
  try {
    cloudPath = checkCloudPath(url.searchParams.get('cloudPath') ?? '');
  } catch (err) {
    throw new GatewayError(INVALID_PARAM, (err as Error).message);
  }
  // A client upload is a write under the storage rules (database/storage-rules.json): creating or overwriting.
  const client = storageClientOf(caller);
  if (!deps.storage.clientMay('write', cloudPath, client)) throw new GatewayError(STORAGE_EXCEED_AUTHORITY, 'storage permission denied', 403);
  let content: Buffer;
  try {
    content = await deps.readBody(req, MAX_UPLOAD_BYTES);
  } catch {
    throw new GatewayError(INVALID_PARAM, 'file too large', 413);
  }
  // Checked again after the body arrived: another client may have created the file meanwhile.
  if (!deps.storage.clientMay('write', cloudPath, client)) throw new GatewayError(STORAGE_EXCEED_AUTHORITY, 'storage permission denied', 403);
  return { fileID: deps.storage.putFile(cloudPath, content, deps.storage.ownerFor(client)), statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
}

async function getTempFileURL(deps: GatewayDeps, req: http.IncomingMessage): Promise<unknown> {
  const caller = callerFromHeaders(req, deps);
  const body = await readJsonObject(deps, req);
  if (!Array.isArray(body.fileList) || body.fileList.length === 0) throw new GatewayError(INVALID_PARAM, 'fileList must be a non-empty array');
  const items = body.fileList.map((item: unknown) => {
    if (typeof item === 'string') return { fileID: item };
    if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      return { fileID: record.fileID, maxAge: record.maxAge };
    }
    throw new GatewayError(INVALID_PARAM, 'fileList items must be fileIDs or { fileID, maxAge }');
  });
  // A client call: each file is checked against the read rule (private exports are never handed out here).
  const fileList = deps.storage.tempUrls(items, storageClientOf(caller)).map((entry) => {
    if (entry.code === 'SUCCESS') return { fileID: entry.fileID, tempFileURL: entry.tempFileURL, maxAge: entry.maxAge, status: 0, errMsg: 'ok' };
    if (entry.code === 'STORAGE_EXCEED_AUTHORITY')
      return { fileID: entry.fileID, tempFileURL: '', maxAge: entry.maxAge, status: STORAGE_EXCEED_AUTHORITY, errMsg: 'storage permission denied' };
    return { fileID: entry.fileID, tempFileURL: '', maxAge: entry.maxAge, status: STORAGE_FILE_NONEXIST, errMsg: 'storage file not exist' };
  });
  return { fileList, errMsg: 'cloud.getTempFileURL:ok' };
}

/**
 * What `<button open-type="getPhoneNumber">` hands the app on a phone: a single-use token (`code`) for the
 * number bound to the calling WeChat user, which the function exchanges with phonenumber.getPhoneNumber.
 */
async function getPhoneNumber(deps: GatewayDeps, req: http.IncomingMessage): Promise<unknown> {
  const caller = callerFromHeaders(req, deps);
  req.resume();
  if (!caller.OPENID) throw new GatewayError(INVALID_PARAM, 'permission denied: x-weike-openid required', 403);
  const code = deps.phoneNumbers?.mintFor(caller.OPENID) ?? null;
  if (code === null) throw new GatewayError(INVALID_PARAM, 'no phone number is bound to this WeChat user (PUT /phonenumber/users)');
  return { code, errMsg: 'getPhoneNumber:ok' };
}

function webAuthOf(deps: GatewayDeps): WebAuth {
  if (!deps.webAuth) throw new GatewayError(INVALID_PARAM, 'web sign-in is not served here', 404);
  return deps.webAuth;
}

/** signInAnonymously: a new CloudBase uid and its access token. */
async function signInAnonymously(deps: GatewayDeps, req: http.IncomingMessage): Promise<unknown> {
  req.resume();
  return webAuthOf(deps).signInAnonymously();
}

/** signInWithCustomTicket: the browser, already signed in anonymously, exchanges a ticket a function issued. */
async function signInWithTicket(deps: GatewayDeps, req: http.IncomingMessage): Promise<unknown> {
  const auth = webAuthOf(deps);
  callerFromHeaders(req, deps);
  const body = await readJsonObject(deps, req);
  if (typeof body.ticket !== 'string' || body.ticket.length > 4096) throw new GatewayError(INVALID_PARAM, 'ticket must be a string');
  try {
    return auth.signInWithTicket(body.ticket);
  } catch (err) {
    if (err instanceof WebAuthError) throw new GatewayError(-401, err.message, 401);
    throw err;
  }
}

const ROUTES: Record<string, { api: string; run: (deps: GatewayDeps, req: http.IncomingMessage, url: URL) => Promise<unknown> }> = {
  '/gateway/callFunction': { api: 'callFunction', run: callFunction },
  '/gateway/uploadFile': { api: 'uploadFile', run: uploadFile },
  '/gateway/getTempFileURL': { api: 'getTempFileURL', run: getTempFileURL },
  '/gateway/getPhoneNumber': { api: 'getPhoneNumber', run: getPhoneNumber },
  '/gateway/auth/anonymous': { api: 'auth.signInAnonymously', run: signInAnonymously },
  '/gateway/auth/ticket': { api: 'auth.signInWithCustomTicket', run: signInWithTicket },
};

/** Serves `/gateway/*`; returns false when the path is not ours. */
export function handleGateway(deps: GatewayDeps, req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
  if (!url.pathname.startsWith('/gateway/')) return false;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...corsHeaders(req),
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, x-weike-openid, x-weike-appid, x-weike-unionid',
    });
    res.end();
    return true;
  }
  const route = ROUTES[url.pathname];
  if (!route || req.method !== 'POST') {
    req.resume();
    send(req, res, 404, { errCode: INVALID_PARAM, errMsg: `${url.pathname}:fail no such gateway API (POST ${Object.keys(ROUTES).join(', ')})` });
    return true;
  }
  route.run(deps, req, url).then(
    (body) => send(req, res, 200, body),
    (err: unknown) => {
      if (err instanceof GatewayError) {
        req.resume();
        send(req, res, err.status, { errCode: err.errCode, errMsg: `cloud.${route.api}:fail ${err.errCode} ${err.message}` });
        return;
      }
      console.error(`[local-cloud] gateway ${route.api} failed`, err);
      send(req, res, 500, { errCode: -501001, errMsg: `cloud.${route.api}:fail -501001 resource system error` });
    },
  );
  return true;
}
