/**
 * What a page shows when a call fails: an ApiError already carries a Chinese message for users; anything
 * else is a bug in the app, logged for developers and shown as a generic message.
 */
import { isApiError, type ApiErrorCode } from '../services/transport';

export const GENERIC_ERROR = '加载失败，请稍后重试';

export interface Failure {
  /** null when the error did not come from a function or the transport. */
  code: ApiErrorCode | null;
  message: string;
}

export function failureOf(error: unknown, where: string, fallback = GENERIC_ERROR): Failure {
  if (isApiError(error)) return { code: error.code, message: error.message };
  console.warn(`[${where}] unexpected failure`, error);
  return { code: null, message: fallback };
}

/** The page's own wording for some codes, else the message that came with the failure. */
export function messageFor(failure: Failure, overrides: Partial<Record<ApiErrorCode, string>>): string {
  return (failure.code !== null ? overrides[failure.code] : undefined) ?? failure.message;
}

/** What a page shows after a failed load (components/list-status): NOT_MEMBER offers binding, anything else says why with a retry. */
export type FailedStatus = 'not-member' | 'error';

export function failedStatus(failure: Failure): FailedStatus {
  return failure.code === 'NOT_MEMBER' ? 'not-member' : 'error';
}

/** `overrides`: the page's own words for some codes (a missing gift said as one), else the server's message. */
export function failedLoad(error: unknown, where: string, overrides: Partial<Record<ApiErrorCode, string>> = {}): { status: FailedStatus; message: string } {
  const failure = failureOf(error, where);
  return { status: failedStatus(failure), message: messageFor(failure, overrides) };
}
