/**
 * services/transport.ts tempFileUrls in both modes, and the points pages showing resolved pictures.
 * wx.cloud.getTempFileURL answers `{ fileList: [{ fileID, tempFileURL, status, errMsg }] }`, at most 50 per call
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/getTempFileURL.html);
 * the local gateway answers the same shape at POST /gateway/getTempFileURL (emulator/gateway).
 */
import path from 'node:path';
import type { AppConfig } from '../../../miniprogram/config';
import { ok } from '../wx-stub';
import { MINIPROGRAM_ROOT, wxStub, openPage, page } from '../harness';
import { backend, itemDetail } from '../../helpers/pages/points';

type Transport = typeof import('../../../miniprogram/services/transport');

function freshTransport(config: Partial<AppConfig>): Transport {
  let transport: Transport | undefined;
  jest.isolateModules(() => {
    Object.assign((require(path.join(MINIPROGRAM_ROOT, 'config')) as { config: AppConfig }).config, config);
    transport = require(path.join(MINIPROGRAM_ROOT, 'services/transport')) as Transport;
  });
  return transport!;
}

const A = 'cloud://local-bucket/mall/a.png';
const B = 'cloud://local-bucket/mall/b.png';
const GONE = 'cloud://local-bucket/mall/gone.png';

test('local mode posts { fileList } to the gateway with the identity header and maps fileID → URL', async () => {
  const transport = freshTransport({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9999/' });
  wxStub().tempUrlHandler = (fileID) => (fileID === GONE ? null : `http://127.0.0.1:9999/storage/${path.basename(fileID)}`);

  await expect(transport.tempFileUrls([A, B, A, GONE, 'https://cdn.example.com/c.png', ''])).resolves.toEqual({
    [A]: 'http://127.0.0.1:9999/storage/a.png',
    [B]: 'http://127.0.0.1:9999/storage/b.png',
    'https://cdn.example.com/c.png': 'https://cdn.example.com/c.png',
  });
  expect(wxStub().requests).toEqual([
    {
      url: 'http://127.0.0.1:9999/gateway/getTempFileURL',
      method: 'POST',
      header: { 'content-type': 'application/json', 'x-weike-openid': 'demo-learner' },
      data: { fileList: [A, B, GONE] },
    },
  ]);
  expect(wxStub().calls).toEqual([]);
});

test('cloud mode asks wx.cloud.getTempFileURL, 50 fileIDs per call, and never the gateway', async () => {
  const transport = freshTransport({ mode: 'cloud', envId: 'prod-1' });
  const ids = Array.from({ length: 120 }, (_, n) => `cloud://prod-1.bucket/mall/${n}.png`);
  const urls = await transport.tempFileUrls(ids);
  expect(wxStub().tempUrlCalls.map((call) => [call.via, call.fileList.length])).toEqual([
    ['cloud', 50],
    ['cloud', 50],
    ['cloud', 20],
  ]);
  expect(Object.keys(urls)).toHaveLength(120);
  expect(urls[ids[119]!]).toBe('http://127.0.0.1:8787/storage/mall/119.png');
  expect(wxStub().requests).toEqual([]);
});

test('no cloud fileIDs: no call at all', async () => {
  const transport = freshTransport({ mode: 'cloud' });
  await expect(transport.tempFileUrls([])).resolves.toEqual({});
  expect(wxStub().tempUrlCalls).toEqual([]);
});

test('a gateway failure rejects with a transport ApiError', async () => {
  const transport = freshTransport({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9999/not-a-gateway' });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await expect(transport.tempFileUrls([A])).rejects.toMatchObject({ name: 'ApiError', code: 'CALL_FAILED' });
  } finally {
    warn.mockRestore();
  }
});

describe('points pages show resolved pictures', () => {
  test('the mall list shows each cover through its temporary URL', async () => {
    backend({ listItems: () => ok({ ...page([itemDetail({ pictures: [A, B] }), itemDetail({ id: 'item-2', pictures: [] })], 1, 2), myBalance: 0 }) });
    const { page: rendered } = await openPage('packagePoints/mall/index');
    // The rendered <image> keeps src as a property, not a DOM attribute: read what the template was given.
    expect((rendered.data as { items: { cover: string }[] }).items.map((item) => item.cover)).toEqual(['http://127.0.0.1:8787/storage/mall/a.png', '']);
    expect(rendered.querySelectorAll('.cover-empty')).toHaveLength(1);
    // Only covers are resolved for a list.
    expect(wxStub().tempUrlCalls.map((call) => call.fileList)).toEqual([[A]]);
  });

  test('the item page shows every picture that resolves', async () => {
    wxStub().tempUrlHandler = (fileID) => (fileID === GONE ? null : `https://tmp.example.com/${path.basename(fileID)}`);
    backend({ getItem: () => ok(itemDetail({ pictures: [A, GONE, B] })) });
    const { page: rendered } = await openPage('packagePoints/item/index', { id: 'item-mug' });
    expect(rendered.querySelectorAll('.picture')).toHaveLength(2);
    expect((rendered.data as { item: { pictures: string[] } }).item.pictures).toEqual(['https://tmp.example.com/a.png', 'https://tmp.example.com/b.png']);
  });
});
