/**
 * The contract between the local cloud's HTTP front door and the services behind it (database, functions,
 * storage, WeChat open APIs). Every CloudBase server-protocol request is a POST whose JSON body carries an
 * `action` (for example `database.getDocument`); the server looks the action up in one registry.
 */

/** An error the SDK understands: answered as `{ code, message, requestId }` with HTTP 200. */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export interface RequestContext {
  /** The CloudBase environment id the SDK was initialised with (`envName` in the body). */
  envName: string;
  /** Unique per request; echoed to the SDK and used in logs. */
  requestId: string;
}

/** Handles one protocol action; resolves to the value put in the response's `data` field. */
export type ActionHandler = (params: Record<string, unknown>, ctx: RequestContext) => Promise<unknown>;

export type ActionTable = Record<string, ActionHandler>;

/** Common CloudBase error codes (the SDK maps known codes; unknown ones become -501001). */
export const ErrorCode = {
  invalidParam: 'INVALID_PARAM',
  invalidAction: 'INVALID_ACTION',
  permissionDenied: 'PERMISSION_DENIED',
  internal: 'SYS_ERR',
  transactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  functionNotFound: 'FUNCTION_NOT_FOUND',
  functionTimeout: 'FUNCTION_EXECUTE_TIMEOUT',
} as const;
