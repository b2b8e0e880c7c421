/**
 * The one response envelope every cloud function answers with (wx.cloud.callFunction's `result`).
 * Error codes are stable strings; `message` is Chinese, for the app to show as it is.
 *
 * The request id is the invocation's id, one value end to end, spelt `requestId` in our code (the envelope,
 * the functions host, the transport's ApiError). Two platform shapes spell it their own way and are kept
 * only where they are read or produced: the function's context has `request_id` (read by
 * server/core/function.ts) and wx.cloud.callFunction's answer has `requestID`
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/functions/callFunction.html;
 * produced by emulator/gateway, read by miniprogram/services/transport.ts). An action input named
 * `requestId` is something else: the app's idempotency key (typings/schema.ts `clientId`).
 */
import type { ErrorCode } from './errors';

export interface Success<T> {
  ok: true;
  data: T;
  requestId: string;
}

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  requestId: string;
}

export type Envelope<T> = Success<T> | Failure;
