/**
 * WeChat open APIs through the real wx-server-sdk `cloud.openapi.*` (protobuf over multipart), with
 * WeChat's documented errcodes: subscribeMessage.send (40003, 40037, 47003), wxacode.getUnlimited (a PNG
 * image), security.msgSecCheck v1/v2 and security.imgSecCheck (87014 risky content). Doc pages are cited
 * in emulator/openapi/apis.ts next to each check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { useTestCloud } from '../../helpers/local-cloud';
import { OpenApiService, wxacodePngRenderer, wxacodeText } from '../../../emulator/openapi';

// QR generation and PNG decoding are pure JS and slow on a busy 2-core machine.
jest.setTimeout(30_000);

type Call = (data: object) => Promise<Record<string, unknown>>;
interface Sdk {
  init(o: object): void;
  openapi: {
    subscribeMessage: { send: Call };
    wxacode: { getUnlimited: Call };
    security: { msgSecCheck: Call; imgSecCheck: Call };
    ocr: { printedText: Call };
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { errCode: number; errMsg: string };
  }
  throw new Error('expected the call to fail');
}

describe('WeChat open APIs', () => {
  const cloud = useTestCloud();
  let sdk: Sdk;

  beforeAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    sdk = require('wx-server-sdk') as Sdk;
    sdk.init({ env: 'local' });
  });

  describe('subscribeMessage.send', () => {
    const valid = {
      touser: 'openid-alice',
      templateId: 'tpl_checkin_reminder',
      page: 'pages/checkin/index',
      data: { thing1: { value: '今日打卡' }, time2: { value: '2024-05-01 08:00' } },
      miniprogramState: 'developer',
    };

    it('records a valid message into the outbox, in process and over HTTP, and persists it', async () => {
      const res = await sdk.openapi.subscribeMessage.send(valid);
      expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
      const [message] = cloud.openapi.outbox({ touser: 'openid-alice' });
      expect(message).toMatchObject({
        touser: 'openid-alice',
        templateId: 'tpl_checkin_reminder',
        page: 'pages/checkin/index',
        miniprogramState: 'developer',
        lang: 'zh_CN',
      });
      expect(message.data.thing1).toEqual({ value: '今日打卡' });

      const listed = (await (await fetch(`${cloud.url}/outbox?touser=openid-alice`)).json()) as { messages: unknown[] };
      expect(listed.messages).toEqual([message]);
      expect(new OpenApiService(cloud.dataDir).outbox({ touser: 'openid-alice' })).toEqual([message]);
    });

    it.each([
      [{ ...valid, touser: '' }, 40003],
      [{ ...valid, templateId: undefined }, 40037],
      [{ ...valid, data: {} }, 47003],
      [{ ...valid, data: { thing1: { value: '' } } }, 47003],
      [{ ...valid, miniprogramState: 'production' }, 47003],
    ])('rejects invalid fields with WeChat errcodes (%#)', async (data, errCode) => {
      const before = cloud.openapi.outbox().length;
      const err = await rejection(sdk.openapi.subscribeMessage.send(data));
      expect(err.errCode).toBe(errCode);
      expect(cloud.openapi.outbox().length).toBe(before);
    });
  });

  describe('wxacode.getUnlimited', () => {
    it('answers a PNG image whose QR code carries the page and the scene', async () => {
      const res = await sdk.openapi.wxacode.getUnlimited({ scene: 'c=42&u=7', page: 'pages/contest/detail', width: 280 });
      expect(res.contentType).toBe('image/png');
      const buffer = res.buffer as Buffer;
      expect(buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      const png = PNG.sync.read(buffer);
      expect([png.width, png.height]).toEqual([280, 280]);
      // The same image as a QR code generated for this page and scene, and not the one for another scene.
      const options = { type: 'png' as const, width: 280, margin: 2, rendererOpts: wxacodePngRenderer() };
      expect(buffer.equals(await QRCode.toBuffer(wxacodeText('pages/contest/detail', 'c=42&u=7'), options))).toBe(true);
      expect(buffer.equals(await QRCode.toBuffer(wxacodeText('pages/contest/detail', 'c=43&u=7'), options))).toBe(false);
    });

    it('honours width and rejects a missing or too long scene', async () => {
      const res = await sdk.openapi.wxacode.getUnlimited({ scene: 'x' });
      expect(PNG.sync.read(res.buffer as Buffer).width).toBe(430); // WeChat's default width
      expect((await rejection(sdk.openapi.wxacode.getUnlimited({ page: 'pages/index/index' }))).errCode).toBe(40169);
      expect((await rejection(sdk.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) }))).errCode).toBe(40169);
    });
  });

  describe('content security', () => {
    it('passes text until the block list names a word in it (v1: 87014; v2: suggest risky)', async () => {
      await expect(sdk.openapi.security.msgSecCheck({ content: '今天学习了安全课程' })).resolves.toMatchObject({ errCode: 0 });
      const v2 = { content: '今天学习了安全课程', version: 2, scene: 2, openid: 'openid-alice' };
      const passed = await sdk.openapi.security.msgSecCheck(v2);
      expect(passed).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
      expect(typeof passed.traceId).toBe('string');

      const put = await fetch(`${cloud.url}/blocklist`, { method: 'PUT', body: JSON.stringify({ text: ['安全课'] }) });
      expect(put.status).toBe(200);
      const err = await rejection(sdk.openapi.security.msgSecCheck({ content: '今天学习了安全课程' }));
      expect(err.errCode).toBe(87014);
      const risky = await sdk.openapi.security.msgSecCheck(v2);
      expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 21000 } });
      expect((risky.detail as { keyword?: string }[])[0].keyword).toBe('安全课');
      await expect(sdk.openapi.security.msgSecCheck({ content: '别的内容' })).resolves.toMatchObject({ errCode: 0 });
      expect(JSON.parse(fs.readFileSync(path.join(cloud.dataDir, 'openapi', 'blocklist.json'), 'utf8')).text).toEqual(['安全课']);
    });

    it('checks images against the block list by SHA-256', async () => {
      const image = await QRCode.toBuffer('an image to check', { type: 'png' });
      const media = { contentType: 'image/png', value: image };
      await expect(sdk.openapi.security.imgSecCheck({ media })).resolves.toMatchObject({ errCode: 0 });
      cloud.openapi.setBlockList({ text: [], imageSha256: [createHash('sha256').update(image).digest('hex')] });
      expect((await rejection(sdk.openapi.security.imgSecCheck({ media }))).errCode).toBe(87014);
    });

    it('refuses a malformed block list', async () => {
      const res = await fetch(`${cloud.url}/blocklist`, { method: 'PUT', body: JSON.stringify({ text: 'not a list' }) });
      expect(res.status).toBe(400);
      expect(() => cloud.openapi.setBlockList({ text: [1] })).toThrow();
    });
  });

  it('answers an API the local cloud does not provide with a permission error', async () => {
    const err = await rejection(sdk.openapi.ocr.printedText({ imgUrl: 'x' }));
    expect(err.errCode).toBe(-601004);
  });
});
