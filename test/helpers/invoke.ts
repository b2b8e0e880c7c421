/**
 * Invokes a cloud function's real `main` the way CloudBase does: the caller's WeChat identity is put in
 * process.env for the duration of the call (getWXContext reads only process.env), one call at a time, and
 * the answer goes through JSON like wx.cloud.callFunction's `result`.
 */
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';
import type { CloudFunction, Main } from '../../server/core';

export interface WxIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** A browser signed in to CloudBase (the web console): its uid, and its custom user id after a custom login. */
  browser?: { uid: string; customUserId?: string; ip?: string };
}

export const TEST_APPID = 'wx-test-appid';

const CONTEXT_VARS = { openid: 'WX_OPENID', appid: 'WX_APPID', unionid: 'WX_UNIONID' } as const;
/** What the node SDK's getUserInfo / getClientIP read for a web caller (server/core/cloud.ts). */
const BROWSER_VARS = { uid: 'TCB_UUID', customUserId: 'TCB_CUSTOM_USER_ID', ip: 'TCB_SOURCE_IP' } as const;
const CONTEXT_KEYS = [...Object.values(CONTEXT_VARS), ...Object.values(BROWSER_VARS), 'WX_CONTEXT_KEYS'];

let queue: Promise<unknown> = Promise.resolve();

/** Runs `main(event, context)` as `identity` (anonymous when no openid is given). */
export function invoke<T = unknown>(main: Main, event: unknown, identity: WxIdentity = {}, context: unknown = {}): Promise<Envelope<T>> {
  const run = async (): Promise<Envelope<T>> => {
    const saved = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, process.env[key]]));
    try {
      process.env.WX_CONTEXT_KEYS = Object.values(CONTEXT_VARS).join(',');
      for (const [field, variable] of Object.entries(CONTEXT_VARS)) {
        const value = identity[field as keyof typeof CONTEXT_VARS];
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
      }
      for (const [field, variable] of Object.entries(BROWSER_VARS)) {
        const value = identity.browser?.[field as keyof typeof BROWSER_VARS];
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
      }
      const result = await main(event, context);
      return JSON.parse(JSON.stringify(result)) as Envelope<T>;
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Function `fn` as registered in server/functions.ts (`<fn>Function` of `server/<fn>/actions`), loaded alone:
 * a test file that calls one or two functions does not load the other eighteen areas into its module
 * registry. test/server/authorization-matrix.test.ts holds it to be the registry's entry for every function.
 * Required lazily so the area (and the SDK) load after the test cloud has set the environment.
 */
export async function functionOf<F extends FunctionName>(fn: F): Promise<CloudFunction<F>> {
  const area = (await import(`../../server/${fn}/actions`)) as Record<string, CloudFunction<F> | undefined>;
  const found = area[`${fn}Function`];
  if (!found) throw new Error(`server/${fn}/actions exports no ${fn}Function`);
  return found;
}

/** Typed call of one action of a registered function, as a member would from the app. */
export async function callAction<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  identity: WxIdentity,
): Promise<Envelope<ActionOutput<F, A>>> {
  return invoke<ActionOutput<F, A>>((await functionOf(fn)).main, { ...(input as object), action }, identity);
}
