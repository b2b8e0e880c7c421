/**
 * The single transport between pages and cloud functions. Cloud mode uses wx.cloud.callFunction; local mode
 * posts to the local cloud's gateway, which answers in the same shapes. Either way the caller gets the
 * envelope's data, or an ApiError carrying a stable code and a Chinese message to show as it is.
 */
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';
import type { ErrorCode } from '../../typings/errors';
import { config } from '../config';
import { getDevOpenid } from './dev-identity';
import { gateReasonOfCode, leaveForBinding } from './gate';

/** Failures that happen before a function answers; the function's own codes come from typings/errors.ts. */
export const TRANSPORT_ERROR_MESSAGES = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  CALL_FAILED: '服务暂时不可用，请稍后重试',
  BAD_RESPONSE: '服务返回了无法识别的结果，请稍后重试',
  UPLOAD_FAILED: '文件上传失败，请稍后重试',
  FILE_UNREADABLE: '无法读取所选文件，请重新选择',
} as const;

export type TransportErrorCode = keyof typeof TRANSPORT_ERROR_MESSAGES;
export type ApiErrorCode = ErrorCode | TransportErrorCode;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly requestId: string;

  constructor(code: ApiErrorCode, message: string, requestId = '') {
    super(message);
    // The WeChat compiler may down-level classes; keep instanceof working on subclassed Error.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.code = code;
    this.requestId = requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What wx.cloud.callFunction resolves with and the gateway answers on success. */
interface CallFunctionAnswer {
  result?: unknown;
  requestID?: string;
  errMsg?: string;
  errCode?: number | string;
}

type FunctionEvent = Record<string, unknown> & { action: string };

/** The event a function receives: `{ action, ...input }`, the routing shape of cloudfunctions/<fn>. */
function toEvent(action: string, input: unknown): FunctionEvent {
  const fields = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  return { ...fields, action };
}

function transportError(code: TransportErrorCode, detail?: string, requestId = ''): ApiError {
  // The detail (errMsg, HTTP status) helps developers in the console; users see only the Chinese message.
  if (detail) console.warn(`[transport] ${code}: ${detail}`);
  return new ApiError(code, TRANSPORT_ERROR_MESSAGES[code], requestId);
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { code?: unknown }).code === 'string');
}

/**
 * Turns a callFunction-shaped answer into the envelope's data or an ApiError. The error carries the
 * invocation's request id (typings/envelope.ts): the envelope's `requestId`, else callFunction's `requestID`
 * when the function failed before answering with an envelope.
 */
export function unwrapAnswer(answer: CallFunctionAnswer): unknown {
  if (answer.errCode !== undefined && answer.errCode !== 0) {
    throw transportError('CALL_FAILED', `${String(answer.errCode)} ${answer.errMsg ?? ''}`, answer.requestID);
  }
  const envelope = answer.result;
  if (!isEnvelope(envelope)) throw transportError('BAD_RESPONSE', JSON.stringify(envelope), answer.requestID);
  if (envelope.ok) return envelope.data;
  throw new ApiError(envelope.code, envelope.message, envelope.requestId);
}

function callCloud(name: string, event: FunctionEvent): Promise<CallFunctionAnswer> {
  return new Promise((resolve, reject) => {
    wx.cloud.callFunction({
      name,
      data: event,
      success: (res) => resolve(res as CallFunctionAnswer),
      fail: (err: { errCode?: number; errMsg?: string }) =>
        reject(transportError(err.errCode !== undefined ? 'CALL_FAILED' : 'NETWORK_ERROR', `${err.errCode ?? ''} ${err.errMsg ?? ''}`)),
    });
  });
}

function gatewayUrl(path: string): string {
  return `${config.gatewayUrl.replace(/\/+$/, '')}${path}`;
}

/** The identity header the local gateway reads (see emulator/gateway); only local mode sends it. */
function identityHeader(): Record<string, string> {
  return { 'x-weike-openid': getDevOpenid() };
}

function callGateway(name: string, event: FunctionEvent): Promise<CallFunctionAnswer> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: gatewayUrl('/gateway/callFunction'),
      method: 'POST',
      header: { 'content-type': 'application/json', ...identityHeader() },
      data: { name, data: event },
      dataType: 'json',
      success: (res) => {
        const body = res.data;
        if (body !== null && typeof body === 'object') {
          resolve(body as CallFunctionAnswer);
        } else {
          reject(transportError('BAD_RESPONSE', `HTTP ${res.statusCode}`));
        }
      },
      fail: (err) => reject(transportError('NETWORK_ERROR', err.errMsg)),
    });
  });
}

/** Calls `fn`'s `action` with `input`; resolves with the action's output, rejects with ApiError. */
export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>): Promise<ActionOutput<F, A>> {
  const event = toEvent(action, input);
  const answer = config.mode === 'cloud' ? await callCloud(fn, event) : await callGateway(fn, event);
  try {
    return unwrapAnswer(answer) as ActionOutput<F, A>;
  } catch (error) {
    // The one place the app hears that the caller is no member (any function, any page): go and bind.
    const reason = isApiError(error) ? gateReasonOfCode(error.code) : null;
    if (reason) leaveForBinding(reason);
    throw error;
  }
}

/** One action as a function of its input, for services whose wrapper would add nothing. */
export function action<F extends FunctionName, A extends ActionName<F>>(fn: F, name: A): (input: ActionInput<F, A>) => Promise<ActionOutput<F, A>> {
  return (input) => call(fn, name, input);
}

type PageInput = { page: number; pageSize: number };

/** A list action whose whole input is the page (a FetchPage for utils/paged-list); `never` for any other action. */
export type PagedAction<F extends FunctionName, A extends ActionName<F>> =
  PageInput extends ActionInput<F, A> ? (page: number, pageSize: number) => Promise<ActionOutput<F, A>> : never;

export function pagedAction<F extends FunctionName, A extends ActionName<F>>(fn: F, name: A): PagedAction<F, A> {
  // The conditional type above has checked that the page alone is a valid input.
  const fetchPage = (page: number, pageSize: number) => call(fn, name, { page, pageSize } as ActionInput<F, A>);
  return fetchPage as PagedAction<F, A>;
}

function uploadToCloud(cloudPath: string, filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: (err: { errCode?: number; errMsg?: string }) => reject(transportError('UPLOAD_FAILED', `${err.errCode ?? ''} ${err.errMsg ?? ''}`)),
    });
  });
}

function readLocalFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().readFile({
      filePath,
      success: (res) => {
        // Without an encoding readFile answers bytes; a string would mean the call was misconfigured.
        if (typeof res.data === 'string') reject(transportError('FILE_UNREADABLE', 'readFile answered text, not bytes'));
        else resolve(res.data);
      },
      fail: (err) => reject(transportError('FILE_UNREADABLE', err.errMsg)),
    });
  });
}

/** The local gateway takes the file as the raw request body, the cloud path in the query (emulator/gateway). */
async function uploadToGateway(cloudPath: string, filePath: string): Promise<string> {
  const content = await readLocalFile(filePath);
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${gatewayUrl('/gateway/uploadFile')}?cloudPath=${encodeURIComponent(cloudPath)}`,
      method: 'POST',
      header: { 'content-type': 'application/octet-stream', ...identityHeader() },
      data: content,
      dataType: 'json',
      success: (res) => {
        const body = res.data as { fileID?: unknown; errCode?: unknown; errMsg?: unknown } | null;
        if (res.statusCode === 200 && body !== null && typeof body === 'object' && typeof body.fileID === 'string') {
          resolve(body.fileID);
        } else {
          reject(transportError('UPLOAD_FAILED', `HTTP ${res.statusCode} ${JSON.stringify(body)}`));
        }
      },
      fail: (err) => reject(transportError('NETWORK_ERROR', err.errMsg)),
    });
  });
}

/** Uploads a local temp file (e.g. from wx.chooseMessageFile) to cloud storage; resolves with its fileID. */
export function uploadFile(cloudPath: string, tempFilePath: string): Promise<string> {
  return config.mode === 'cloud' ? uploadToCloud(cloudPath, tempFilePath) : uploadToGateway(cloudPath, tempFilePath);
}

/** What `<button open-type="getPhoneNumber">` hands its bindgetphonenumber handler. */
export interface PhoneNumberDetail {
  code?: string;
  errMsg?: string;
}

/** The local gateway stands in for WeChat's phone-number dialog: a token for the dev identity's number. */
function phoneCodeFromGateway(): Promise<string | null> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: gatewayUrl('/gateway/getPhoneNumber'),
      method: 'POST',
      header: { 'content-type': 'application/json', ...identityHeader() },
      data: {},
      dataType: 'json',
      success: (res) => {
        const body = res.data as { code?: unknown; errMsg?: unknown } | null;
        if (res.statusCode === 200 && body !== null && typeof body === 'object' && typeof body.code === 'string' && body.code !== '') resolve(body.code);
        else {
          // No number for this dev identity: as if the user had declined the dialog.
          console.warn(`[transport] getPhoneNumber: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
          resolve(null);
        }
      },
      fail: (err) => reject(transportError('NETWORK_ERROR', err.errMsg)),
    });
  });
}

/**
 * The dynamic token of WeChat's phone-number button (手机号快速验证), for the function to exchange with
 * phonenumber.getPhoneNumber; null when the user declined or WeChat gave none. In local mode the token
 * comes from the local cloud for the dev identity's number, whatever the button answered.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html
 */
export function phoneNumberCode(detail: PhoneNumberDetail): Promise<string | null> {
  if (config.mode === 'local') return phoneCodeFromGateway();
  return Promise.resolve(typeof detail.code === 'string' && detail.code !== '' ? detail.code : null);
}

/**
 * wx.cloud.getTempFileURL answers at most 50 fileIDs per call
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/getTempFileURL.html).
 */
const TEMP_URL_BATCH = 50;

interface TempFileEntry {
  fileID?: unknown;
  tempFileURL?: unknown;
  status?: unknown;
}

function tempUrlsFromCloud(fileList: string[]): Promise<TempFileEntry[]> {
  return new Promise((resolve, reject) => {
    wx.cloud.getTempFileURL({
      fileList,
      success: (res) => resolve(res.fileList as TempFileEntry[]),
      fail: (err: { errCode?: number; errMsg?: string }) =>
        reject(transportError(err.errCode !== undefined ? 'CALL_FAILED' : 'NETWORK_ERROR', `${err.errCode ?? ''} ${err.errMsg ?? ''}`)),
    });
  });
}

/** The gateway takes wx.cloud's `{ fileList }` as JSON and answers in its shape (emulator/gateway). */
function tempUrlsFromGateway(fileList: string[]): Promise<TempFileEntry[]> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: gatewayUrl('/gateway/getTempFileURL'),
      method: 'POST',
      header: { 'content-type': 'application/json', ...identityHeader() },
      data: { fileList },
      dataType: 'json',
      success: (res) => {
        const body = res.data as { fileList?: unknown } | null;
        if (res.statusCode === 200 && body !== null && typeof body === 'object' && Array.isArray(body.fileList)) {
          resolve(body.fileList as TempFileEntry[]);
        } else {
          reject(transportError('CALL_FAILED', `HTTP ${res.statusCode} ${JSON.stringify(body)}`));
        }
      },
      fail: (err) => reject(transportError('NETWORK_ERROR', err.errMsg)),
    });
  });
}

/**
 * Displayable URLs for cloud storage fileIDs (only real WeChat can show a `cloud://` src): fileID → temporary
 * URL. Files that could not be resolved (deleted, no permission) are left out, so the page shows its
 * placeholder; anything that is not a `cloud://` fileID is already a URL and maps to itself.
 */
export async function tempFileUrls(fileIDs: readonly string[]): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  const wanted = [...new Set(fileIDs.filter((fileID) => fileID !== ''))];
  for (const fileID of wanted) if (!fileID.startsWith('cloud://')) urls[fileID] = fileID;
  const cloudIds = wanted.filter((fileID) => fileID.startsWith('cloud://'));
  const resolve = config.mode === 'cloud' ? tempUrlsFromCloud : tempUrlsFromGateway;
  for (let start = 0; start < cloudIds.length; start += TEMP_URL_BATCH) {
    for (const entry of await resolve(cloudIds.slice(start, start + TEMP_URL_BATCH))) {
      const ok = entry.status === 0 || entry.status === undefined;
      if (ok && typeof entry.fileID === 'string' && typeof entry.tempFileURL === 'string' && entry.tempFileURL !== '') {
        urls[entry.fileID] = entry.tempFileURL;
      }
    }
  }
  return urls;
}
