/**
 * The console's single transport to the cloud functions, the browser sibling of miniprogram/services/
 * transport.ts: the same functions and actions (typings/api.ts), the same envelope, no API of its own.
 *
 * Identity is the browser's CloudBase sign-in, never something the page claims: anonymous until a member
 * confirms a scan, then the custom-login identity a function issued (server/core/console-session.ts).
 * - cloud mode: @cloudbase/js-sdk (loaded on first use, so it stays out of the first page's JavaScript).
 * - local mode: the local cloud's gateway, which plays CloudBase's part: it hands out the anonymous access
 *   token, exchanges a custom-login ticket for a signed-in one, and tells the function who calls.
 */
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../../typings/api';
import type { Envelope } from '../../../typings/envelope';
import type { ErrorCode } from '../../../typings/errors';
import { consoleConfig, gatewayBase } from './config';

export const TRANSPORT_ERROR_MESSAGES = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  CALL_FAILED: '服务暂时不可用，请稍后重试',
  BAD_RESPONSE: '服务返回了无法识别的结果，请稍后重试',
} as const;

export type ApiErrorCode = ErrorCode | keyof typeof TRANSPORT_ERROR_MESSAGES;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly requestId = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Codes that mean the console's sign-in no longer holds: the app returns to the sign-in page. */
const SIGNED_OUT_CODES: readonly ApiErrorCode[] = ['CONSOLE_SESSION_ENDED', 'UNAUTHENTICATED', 'NOT_MEMBER', 'MEMBER_INACTIVE'];

let signedOutListener: ((error: ApiError) => void) | null = null;

/** The app (router) registers what happens when the sign-in ends under it. */
export function onSignedOut(listener: (error: ApiError) => void): void {
  signedOutListener = listener;
}

interface CallFunctionAnswer {
  result?: unknown;
  requestID?: string;
  errCode?: number | string;
  errMsg?: string;
}

/** How the browser reaches CloudBase (or the local cloud standing in for it). */
interface Backend {
  callFunction(name: string, data: Record<string, unknown>): Promise<CallFunctionAnswer>;
  /** Temporary URLs of files the browser may read (the storage rules judge each); unreadable ones are left out. */
  tempFileUrls(fileIds: string[]): Promise<Record<string, string>>;
  /** Uploads `file` to `cloudPath` as the signed-in browser (the storage rules judge it); resolves its fileID. */
  uploadFile(cloudPath: string, file: Blob, onProgress?: (fraction: number) => void): Promise<string>;
  /** Signs in with a custom-login ticket a function issued. */
  signInWithTicket(ticket: string): Promise<void>;
  signOut(): Promise<void>;
}

/** fileID → temporary URL for the entries that came back with one. */
function urlsOf(list: { fileID: string; tempFileURL: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).filter((entry) => entry.tempFileURL).map((entry) => [entry.fileID, entry.tempFileURL]));
}

// ---- local mode: the gateway on the same origin ------------------------------------------------------------

const TOKEN_KEY = 'weike.console.accessToken';

/** The gateway answers 401 for an access token it does not know (ended, or the local cloud restarted). */
class LocalBackend implements Backend {
  private token: string | null = localStorage.getItem(TOKEN_KEY);

  private async post(path: string, body: unknown, auth = true): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = `Bearer ${await this.accessToken()}`;
    try {
      return await fetch(`${gatewayBase}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch {
      throw new ApiError('NETWORK_ERROR', TRANSPORT_ERROR_MESSAGES.NETWORK_ERROR);
    }
  }

  private remember(token: string | null): void {
    this.token = token;
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  }

  /** The browser's access token, signing in anonymously first when it has none. */
  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await this.post('/gateway/auth/anonymous', {}, false);
    const body = (await res.json()) as { accessToken?: unknown };
    if (!res.ok || typeof body.accessToken !== 'string') throw new ApiError('CALL_FAILED', TRANSPORT_ERROR_MESSAGES.CALL_FAILED);
    this.remember(body.accessToken);
    return body.accessToken;
  }

  async callFunction(name: string, data: Record<string, unknown>): Promise<CallFunctionAnswer> {
    let res = await this.post('/gateway/callFunction', { name, data });
    if (res.status === 401) {
      // The access token is gone; a signed-in browser must scan again, an anonymous one just gets a new one.
      const wasSignedIn = sessionFlag.get();
      this.remember(null);
      if (wasSignedIn) return { result: { ok: false, code: 'CONSOLE_SESSION_ENDED', message: '登录已失效，请重新扫码登录', requestId: '' } };
      res = await this.post('/gateway/callFunction', { name, data });
    }
    const body = (await res.json().catch(() => null)) as CallFunctionAnswer | null;
    if (body === null || typeof body !== 'object') throw new ApiError('BAD_RESPONSE', TRANSPORT_ERROR_MESSAGES.BAD_RESPONSE);
    return body;
  }

  async tempFileUrls(fileIds: string[]): Promise<Record<string, string>> {
    const res = await this.post('/gateway/getTempFileURL', { fileList: fileIds });
    const body = (await res.json().catch(() => null)) as { fileList?: { fileID: string; tempFileURL: string; status: number }[] } | null;
    return urlsOf(body?.fileList);
  }

  /** The gateway's uploadFile (emulator/gateway/index.ts): the file as the body, XHR for upload progress. */
  async uploadFile(cloudPath: string, file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
    const token = await this.accessToken();
    const answer = await new Promise<{ status: number; body: { fileID?: unknown } | null }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${gatewayBase}/gateway/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`);
      xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      xhr.onload = () => {
        let body: { fileID?: unknown } | null = null;
        try {
          body = JSON.parse(xhr.responseText) as { fileID?: unknown };
        } catch {
          body = null;
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', TRANSPORT_ERROR_MESSAGES.NETWORK_ERROR));
      xhr.send(file);
    });
    if (answer.status === 200 && typeof answer.body?.fileID === 'string') return answer.body.fileID;
    throw new ApiError('CALL_FAILED', '上传失败，请重新选择文件后再试');
  }

  async signInWithTicket(ticket: string): Promise<void> {
    const res = await this.post('/gateway/auth/ticket', { ticket });
    const body = (await res.json().catch(() => ({}))) as { accessToken?: unknown };
    if (!res.ok || typeof body.accessToken !== 'string') throw new ApiError('CALL_FAILED', TRANSPORT_ERROR_MESSAGES.CALL_FAILED);
    this.remember(body.accessToken);
  }

  async signOut(): Promise<void> {
    this.remember(null);
  }
}

// ---- cloud mode: @cloudbase/js-sdk ---------------------------------------------------------------------------

/** The few SDK calls the console makes (https://docs.cloudbase.net/api-reference/webv3/authentication). */
interface CloudbaseApp {
  auth(options?: { persistence?: string }): {
    signInAnonymously(): Promise<unknown>;
    setCustomSignFunc(fn: () => Promise<string>): void;
    signInWithCustomTicket(): Promise<unknown>;
    signOut(): Promise<unknown>;
    hasLoginState(): Promise<unknown> | unknown;
  };
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown; requestId?: string }>;
  /** https://docs.cloudbase.net/api-reference/webv3/storage (getTempFileURL, uploadFile with onUploadProgress). */
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList?: { fileID: string; tempFileURL: string; code?: string }[] }>;
  uploadFile(options: {
    cloudPath: string;
    filePath: Blob;
    onUploadProgress?: (event: { loaded: number; total: number }) => void;
  }): Promise<{ fileID?: string }>;
}

class CloudBackend implements Backend {
  private app: Promise<CloudbaseApp> | null = null;

  private load(): Promise<CloudbaseApp> {
    this.app ??= import('@cloudbase/js-sdk').then(async (sdk) => {
      const cloudbase = (sdk as unknown as { default: { init(options: { env: string; region?: string }): CloudbaseApp } }).default;
      const app = cloudbase.init({ env: consoleConfig.envId, ...(consoleConfig.region ? { region: consoleConfig.region } : {}) });
      const auth = app.auth({ persistence: 'local' });
      if (!(await auth.hasLoginState())) await auth.signInAnonymously();
      return app;
    });
    return this.app;
  }

  async callFunction(name: string, data: Record<string, unknown>): Promise<CallFunctionAnswer> {
    const app = await this.load();
    try {
      const answer = await app.callFunction({ name, data });
      return { result: answer.result, requestID: answer.requestId };
    } catch (error) {
      throw new ApiError('CALL_FAILED', TRANSPORT_ERROR_MESSAGES.CALL_FAILED, String((error as { requestId?: unknown }).requestId ?? ''));
    }
  }

  async tempFileUrls(fileIds: string[]): Promise<Record<string, string>> {
    const answer = await (await this.load()).getTempFileURL({ fileList: fileIds });
    return urlsOf(answer.fileList);
  }

  async uploadFile(cloudPath: string, file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
    const app = await this.load();
    try {
      const answer = await app.uploadFile({
        cloudPath,
        filePath: file,
        onUploadProgress: (event) => {
          if (event.total > 0) onProgress?.(event.loaded / event.total);
        },
      });
      if (typeof answer.fileID === 'string') return answer.fileID;
    } catch {
      // Falls through to the message below: the rules refused, or the network failed.
    }
    throw new ApiError('CALL_FAILED', '上传失败，请重新选择文件后再试');
  }

  async signInWithTicket(ticket: string): Promise<void> {
    const auth = (await this.load()).auth({ persistence: 'local' });
    auth.setCustomSignFunc(async () => ticket);
    await auth.signInWithCustomTicket();
  }

  async signOut(): Promise<void> {
    const auth = (await this.load()).auth({ persistence: 'local' });
    await auth.signOut();
    await auth.signInAnonymously();
  }
}

const backend: Backend = consoleConfig.mode === 'cloud' ? new CloudBackend() : new LocalBackend();

/** Whether this browser believes it is signed in (a hint for the UI; the server decides). */
const SIGNED_IN_KEY = 'weike.console.signedIn';
export const sessionFlag = {
  get: (): boolean => localStorage.getItem(SIGNED_IN_KEY) === '1',
  set: (value: boolean): void => (value ? localStorage.setItem(SIGNED_IN_KEY, '1') : localStorage.removeItem(SIGNED_IN_KEY)),
};

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { code?: unknown }).code === 'string');
}

/** Calls `fn`'s `action` with `input`; resolves with the action's output, rejects with ApiError. */
export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>): Promise<ActionOutput<F, A>> {
  const fields = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const answer = await backend.callFunction(fn, { ...fields, action });
  if (answer.errCode !== undefined && answer.errCode !== 0) throw new ApiError('CALL_FAILED', TRANSPORT_ERROR_MESSAGES.CALL_FAILED, answer.requestID);
  const envelope = answer.result;
  if (!isEnvelope(envelope)) throw new ApiError('BAD_RESPONSE', TRANSPORT_ERROR_MESSAGES.BAD_RESPONSE, answer.requestID);
  if (envelope.ok) return envelope.data as ActionOutput<F, A>;
  const error = new ApiError(envelope.code, envelope.message, envelope.requestId);
  if (SIGNED_OUT_CODES.includes(envelope.code) && sessionFlag.get()) {
    sessionFlag.set(false);
    await backend.signOut();
    signedOutListener?.(error);
  }
  throw error;
}

/** Temporary URLs to show files (an uploaded picture's preview); unreadable or missing files are left out. */
export function tempFileUrls(fileIds: string[]): Promise<Record<string, string>> {
  return fileIds.length > 0 ? backend.tempFileUrls([...new Set(fileIds)]) : Promise.resolve({});
}

/** Uploads `file` to `cloudPath` as the signed-in browser; web/src/services/upload.ts chooses the path. */
export function uploadToStorage(cloudPath: string, file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
  return backend.uploadFile(cloudPath, file, onProgress);
}

export async function signInWithTicket(ticket: string): Promise<void> {
  await backend.signInWithTicket(ticket);
  sessionFlag.set(true);
}

export async function signOut(): Promise<void> {
  sessionFlag.set(false);
  await backend.signOut();
}
