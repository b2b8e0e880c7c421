/** Real concurrent action calls, as on several CloudBase instances at once. */
import { AppError, resolveCaller } from '../../server/core';
import type { Action } from '../../server/core';
import { getCloud } from '../../server/core/cloud';
import { parseInput } from '../../server/core/validate';

/**
 * Runs an action's guard, validation and handler directly, so that calls really overlap: `invoke` runs one
 * call at a time because the WeChat context lives in process.env (as in one CloudBase instance).
 * The answer is the envelope's code, or OK.
 */
export function runConcurrently(action: Action<unknown, unknown>, input: unknown, openid: string): Promise<string> {
  return codeOfCall(callConcurrently(action, input, openid));
}

/** The same, answering the action's output (rejecting with its AppError). */
export async function callConcurrently<T = unknown>(action: Action<unknown, unknown>, input: unknown, openid: string): Promise<T> {
  const cloud = getCloud();
  const db = cloud.database();
  const caller = await resolveCaller(db, { openid, appid: null, unionid: null }, action.roles);
  return (await action.handler({ input: parseInput(action.input, input), caller, db, cloud, requestId: 'test', now: () => new Date() })) as T;
}

/** The code a domain call refuses with (its AppError), or OK; any other error fails the test. */
export async function codeOfCall(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** One of a function's actions, as `runConcurrently` takes it. */
export const actionOf = <A extends object>(fn: { actions: A }, name: keyof A): Action<unknown, unknown> =>
  fn.actions[name] as unknown as Action<unknown, unknown>;
