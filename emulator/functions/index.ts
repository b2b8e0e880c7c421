/**
 * `functions.invokeFunction`, the server-protocol action behind `cloud.callFunction` in wx-server-sdk and
 * `app.callFunction` in @cloudbase/node-sdk: body `{ function_name, request_data: JSON string,
 * wxCloudApiToken }`, answer `{ data: { response_data: JSON string } }`.
 *
 * Which WeChat context the callee sees: CloudBase documents that SOURCE follows the call chain
 * (https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.md:
 * the mini-program calls A -> A sees `wx_client`; A calls B -> B sees `wx_client,scf`). It does not say
 * what OPENID/APPID/UNIONID B sees; we chose to propagate the original caller's identity, as CloudBase
 * does through the invocation's API token. The token is the SDK's own `WX_API_TOKEN` (sent as
 * wxCloudApiToken), valid only while the calling invocation runs. A script outside any function calls
 * with no token and the callee sees no user identity.
 */
import { MAX_INVOCATION_EVENT_BYTES, MAX_INVOCATION_RESPONSE_BYTES } from '../limits';
import { type ActionTable, CloudError, ErrorCode } from '../protocol';
import type { CallerContext, FunctionHost } from './host';
import { FunctionFailure, toCloudError } from './errors';

export { FunctionHost } from './host';
export type { CallerContext, FunctionHostOptions, FunctionStats, InvokeResult, OpenApiGrant } from './host';
export { FunctionFailure, CLIENT_ERROR_CODE, clientErrorMessage } from './errors';

/** The callee's context when a function (or script) calls another one through the SDK. */
export function nestedCaller(parent: CallerContext | undefined): CallerContext {
  if (!parent) return {};
  return { ...parent, SOURCE: parent.SOURCE ? `${parent.SOURCE},scf` : 'scf' };
}

/**
 * The platform refuses a synchronous invocation whose event (its data as JSON) is over the limit, before any
 * instance runs (limits.ts). Both doors check it: the server protocol and the app gateway.
 */
export function checkInvocationEvent(bytes: number): void {
  if (bytes > MAX_INVOCATION_EVENT_BYTES) {
    throw new CloudError(
      'EXCEED_MAX_PAYLOAD_SIZE',
      `请求体大小超过限制: the event is ${bytes} bytes, over the ${MAX_INVOCATION_EVENT_BYTES}-byte limit of a synchronous invocation`,
    );
  }
}

/**
 * A finished invocation's answer as JSON. The function ran (its writes stand); the platform refuses to hand
 * back an answer over the limit (limits.ts).
 */
export function invocationResponse(name: string, result: unknown): string | undefined {
  const text = JSON.stringify(result);
  const bytes = text === undefined ? 0 : Buffer.byteLength(text);
  if (bytes > MAX_INVOCATION_RESPONSE_BYTES) {
    throw new CloudError(
      'EXCEED_MAX_RESPONSE_SIZE',
      `响应大小超过限制: ${name} answered ${bytes} bytes, over the ${MAX_INVOCATION_RESPONSE_BYTES}-byte limit of a synchronous invocation`,
    );
  }
  return text;
}

function parseRequestData(raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') throw new CloudError(ErrorCode.invalidParam, 'request_data must be a JSON string');
  checkInvocationEvent(Buffer.byteLength(raw));
  try {
    return JSON.parse(raw);
  } catch {
    throw new CloudError(ErrorCode.invalidParam, 'request_data is not valid JSON');
  }
}

export function functionActions(host: FunctionHost): ActionTable {
  return {
    'functions.invokeFunction': async (params) => {
      const name = params.function_name;
      if (typeof name !== 'string' || !name) throw new CloudError(ErrorCode.invalidParam, '函数名不能为空');
      const event = parseRequestData(params.request_data);
      try {
        const { result } = await host.invoke(name, event, nestedCaller(host.callerOf(params.wxCloudApiToken)));
        return { response_data: invocationResponse(name, result) };
      } catch (err) {
        if (err instanceof FunctionFailure) throw toCloudError(err);
        throw err;
      }
    },
  };
}
