/**
 * Why an invocation failed, and how each caller sees it: the server protocol (wx-server-sdk inside a
 * function or script) and the mini-program client (`wx.cloud.callFunction`, mirrored by the gateway).
 */
import { CloudError } from '../protocol';

export type FunctionFailureKind = 'notFound' | 'timeout' | 'execution';

export class FunctionFailure extends Error {
  constructor(
    readonly kind: FunctionFailureKind,
    message: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = 'FunctionFailure';
  }
}

/**
 * Server-protocol codes. CloudBase does not document what `functions.invokeFunction` answers in each
 * case; we chose codes from wx-server-sdk's TCB_ERR_CODE table: a missing function -> FUNCTIONS_REQUEST_FAIL
 * (-504001); a throw or a timeout -> FUNCTIONS_EXECUTE_FAIL (-504002), the message telling them apart.
 * (wx-server-sdk 4.0.2 itself surfaces any coded answer as errCode -1 with the message.)
 */
export function toCloudError(failure: FunctionFailure): CloudError {
  return new CloudError(failure.kind === 'notFound' ? 'FUNCTIONS_REQUEST_FAIL' : 'FUNCTIONS_EXECUTE_FAIL', failure.message);
}

/**
 * Client codes, as the real `wx.cloud.callFunction` reports them (observed in the field, e.g.
 * github.com/hzm0321/taro-cloud-print/issues/1 for -501000, Mint-green/UnlearnableWord/issues/10 for
 * -504003, LCM9902/Duck-Princess-Cultivation-Plan/issues/16 for -404011 wrapping service code -504002).
 */
export const CLIENT_ERROR_CODE: Record<FunctionFailureKind, number> = {
  notFound: -501000,
  timeout: -504003,
  execution: -404011,
};

export function clientErrorMessage(failure: FunctionFailure): string {
  switch (failure.kind) {
    case 'notFound':
      return failure.message;
    case 'timeout':
      return failure.message;
    case 'execution':
      return `cloud function execution error. requestID ${failure.requestId}, cloud function service error code -504002, error message ${failure.message}`;
  }
}
