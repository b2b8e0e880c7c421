/** Expected failures: answered with their stable code and a Chinese message, never logged as crashes. */
import { ERROR_MESSAGES, type ErrorCode } from '../../typings/errors';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
  }
}
