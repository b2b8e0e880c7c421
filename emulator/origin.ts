/**
 * Who may talk to the local cloud over HTTP. It binds to loopback, yet a web page open in the developer's
 * browser can still reach loopback, in two ways this module closes:
 * - DNS rebinding: the page's own host name is made to resolve to 127.0.0.1, so the browser treats the local
 *   cloud as same-origin; its requests still carry that name in `Host`. Only requests naming the loopback
 *   address and port served are answered.
 * - Cross-origin requests: the browser sends the page's `Origin`. Only loopback pages (a web console run
 *   locally) and the mini-program's own page origin are answered, with that origin echoed, never `*`; any
 *   other origin gets 403 without CORS headers, so its preflight fails and a simple request is not served.
 * WeChat DevTools' wx.request is not a browser fetch and needs no CORS; mini-program requests carry the fixed
 * `https://servicewechat.com/{appid}/{version}/page-frame.html` Referer
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html), so that origin is allowed
 * should DevTools ever send one.
 */
import type http from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const MINI_PROGRAM_ORIGIN = 'https://servicewechat.com';

/** The `Host` values (lower case) that name this server: each loopback name, and the bound host, with the port. */
export function servedHosts(boundHost: string, port: number): ReadonlySet<string> {
  const bound = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  return new Set([...LOOPBACK_NAMES, bound].map((name) => `${name.toLowerCase()}:${port}`));
}

export function hostServed(req: Pick<http.IncomingMessage, 'headers'>, hosts: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  // The served names are lower case, as clients send them: only another spelling is lower-cased to compare.
  return typeof host === 'string' && (hosts.has(host) || hosts.has(host.toLowerCase()));
}

/** Whether a page of `origin` may call the gateway: http(s) on a loopback name (any port), or the mini-program's. */
export function isAllowedOrigin(origin: string): boolean {
  if (origin === MINI_PROGRAM_ORIGIN) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_NAMES.includes(url.hostname) && url.origin === origin;
}

/** CORS headers for an answer to `req`: the allowed origin echoed (the server refused any other before). */
export function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return typeof origin === 'string' && isAllowedOrigin(origin) ? { 'access-control-allow-origin': origin, vary: 'origin' } : { vary: 'origin' };
}
