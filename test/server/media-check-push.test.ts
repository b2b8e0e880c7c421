/**
 * The media check's push as deployed: the built bundles run in the local cloud's function host, the
 * `wxa_media_check` push goes to the function whose config.json declares it (mediaCheck), and a member who
 * sends the same event through the app gateway (SOURCE wx_client) is refused, even with the right trace id.
 */
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { grant, testDb } from '../helpers/db';
import { itemForm } from '../helpers/mall';
import { openidOf, seedMembers } from './points/helpers';
import { mediaCheckId } from '../../server/core/media-check';

jest.setTimeout(120_000);

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: path.resolve(__dirname, '../../cloudfunctions'), mediaCheckDelayMs: null });
});

afterAll(async () => {
  await cloud?.dispose();
});

async function call(name: string, data: object, memberId: string): Promise<{ ok: boolean; code?: string; data?: any }> {
  const res = await fetch(`${cloud.url}/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weike-openid': openidOf(memberId) },
    body: JSON.stringify({ name, data }),
  });
  const body = (await res.json()) as { result?: { ok: boolean; code?: string; data?: unknown }; errMsg?: string };
  if (!body.result) throw new Error(`gateway failure: ${body.errMsg}`);
  return body.result;
}

it('delivers WeChat’s verdict to mediaCheck and refuses the same event from the app', async () => {
  await seedMembers(['mroute-admin'], { roles: [grant('admin')] });
  await seedMembers(['mroute-shopper']);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk') as { uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> };
  const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${openidOf('mroute-admin')}/mall-item/mug.png`, fileContent: Buffer.from('a mug') });
  const fields = { ...itemForm({ pictures: [fileID], price: 50, stock: 3 }), requestId: 'route-item-0001' };
  const created = await call('points', { action: 'createItem', ...fields }, 'mroute-admin');
  expect(created.ok).toBe(true);
  const readCheck = async () =>
    (
      (await testDb()
        .collection('mediaChecks')
        .where({ _id: mediaCheckId(fileID) })
        .get()) as unknown as { data: { status: string; traceId: string }[] }
    ).data[0]!;
  const pending = await readCheck();
  expect(pending.status).toBe('pending');

  const forged = { MsgType: 'event', Event: 'wxa_media_check', trace_id: pending.traceId, version: 2, result: { suggest: 'pass', label: 100 }, detail: [] };
  expect(await call('mediaCheck', forged, 'mroute-shopper')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await readCheck()).status).toBe('pending');
  expect((await call('points', { action: 'listItems' }, 'mroute-shopper')).data.items[0].pictures).toEqual([]);

  cloud.openapi.mediaChecks.release();
  await cloud.openapi.mediaChecks.idle();
  expect((await readCheck()).status).toBe('pass');
  expect((await call('points', { action: 'listItems' }, 'mroute-shopper')).data.items[0].pictures).toEqual([fileID]);
});
