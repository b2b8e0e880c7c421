/**
 * The one way a page sends a call that changes state (a save, a check-in, a vote, a redemption): one send
 * at a time per page (a second tap while it runs does nothing), and one request id per user intent. The id
 * is kept when the answer never came (the transport failed before the function answered: the write may have
 * happened), so the retry is answered with the first result instead of doing it twice; any answer, or a
 * change to what is being sent (`renewRequest`), starts a new intent.
 */
import type { ApiErrorCode } from '../services/transport';
import { failureOf, type Failure } from './failure';
import { newRequestId } from './request-id';
import { toast } from './ui';

/** Failures the transport reports before the function answers: the write may have happened. */
const UNSURE_CODES: ReadonlySet<string> = new Set(['NETWORK_ERROR', 'CALL_FAILED', 'BAD_RESPONSE']);

export function isUnsure(failure: Failure): boolean {
  return failure.code !== null && UNSURE_CODES.has(failure.code);
}

/** The page data submit-once keeps: the busy flag (buttons show loading) and the pending request id. */
export interface SubmitState {
  submitting: boolean;
  pendingRequestId: string;
}

export interface SubmitHost {
  readonly data: SubmitState;
  setData(patch: Partial<SubmitState>): void;
}

export type SubmitOutcome<T> =
  | { ok: true; value: T }
  /** `unsure`: the answer never came; the same request id goes with the next try. */
  | { ok: false; failure: Failure; unsure: boolean };

export interface SubmitOptions {
  /** Where failures are logged from. */
  where: string;
  /** Shown for a failure that is not the server's (a bug), instead of the generic load message. */
  fallback?: string;
  /**
   * For a send whose every failure but a known refusal may have written (a check-in that pays points: an
   * internal error can follow the write): true for the failures that are final. Any other failure keeps the
   * request id, as an unsure one does. Without it, only the transport's failures keep it.
   */
  isFinal?(failure: Failure): boolean;
}

/**
 * `isFinal` for a creation (a contest, a sign-up): no failure is final, so the request id stays until the
 * server accepts, refusals included, and tapping again can never create twice; `renewRequest` (what is sent
 * changed) still starts a new intent.
 */
export const untilAccepted = (): boolean => false;

/**
 * `isFinal` for a send the server answers with its first result when the same request id comes again (a
 * redemption, a points adjustment): only these codes settle the intent; any other failure (a server error that
 * may have come after the write) keeps the request id too, like a lost answer.
 */
export function onlyRefusals(codes: readonly ApiErrorCode[]): (failure: Failure) => boolean {
  return (failure) => failure.code !== null && codes.includes(failure.code);
}

export function initialSubmitState(): SubmitState {
  return { submitting: false, pendingRequestId: '' };
}

/**
 * Sends `send(requestId)` unless a send is running (then resolves null). The failure carries the server's
 * Chinese message for the page to show.
 */
export async function submitOnce<T>(host: SubmitHost, send: (requestId: string) => Promise<T>, options: SubmitOptions): Promise<SubmitOutcome<T> | null> {
  if (host.data.submitting) return null;
  const requestId = host.data.pendingRequestId || newRequestId();
  host.setData({ submitting: true, pendingRequestId: requestId });
  try {
    const value = await send(requestId);
    host.setData({ submitting: false, pendingRequestId: '' });
    return { ok: true, value };
  } catch (error) {
    const failure = failureOf(error, options.where, options.fallback ?? '提交失败，请稍后重试');
    const unsure = options.isFinal ? !options.isFinal(failure) : isUnsure(failure);
    host.setData({ submitting: false, pendingRequestId: unsure ? requestId : '' });
    return { ok: false, failure, unsure };
  }
}

/** A page with the busy flag and its own data, as setData takes it. */
export interface SubmitPage {
  readonly data: { submitting: boolean };
  setData(patch: Record<string, unknown>): void;
}

/**
 * A host whose pending request id lives at `path` in the page's data (`commentRequestId`,
 * `reminder.pendingRequestId`) while the busy flag stays the page's: for a page with two kinds of send that
 * take request ids, so one's unanswered send never lends its id to the other.
 */
export function pendingIdAt(page: SubmitPage, path: string): SubmitHost {
  const read = (): string => {
    let value: unknown = page.data;
    for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return {
    get data() {
      return { submitting: page.data.submitting, pendingRequestId: read() };
    },
    setData(patch) {
      page.setData({
        ...(patch.submitting === undefined ? {} : { submitting: patch.submitting }),
        ...(patch.pendingRequestId === undefined ? {} : { [path]: patch.pendingRequestId }),
      });
    },
  };
}

/** What is being sent changed: the next send is a new intent with a new request id. */
export function renewRequest(host: SubmitHost): void {
  if (host.data.pendingRequestId) host.setData({ pendingRequestId: '' });
}

export interface ToastedSubmit<T> extends SubmitOptions {
  /**
   * Said after the server accepted (已保存…), or worded from the answer (已通过, or 转为候补 when it is full);
   * without it the answer shown is enough (a like's new count).
   */
  success?: string | ((value: T) => string);
  /** Shows the server's answer (the saved settings) before the toast. */
  done(value: T): void;
}

/** submitOnce for a change whose outcome is told in a toast: the answer shown and `success` said, or the server's message. */
export async function submitWithToast<T>(host: SubmitHost, send: (requestId: string) => Promise<T>, options: ToastedSubmit<T>): Promise<void> {
  const outcome = await submitOnce(host, send, options);
  if (!outcome) return;
  if (!outcome.ok) {
    toast(outcome.failure.message);
    return;
  }
  options.done(outcome.value);
  const { success } = options;
  if (success !== undefined) toast(typeof success === 'string' ? success : success(outcome.value));
}
