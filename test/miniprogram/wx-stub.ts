/**
 * The `wx` that pages see in tests: a fake backend answering both wx.cloud.callFunction (cloud mode) and
 * wx.request to the local gateway (local mode), in-memory storage, and recorded toasts, navigation and
 * stopPullDownRefresh. miniprogram-simulate merges its own API into this object when it loads.
 */
import type { Envelope } from '../../typings/envelope';
import type { ErrorCode } from '../../typings/errors';

/** How the fake backend answers one call, in wx.cloud.callFunction's shapes. */
export type BackendAnswer =
  | { result: unknown; requestID?: string }
  | { errCode: number; errMsg: string }
  | { networkError: string };

export interface BackendCall {
  name: string;
  event: Record<string, unknown>;
  /** The x-weike-openid header in local mode; null in cloud mode. */
  openid: string | null;
  via: 'cloud' | 'gateway';
}

export type BackendHandler = (call: BackendCall) => BackendAnswer;

export interface WxRequestRecord {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}

export function ok<T>(data: T, requestId = 'req-test'): BackendAnswer {
  const envelope: Envelope<T> = { ok: true, data, requestId };
  return { result: envelope, requestID: requestId };
}

export function failure(code: ErrorCode, message: string, requestId = 'req-test'): BackendAnswer {
  const envelope: Envelope<never> = { ok: false, code, message, requestId };
  return { result: envelope, requestID: requestId };
}

type Callbacks<S> = { success?: (res: S) => void; fail?: (err: { errMsg: string; errCode?: number }) => void; complete?: () => void };

export interface WxStub {
  handler: BackendHandler;
  calls: BackendCall[];
  requests: WxRequestRecord[];
  storage: Map<string, unknown>;
  toasts: string[];
  switchTabs: string[];
  navigations: string[];
  stopPullDownRefreshCount: number;
  cloudInits: unknown[];
  reset(): void;
}

const GATEWAY_PATH = '/gateway/callFunction';

function settle<S>(callbacks: Callbacks<S>, answer: () => { res?: S; err?: { errMsg: string; errCode?: number } }): void {
  // Real wx APIs answer asynchronously; so does the stub.
  setTimeout(() => {
    const { res, err } = answer();
    if (err) callbacks.fail?.(err);
    else callbacks.success?.(res as S);
    callbacks.complete?.();
  }, 0);
}

function noBackend(call: BackendCall): BackendAnswer {
  throw new Error(`The test set no backend answer for ${call.name}.${String(call.event.action)}`);
}

export function createWxStub(): { stub: WxStub; wx: Record<string, unknown> } {
  const stub: WxStub = {
    handler: noBackend,
    calls: [],
    requests: [],
    storage: new Map(),
    toasts: [],
    switchTabs: [],
    navigations: [],
    stopPullDownRefreshCount: 0,
    cloudInits: [],
    reset() {
      stub.handler = noBackend;
      stub.calls = [];
      stub.requests = [];
      stub.storage.clear();
      stub.toasts = [];
      stub.switchTabs = [];
      stub.navigations = [];
      stub.stopPullDownRefreshCount = 0;
      stub.cloudInits = [];
    },
  };

  const answer = (call: BackendCall): BackendAnswer => {
    stub.calls.push(call);
    return stub.handler(call);
  };

  const wx = {
    cloud: {
      init(options: unknown) {
        stub.cloudInits.push(options);
      },
      callFunction(options: { name: string; data?: Record<string, unknown> } & Callbacks<unknown>) {
        settle(options, () => {
          const result = answer({ name: options.name, event: options.data ?? {}, openid: null, via: 'cloud' });
          if ('networkError' in result) return { err: { errMsg: `cloud.callFunction:fail ${result.networkError}` } };
          if ('errCode' in result) return { err: { errCode: result.errCode, errMsg: result.errMsg } };
          return { res: { result: result.result, requestID: result.requestID ?? '', errMsg: 'cloud.callFunction:ok' } };
        });
      },
    },
    request(options: WxRequestRecord & Callbacks<{ statusCode: number; data: unknown; header: Record<string, string> }>) {
      stub.requests.push({ url: options.url, method: options.method, header: options.header, data: options.data });
      settle(options, () => {
        if (!options.url.endsWith(GATEWAY_PATH)) return { res: { statusCode: 404, data: 'not found', header: {} } };
        const body = options.data as { name: string; data?: Record<string, unknown> };
        const openid = options.header?.['x-weike-openid'] ?? null;
        const result = answer({ name: body.name, event: body.data ?? {}, openid, via: 'gateway' });
        if ('networkError' in result) return { err: { errMsg: `request:fail ${result.networkError}` } };
        // The gateway answers function failures with an error status and wx.cloud's error shape.
        if ('errCode' in result) return { res: { statusCode: 500, data: result, header: {} } };
        return { res: { statusCode: 200, data: { ...result, errMsg: 'cloud.callFunction:ok' }, header: {} } };
      });
    },
    getStorageSync(key: string) {
      return stub.storage.has(key) ? stub.storage.get(key) : '';
    },
    setStorageSync(key: string, value: unknown) {
      stub.storage.set(key, value);
    },
    removeStorageSync(key: string) {
      stub.storage.delete(key);
    },
    showToast(options: { title: string } & Callbacks<unknown>) {
      stub.toasts.push(options.title);
      settle(options, () => ({ res: { errMsg: 'showToast:ok' } }));
    },
    hideToast() {},
    showLoading() {},
    hideLoading() {},
    switchTab(options: { url: string } & Callbacks<unknown>) {
      stub.switchTabs.push(options.url);
      settle(options, () => ({ res: { errMsg: 'switchTab:ok' } }));
    },
    navigateTo(options: { url: string } & Callbacks<unknown>) {
      stub.navigations.push(options.url);
      settle(options, () => ({ res: { errMsg: 'navigateTo:ok' } }));
    },
    redirectTo(options: { url: string } & Callbacks<unknown>) {
      stub.navigations.push(options.url);
      settle(options, () => ({ res: { errMsg: 'redirectTo:ok' } }));
    },
    stopPullDownRefresh() {
      stub.stopPullDownRefreshCount += 1;
    },
  };
  return { stub, wx };
}
