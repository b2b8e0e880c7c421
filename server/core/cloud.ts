/**
 * The one wx-server-sdk instance of a function process. It is initialised on first use, not at import, so
 * that the environment (set by CloudBase, or by the local cloud) is read when the first invocation runs.
 */
import * as cloud from 'wx-server-sdk';

export type WxCloud = typeof cloud;
export type Database = ReturnType<WxCloud['database']>;

let initialised = false;

export function getCloud(): WxCloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV: the environment the function runs in (documented CloudBase pattern).
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

/** The caller's WeChat identity for this invocation; getWXContext reads it from process.env only. */
export interface WxIdentity {
  openid: string | null;
  appid: string | null;
  unionid: string | null;
  /** A browser's CloudBase sign-in (the web console); absent for mini-program callers. */
  browser?: BrowserIdentity | null;
}

/**
 * What CloudBase tells a function about a web caller, as `auth().getUserInfo()` reads it: `uid` for every
 * signed-in browser (anonymous too), `customUserId` after a custom login
 * (https://docs.cloudbase.net/api-reference/server/node-sdk/auth), and the address it called from.
 */
export interface BrowserIdentity {
  uid: string;
  customUserId: string | null;
  ip: string | null;
}

function text(value: unknown): string | null {
  // getWXContext turns all-digit values into numbers; identities are strings.
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The node SDK reads these per-invocation variables (TCB_CONTEXT_KEYS) for getUserInfo and getClientIP. */
function readBrowser(): BrowserIdentity | null {
  const uid = text(process.env.TCB_UUID);
  if (!uid) return null;
  return { uid, customUserId: text(process.env.TCB_CUSTOM_USER_ID), ip: text(process.env.TCB_SOURCE_IP) };
}

export function readIdentity(sdk: WxCloud): WxIdentity {
  const context = sdk.getWXContext();
  const openid = text(context.OPENID);
  return { openid, appid: text(context.APPID), unionid: text(context.UNIONID), browser: openid ? null : readBrowser() };
}
