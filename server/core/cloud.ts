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
}

function text(value: unknown): string | null {
  // getWXContext turns all-digit values into numbers; identities are strings.
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function readIdentity(sdk: WxCloud): WxIdentity {
  const context = sdk.getWXContext();
  return { openid: text(context.OPENID), appid: text(context.APPID), unionid: text(context.UNIONID) };
}
