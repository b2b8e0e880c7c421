/**
 * The web console end to end in a real browser: Debian's Chromium (scripts/console-browser.ts) against the
 * local cloud serving the built console (web/dist) and the built function bundles, as `npm start` does.
 * The scan is confirmed through the mini-program's own call (the gateway with the WeChat identity header),
 * never through a door the console has. Needs `npm run build` first (npm test runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { FUNCTIONS_DIR } from '../../scripts/build';
import { CONSOLE_DIST } from '../../scripts/build-console';
import { launchConsoleBrowser, type ConsoleBrowser } from '../../scripts/console-browser';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { grant, insertAll, seedMember, testDb } from '../helpers/db';
import { COLLECTIONS } from '../../server/core/collections';

jest.setTimeout(180_000);

/** The page's storage, inside page.evaluate (this project type-checks tests without the DOM library). */
declare const localStorage: { getItem(key: string): string | null; clear(): void };

const ADMIN = 'o-web-admin';
const TRAINER = 'o-web-trainer';
const LEARNER = 'o-web-learner';

let cloud: TestCloud;
let browser: ConsoleBrowser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('the console is not built: run npm run build first');
  cloud = await startTestCloud({ functionsDir: FUNCTIONS_DIR, consoleDir: CONSOLE_DIST });
  await insertAll('departments', [{ _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null }]);
  await seedMember(ADMIN, 'm:web-admin', { name: '王管理', roles: [grant('admin')] });
  await seedMember(TRAINER, 'm:web-trainer', { name: '李讲师', roles: [grant('trainer')] });
  await seedMember(LEARNER, 'm:web-learner', { name: '张学员' });
  await insertAll('mallOrders', [
    { _id: 'web-o1', status: 'pending', departmentId: 'dept:总部' },
    { _id: 'web-o2', status: 'pending', departmentId: 'dept:总部' },
  ]);
  browser = await launchConsoleBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

/** What the mini-program sends: the gateway with the local WeChat identity header (emulator/gateway). */
async function asMiniProgram(openid: string, name: string, data: Record<string, unknown>): Promise<{ ok: boolean; code?: string; data?: any }> {
  const res = await fetch(`${cloud.url}/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weike-openid': openid },
    body: JSON.stringify({ name, data }),
  });
  return ((await res.json()) as { result: { ok: boolean; code?: string; data?: unknown } }).result;
}

/** Opens the console in a fresh page, scans and confirms as `openid`; resolves once the console left sign-in. */
async function signInByScan(openid: string, at = '/console/'): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${cloud.url}${at}`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${cloud.url}${at}`);
  const code = page.locator('img[data-login-id]');
  await code.waitFor();
  const loginId = (await code.getAttribute('data-login-id')) as string;
  const detail = await asMiniProgram(openid, 'webConsole', { action: 'loginDetail', loginId });
  expect(detail.data).toMatchObject({ status: 'pending', browser: expect.stringMatching(/^Chrome \d+ · Linux$/) });
  const confirmed = await asMiniProgram(openid, 'webConsole', { action: 'confirmLogin', loginId });
  expect(confirmed).toMatchObject({ ok: true });
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  return page;
}

/** A call from inside the page with the console's own access token: what the server answers that browser. */
function callFromPage(page: Page, name: string, data: Record<string, unknown>): Promise<{ ok: boolean; code?: string }> {
  return page.evaluate(
    async ({ name, data }) => {
      const res = await fetch('/gateway/callFunction', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${localStorage.getItem('weike.console.accessToken')}` },
        body: JSON.stringify({ name, data }),
      });
      return ((await res.json()) as { result: { ok: boolean; code?: string } }).result;
    },
    { name, data },
  );
}

test('signs in by scanning, then shows the home counts in the member\'s scope', async () => {
  const page = await signInByScan(ADMIN);
  await page.getByTestId('member-name').filter({ hasText: '王管理' }).waitFor();
  const orders = page.locator('[data-testid="attention"] [data-key="orders"] .count');
  await orders.waitFor();
  expect(await orders.textContent()).toBe('2');
  expect(await page.locator('[data-testid="menu"]').textContent()).toContain('成员管理');
  await page.close();
});

test('an admin opens the members table, paged by the server', async () => {
  const page = await signInByScan(ADMIN, '/console/members');
  await page.waitForURL(/\/console\/members$/);
  const table = page.locator('[data-testid="members-table"]');
  await table.getByText('李讲师').waitFor();
  expect(await table.textContent()).toContain('张学员');
  await page.close();
});

test('a trainer sees no admin menus; a typed admin URL shows 无权限 while the server refuses the call', async () => {
  const page = await signInByScan(TRAINER);
  await page.getByTestId('member-name').filter({ hasText: '李讲师' }).waitFor();
  expect(await page.locator('[data-testid="menu"]').textContent()).not.toContain('成员管理');
  await page.goto(`${cloud.url}/console/members`);
  await page.locator('[data-testid="forbidden"]').getByText('无权限').waitFor();
  expect(await callFromPage(page, 'admin', { action: 'listMembers' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});

test('a member without a console role is told the console is not for them', async () => {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${cloud.url}/console/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${cloud.url}/console/`);
  const loginId = (await page.locator('img[data-login-id]').getAttribute('data-login-id')) as string;
  expect(await asMiniProgram(LEARNER, 'webConsole', { action: 'confirmLogin', loginId })).toMatchObject({ ok: false, code: 'CONSOLE_NOT_FOR_YOU' });
  expect(await page.getByTestId('sign-in-state').textContent()).toBe('等待扫码确认…');
  await page.close();
});

test('a session ended from the phone lands on the sign-in page', async () => {
  const page = await signInByScan(TRAINER);
  await page.getByTestId('member-name').waitFor();
  const sessions = await asMiniProgram(TRAINER, 'webConsole', { action: 'sessions' });
  for (const session of sessions.data as { sessionId: string }[]) {
    expect(await asMiniProgram(TRAINER, 'webConsole', { action: 'endSession', sessionId: session.sessionId })).toMatchObject({ ok: true });
  }
  await page.reload();
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByText('登录已失效，请重新扫码登录').waitFor();
  await page.close();
});

test('a session idle for 8 hours lands on the sign-in page', async () => {
  const page = await signInByScan(ADMIN);
  await page.getByTestId('member-name').waitFor();
  const db = testDb();
  const { data } = (await db.collection(COLLECTIONS.consoleSessions).where({ memberId: 'm:web-admin', endedAt: null }).get()) as unknown as { data: { _id: string }[] };
  const nineHoursAgo = new Date(Date.now() - 9 * 3600_000);
  for (const session of data) await db.collection(COLLECTIONS.consoleSessions).doc(session._id).update({ data: { lastSeenAt: nineHoursAgo } });
  await page.reload();
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByText('登录已失效，请重新扫码登录').waitFor();
  await page.close();
});
