/**
 * The web console end to end in a real browser: Debian's Chromium (scripts/console-browser.ts) against the
 * local cloud serving the built console (web/dist) and the built function bundles, as `npm start` does.
 * The scan is confirmed through the mini-program's own call (the gateway with the WeChat identity header),
 * never through a door the console has. Needs `npm run build` first (npm test runs it).
 */
import { COLLECTIONS } from '../../server/core/collections';
import { grant, insertAll, seedMember, testDb } from '../helpers/db';
import { useConsole } from '../helpers/console';

jest.setTimeout(180_000);

/** The page's storage, inside page.evaluate (this project type-checks tests without the DOM library). */
declare const localStorage: { clear(): void };

const ADMIN = 'o-web-admin';
const TRAINER = 'o-web-trainer';
const LEARNER = 'o-web-learner';

const web = useConsole();

beforeAll(async () => {
  await insertAll('departments', [{ _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null }]);
  await seedMember(ADMIN, 'm:web-admin', { name: '王管理', roles: [grant('admin')] });
  await seedMember(TRAINER, 'm:web-trainer', { name: '李讲师', roles: [grant('trainer')] });
  await seedMember(LEARNER, 'm:web-learner', { name: '张学员' });
  await insertAll('mallOrders', [
    { _id: 'web-o1', status: 'pending', departmentId: 'dept:总部' },
    { _id: 'web-o2', status: 'pending', departmentId: 'dept:总部' },
  ]);
});

test("signs in by scanning, then shows the home counts in the member's scope", async () => {
  const page = await web.signInByScan(ADMIN);
  await page.getByTestId('member-name').filter({ hasText: '王管理' }).waitFor();
  const orders = page.locator('[data-testid="attention"] [data-key="orders"] .count');
  await orders.waitFor();
  expect(await orders.textContent()).toBe('2');
  expect(await page.locator('[data-testid="menu"]').textContent()).toContain('成员管理');
  await page.close();
});

test('an admin opens the members table, paged by the server', async () => {
  const page = await web.signInByScan(ADMIN, '/console/members');
  await page.waitForURL(/\/console\/members$/);
  const table = page.locator('[data-testid="members-table"]');
  await table.getByText('李讲师').waitFor();
  expect(await table.textContent()).toContain('张学员');
  await page.close();
});

test('a trainer sees no admin menus; a typed admin URL shows 无权限 while the server refuses the call', async () => {
  const page = await web.signInByScan(TRAINER);
  await page.getByTestId('member-name').filter({ hasText: '李讲师' }).waitFor();
  expect(await page.locator('[data-testid="menu"]').textContent()).not.toContain('成员管理');
  await page.goto(`${web.cloud.url}/console/members`);
  await page.locator('[data-testid="forbidden"]').getByText('无权限').waitFor();
  expect(await web.callFromPage(page, 'admin', { action: 'listMembers' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});

test('a member without a console role is told the console is not for them', async () => {
  await web.browser.context.clearCookies();
  const page = await web.browser.context.newPage();
  await page.goto(`${web.cloud.url}/console/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${web.cloud.url}/console/`);
  const loginId = (await page.locator('img[data-login-id]').getAttribute('data-login-id')) as string;
  expect(await web.asMiniProgram(LEARNER, 'webConsole', { action: 'confirmLogin', loginId })).toMatchObject({ ok: false, code: 'CONSOLE_NOT_FOR_YOU' });
  expect(await page.getByTestId('sign-in-state').textContent()).toBe('等待扫码确认…');
  await page.close();
});

test('a session ended from the phone lands on the sign-in page', async () => {
  const page = await web.signInByScan(TRAINER);
  await page.getByTestId('member-name').waitFor();
  const sessions = await web.asMiniProgram(TRAINER, 'webConsole', { action: 'sessions' });
  for (const session of sessions.data as { sessionId: string }[]) {
    expect(await web.asMiniProgram(TRAINER, 'webConsole', { action: 'endSession', sessionId: session.sessionId })).toMatchObject({ ok: true });
  }
  await page.reload();
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByText('登录已失效，请重新扫码登录').waitFor();
  await page.close();
});

test('a session idle for 8 hours lands on the sign-in page', async () => {
  const page = await web.signInByScan(ADMIN);
  await page.getByTestId('member-name').waitFor();
  const db = testDb();
  const { data } = (await db.collection(COLLECTIONS.consoleSessions).where({ memberId: 'm:web-admin', endedAt: null }).get()) as unknown as {
    data: { _id: string }[];
  };
  const nineHoursAgo = new Date(Date.now() - 9 * 3600_000);
  for (const session of data)
    await db
      .collection(COLLECTIONS.consoleSessions)
      .doc(session._id)
      .update({ data: { lastSeenAt: nineHoursAgo } });
  await page.reload();
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByText('登录已失效，请重新扫码登录').waitFor();
  await page.close();
});
