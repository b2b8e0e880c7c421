/**
 * Serves the built web console (web/dist, `npm run build`) under /console/, as static website hosting would:
 * files by path, and index.html for any other path below /console/ (the console routes in the browser).
 *
 * Also the local-only one-click sign-in, `GET /console/dev-sign-in?openid=<demo openid>`: it runs the whole
 * scan flow for that WeChat identity (the browser's anonymous sign-in, the login request, the member's
 * confirmation through webConsole.confirmLogin, the ticket and the ticket sign-in), then hands the browser
 * its access token. It exists only in the local cloud, which binds to loopback (emulator/origin.ts); the
 * confirmation is the member's own action, so a member without a console role is refused as on the phone.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { FunctionHost } from './functions';
import type { WebAuth } from './gateway/web-auth';

export const CONSOLE_PATH = '/console/';

/** Content types of the files a built web app has (also the local static website hosting's, management/hosting.ts). */
export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface ConsoleDeps {
  /** The built console; absent when it was not built. */
  dir: string;
  functions: FunctionHost;
  webAuth: WebAuth;
}

function sendText(res: http.ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-cache'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': cache });
  res.end(body);
}

type Envelope = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

async function call(functions: FunctionHost, action: string, input: Record<string, unknown>, caller: Parameters<FunctionHost['invoke']>[2]): Promise<Envelope> {
  const { result } = await functions.invoke('webConsole', { ...input, action }, caller);
  return result as Envelope;
}

async function devSignIn(deps: ConsoleDeps, res: http.ServerResponse, url: URL): Promise<void> {
  const openid = url.searchParams.get('openid') ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid)) return sendText(res, 400, 'text/plain; charset=utf-8', 'openid required');
  const browser = deps.webAuth.signInAnonymously();
  const asBrowser = { SOURCE: 'web', CLIENTIP: '127.0.0.1', UUID: browser.uid };
  const request = await call(deps.functions, 'requestLogin', { browser: '一键登录（本地开发）' }, asBrowser);
  if (!request.ok) return sendText(res, 500, 'text/plain; charset=utf-8', request.message);
  const loginId = String(request.data.loginId);
  const confirmed = await call(deps.functions, 'confirmLogin', { loginId }, { SOURCE: 'wx_client', OPENID: openid, APPID: 'wx-local-app' });
  if (!confirmed.ok) return sendText(res, 403, 'text/plain; charset=utf-8', confirmed.message);
  const status = await call(deps.functions, 'loginStatus', { loginId }, asBrowser);
  if (!status.ok || typeof status.data.ticket !== 'string') return sendText(res, 500, 'text/plain; charset=utf-8', 'no ticket');
  const { accessToken } = deps.webAuth.signInWithTicket(status.data.ticket);
  // The console keeps its token in localStorage (web/src/services/transport.ts); this page puts it there.
  const page = `<!doctype html><meta charset="utf-8"><script>localStorage.setItem('weike.console.accessToken',${JSON.stringify(accessToken)});localStorage.setItem('weike.console.signedIn','1');location.replace(${JSON.stringify(CONSOLE_PATH)});</script>`;
  sendText(res, 200, 'text/html; charset=utf-8', page, 'no-store');
}

/** Serves /console/*; returns false when the path is not ours. */
export function handleConsole(deps: ConsoleDeps | undefined, req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
  if (url.pathname === '/console') {
    req.resume();
    res.writeHead(302, { location: CONSOLE_PATH });
    res.end();
    return true;
  }
  if (!url.pathname.startsWith(CONSOLE_PATH) || req.method !== 'GET') return false;
  req.resume();
  if (!deps || !fs.existsSync(path.join(deps.dir, 'index.html'))) {
    sendText(res, 404, 'text/plain; charset=utf-8', 'the console is not built: run npm run build');
    return true;
  }
  if (url.pathname === `${CONSOLE_PATH}dev-sign-in`) {
    devSignIn(deps, res, url).catch((err: unknown) => sendText(res, 500, 'text/plain; charset=utf-8', (err as Error).message));
    return true;
  }
  const relative = decodeURIComponent(url.pathname.slice(CONSOLE_PATH.length));
  const file = path.resolve(deps.dir, relative);
  const inside = file.startsWith(path.resolve(deps.dir) + path.sep);
  if (inside && relative !== '' && fs.existsSync(file) && fs.statSync(file).isFile()) {
    // Vite names built assets by content hash: they never change under one name.
    const immutable = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    sendText(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file), immutable);
    return true;
  }
  if (relative.startsWith('assets/')) {
    sendText(res, 404, 'text/plain; charset=utf-8', 'not found');
    return true;
  }
  sendText(res, 200, TYPES['.html'] as string, fs.readFileSync(path.join(deps.dir, 'index.html')));
  return true;
}
