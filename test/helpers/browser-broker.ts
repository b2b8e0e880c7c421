/**
 * One Chromium for a whole jest run instead of one per console test file (issue #15). jest.config.js's
 * globalSetup starts a small loopback HTTP endpoint in jest's own process, which outlives every test file and
 * worker; nothing is launched until a file asks. The first request launches Chromium as a Playwright browser
 * server (scripts/console-browser.ts); every request answers its WebSocket address, and each file connects
 * (https://playwright.dev/docs/api/class-browsertype#browser-type-connect) and works in a fresh context of its
 * own, as isolated from other files' as a browser of its own would be
 * (https://playwright.dev/docs/browser-contexts). globalTeardown closes the browser. What it saves:
 * BENCHMARKS.md, "npm test wall time".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserServer } from 'playwright-core';
import { launchConsoleBrowserServer } from '../../scripts/console-browser';

/** Where test files find the endpoint: set by globalSetup, inherited by jest's workers. */
export const BROWSER_BROKER_VARIABLE = 'WEIKE_BROWSER_BROKER';

interface Broker {
  endpoint: http.Server;
  browser?: Promise<BrowserServer>;
}

/** Kept on jest's global object between globalSetup and globalTeardown (https://jestjs.io/docs/configuration#globalsetup-string). */
const BROKER = Symbol.for('weike.browserBroker');
const slot = globalThis as { [BROKER]?: Broker };

/** The running browser, launched at the first call; a browser that went away is launched again. */
function browserOf(broker: Broker): Promise<BrowserServer> {
  if (!broker.browser) {
    const launched = launchConsoleBrowserServer();
    broker.browser = launched;
    launched.then(
      (server) => server.on('close', () => broker.browser === launched && (broker.browser = undefined)),
      () => broker.browser === launched && (broker.browser = undefined),
    );
  }
  return broker.browser;
}

export async function startBrowserBroker(): Promise<void> {
  const broker: Broker = {
    endpoint: http.createServer((_req, res) => {
      browserOf(broker).then(
        (server) => res.writeHead(200, { 'content-type': 'text/plain' }).end(server.wsEndpoint()),
        (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err instanceof Error ? err.message : String(err)),
      );
    }),
  };
  await new Promise<void>((resolve) => broker.endpoint.listen(0, '127.0.0.1', resolve));
  slot[BROKER] = broker;
  process.env[BROWSER_BROKER_VARIABLE] = `http://127.0.0.1:${(broker.endpoint.address() as AddressInfo).port}/`;
}

export async function stopBrowserBroker(): Promise<void> {
  const broker = slot[BROKER];
  if (!broker) return;
  slot[BROKER] = undefined;
  broker.endpoint.closeAllConnections();
  await new Promise((resolve) => broker.endpoint.close(resolve));
  const browser = await broker.browser?.catch(() => undefined);
  await browser?.close();
}

/** The shared browser's WebSocket address, or undefined outside a jest run that started the broker. */
export async function sharedBrowserEndpoint(): Promise<string | undefined> {
  const url = process.env[BROWSER_BROKER_VARIABLE];
  if (!url) return undefined;
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) throw new Error(body);
  return body;
}
