/**
 * Private exports (server/core/workbook.ts, server/storageCleanup). Findings: exported spreadsheets lived at
 * guessable `exports/...` paths, the gateway handed anyone a temporary URL for them, and nothing ever
 * deleted them. Now: `private/exports/<member>/<128-bit random>.xlsx`, a short-lived link only in the
 * exporting member's own answer, no client may read them (storage rules), and the timer deletes them a day later.
 */
import { storageCleanupFunction } from '../../server/storageCleanup/actions';
import { EXPORT_URL_SECONDS } from '../../server/core/workbook';
import { callAction, invoke } from '../helpers/invoke';
import { useTestCloud } from '../helpers/local-cloud';
import { grant, seedMember, testDb } from '../helpers/db';
import { dataOf } from '../helpers/envelope';
import { freezeClock, setClock } from '../helpers/clock';

const cloud = useTestCloud();
const ADMIN = { openid: 'o-exp-admin' };
const OTHER_ADMIN = { openid: 'o-exp-admin2' };
const MEMBER = { openid: 'o-exp-member' };
const T0 = new Date('2026-12-01T02:00:00Z');
const HOUR = 3600_000;

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:exp-admin', { roles: [grant('admin')] });
  await seedMember(OTHER_ADMIN.openid, 'm:exp-admin2', { roles: [grant('admin')] });
  await seedMember(MEMBER.openid, 'm:exp-member');
});

afterAll(async () => {
  jest.useRealTimers();
});

const exportOrders = async (who: { openid: string }) => dataOf(await callAction('points', 'exportOrders', { status: 'pending' }, who));

async function gatewayTempUrl(fileID: string, openid?: string): Promise<{ status: number; tempFileURL: string }> {
  const res = await fetch(`${cloud.url}/gateway/getTempFileURL`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-weike-openid': openid } : {}) },
    body: JSON.stringify({ fileList: [fileID] }),
  });
  return ((await res.json()) as { fileList: { status: number; tempFileURL: string }[] }).fileList[0] as { status: number; tempFileURL: string };
}

async function exportRecords(): Promise<{ _id: string; ownerId: string; fileID: string }[]> {
  const { data } = (await testDb().collection('exportFiles').orderBy('createdAt', 'asc').get()) as unknown as {
    data: { _id: string; ownerId: string; fileID: string }[];
  };
  return data;
}

it('an export is private: unguessable path, a short link for the exporter, no URL for anyone through the gateway', async () => {
  freezeClock(T0);
  const mine = await exportOrders(ADMIN);
  expect(mine.fileID).toMatch(/\/private\/exports\/m_exp-admin\/[0-9a-f]{32}\.xlsx$/);
  const expiresAt = Number(new URL(mine.url).searchParams.get('t'));
  expect(expiresAt * 1000 - T0.getTime()).toBeLessThanOrEqual(EXPORT_URL_SECONDS * 1000);
  expect((await fetch(mine.url)).status).toBe(200);
  // Another member, another admin, the exporter's own app and an anonymous caller: none gets a URL from the file id.
  for (const openid of [MEMBER.openid, OTHER_ADMIN.openid, ADMIN.openid, undefined]) {
    expect(await gatewayTempUrl(mine.fileID, openid)).toMatchObject({ status: -503002, tempFileURL: '' });
  }
  const theirs = await exportOrders(OTHER_ADMIN);
  expect(theirs.fileID).toMatch(/\/private\/exports\/m_exp-admin2\/[0-9a-f]{32}\.xlsx$/);
  expect(await exportRecords()).toEqual([
    expect.objectContaining({ ownerId: 'm:exp-admin', fileID: mine.fileID }),
    expect.objectContaining({ ownerId: 'm:exp-admin2', fileID: theirs.fileID }),
  ]);
  // The link is short-lived.
  setClock(new Date(T0.getTime() + (EXPORT_URL_SECONDS + 1) * 1000));
  expect((await fetch(mine.url)).status).toBe(403);
});

it('the timer deletes exports older than a day and keeps younger ones; running again changes nothing', async () => {
  const [first, second] = (await exportRecords()) as { fileID: string }[];
  setClock(new Date(T0.getTime() + 23 * HOUR));
  const young = await exportOrders(ADMIN);
  setClock(new Date(T0.getTime() + 24 * HOUR + 60_000));
  const timer = { Type: 'Timer', TriggerName: 'hourlyExportCleanup', Time: new Date().toISOString() };
  expect(await invoke(storageCleanupFunction.main, timer, {})).toMatchObject({ ok: true, data: { deleted: 2 } });
  expect(cloud.storage.readFile(first!.fileID)).toBeUndefined();
  expect(cloud.storage.readFile(second!.fileID)).toBeUndefined();
  expect(cloud.storage.readFile(young.fileID)).toBeDefined();
  expect((await exportRecords()).map((record) => record.fileID)).toEqual([young.fileID]);
  expect(await invoke(storageCleanupFunction.main, timer, {})).toMatchObject({ ok: true, data: { deleted: 0 } });
  // A member's call never reaches the timer path; an admin may run it by hand.
  expect(await invoke(storageCleanupFunction.main, timer, MEMBER)).toMatchObject({ ok: false });
  setClock(new Date(T0.getTime() + 48 * HOUR));
  expect(dataOf(await callAction('storageCleanup', 'run', {}, ADMIN))).toMatchObject({ deleted: 1 });
  expect(cloud.storage.readFile(young.fileID)).toBeUndefined();
});

it('a record whose file is already gone is cleared, not retried forever', async () => {
  setClock(new Date(T0.getTime() + 72 * HOUR));
  const lost = await exportOrders(ADMIN);
  cloud.storage.deleteFiles([lost.fileID]);
  setClock(new Date(T0.getTime() + 97 * HOUR));
  expect(dataOf(await callAction('storageCleanup', 'run', {}, ADMIN))).toMatchObject({ deleted: 1 });
  expect(await exportRecords()).toEqual([]);
});
