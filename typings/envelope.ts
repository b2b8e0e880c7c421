/**
 * The one response envelope every cloud function answers with (wx.cloud.callFunction's `result`).
 * Error codes are stable strings; `message` is Chinese, for the app to show as it is.
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
