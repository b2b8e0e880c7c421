import { isApiError } from './transport';

/** The server's Chinese message for a refused call, or `fallback` for anything else (network, a bug). */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  return isApiError(error) ? error.message : fallback;
}
