/**
 * security.mediaCheckAsync through the real wx-server-sdk `cloud.openapi.*`: WeChat's argument checks and
 * errcodes, the trace id answer, and the asynchronous `wxa_media_check` push delivered to the function whose
 * config.json declares it (`messagePush`), with WeChat's event shape; the block list decides risky.
 * Docs: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html and
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/openapi.html (cited in emulator/openapi/media-check.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { makeTempDir, startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { readMessagePushes } from '../../../emulator/openapi';

jest.setTimeout(30_000);

type Call = (data: object) => Promise<Record<string, unknown>>;
interface Sdk {
  init(o: object): void;
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(o: { fileList: string[] }): Promise<{ fileList: { tempFileURL: string }[] }>;
  openapi: { security: { mediaCheckAsync: Call } };
}

async function rejection(promise: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { errCode: number; errMsg: string };
  }
  throw new Error('expected the call to fail');
}

/** A functions folder with one function, `receiver`, that appends each event and its WeChat context to a file. */
function receiverFolder(sink: string): string {
  const dir = makeTempDir('weike-push-');
  fs.mkdirSync(path.join(dir, 'receiver'));
  fs.writeFileSync(
    path.join(dir, 'receiver', 'config.json'),
    JSON.stringify({ timeout: 5, messagePush: [{ msgType: 'event', event: 'wxa_media_check' }], envVariables: { SINK_FILE: sink } }),
  );
  fs.writeFileSync(
    path.join(dir, 'receiver', 'index.js'),
    `exports.main = async (event) => {
      const context = { OPENID: process.env.WX_OPENID, SOURCE: process.env.TCB_SOURCE };
      require('fs').appendFileSync(process.env.SINK_FILE, JSON.stringify({ event, context }) + '\\n');
      return 'success';
    };`,
  );
  return dir;
}

describe('security.mediaCheckAsync', () => {
  let cloud: TestCloud;
  let sdk: Sdk;
  let functionsDir: string;
  let sink: string;
  const received = () =>
    fs.existsSync(sink)
      ? fs
          .readFileSync(sink, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { event: Record<string, any>; context: Record<string, unknown> })
      : [];

  beforeAll(async () => {
    sink = path.join(makeTempDir('weike-sink-'), 'events.jsonl');
    functionsDir = receiverFolder(sink);
    cloud = await startTestCloud({ functionsDir, mediaCheckDelayMs: null });
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    sdk = require('wx-server-sdk') as Sdk;
    sdk.init({ env: 'local' });
  });

  afterAll(async () => {
    await cloud.dispose();
    fs.rmSync(functionsDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(sink), { recursive: true, force: true });
  });

  async function upload(name: string, content: Buffer): Promise<string> {
    const { fileID } = await sdk.uploadFile({ cloudPath: `media-test/${name}`, fileContent: content });
    const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] });
    return fileList[0]!.tempFileURL;
  }

  const request = (mediaUrl: string, overrides: object = {}) => ({ mediaUrl, mediaType: 2, version: 2, scene: 3, openid: 'openid-uploader', ...overrides });

  it('refuses bad arguments with WeChat errcodes', async () => {
    const url = await upload('args.png', Buffer.from('png-ish'));
    expect((await rejection(sdk.openapi.security.mediaCheckAsync(request('not a url')))).errCode).toBe(47003);
    expect((await rejection(sdk.openapi.security.mediaCheckAsync(request(url, { mediaType: 3 })))).errCode).toBe(47003);
    expect((await rejection(sdk.openapi.security.mediaCheckAsync(request(url, { version: 1 })))).errCode).toBe(47003);
    expect((await rejection(sdk.openapi.security.mediaCheckAsync(request(url, { openid: '' })))).errCode).toBe(40003);
    expect((await rejection(sdk.openapi.security.mediaCheckAsync(request(url, { scene: 9 })))).errCode).toBe(47003);
    cloud.openapi.mediaChecks.release();
    await cloud.openapi.mediaChecks.idle();
    expect(received()).toEqual([]);
  });

  it('answers a trace id at once and pushes the verdict to the declared function later, risky by the block list', async () => {
    const clean = Buffer.from('a harmless picture');
    const bad = Buffer.from('a picture on the block list');
    cloud.openapi.setBlockList({ text: [], imageSha256: [createHash('sha256').update(bad).digest('hex')] });
    const accepted = await sdk.openapi.security.mediaCheckAsync(request(await upload('clean.png', clean)));
    const refused = await sdk.openapi.security.mediaCheckAsync(request(await upload('bad.png', bad), { openid: 'openid-other' }));
    // Cloud calls answer camelCase keys (the HTTPS API says trace_id).
    expect(accepted).toMatchObject({ errCode: 0, traceId: expect.any(String) });
    expect(refused.traceId).not.toBe(accepted.traceId);
    // Held: nothing arrives until released.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received()).toEqual([]);
    cloud.openapi.mediaChecks.release();
    await cloud.openapi.mediaChecks.idle();
    const events = received();
    expect(events).toHaveLength(2);
    const byTrace = new Map(events.map((entry) => [entry.event.trace_id, entry]));
    expect(byTrace.get(accepted.traceId as string)).toMatchObject({
      event: {
        MsgType: 'event',
        Event: 'wxa_media_check',
        version: 2,
        FromUserName: 'openid-uploader',
        result: { suggest: 'pass', label: 100 },
        detail: [expect.objectContaining({ strategy: 'content_model', suggest: 'pass' })],
      },
      // The push is WeChat's, not a mini-program call: the user it names, no wx_client source.
      context: { OPENID: 'openid-uploader' },
    });
    expect(byTrace.get(accepted.traceId as string)?.context.SOURCE).toBeUndefined();
    expect(byTrace.get(refused.traceId as string)?.event.result).toEqual({ suggest: 'risky', label: 20002 });
    cloud.openapi.setBlockList({ text: [], imageSha256: [] });
  });

  it('pushes nothing for a result WeChat never sends (dropped) or for media it cannot download', async () => {
    const before = received().length;
    await sdk.openapi.security.mediaCheckAsync(request(await upload('lost.png', Buffer.from('lost'))));
    expect(cloud.openapi.mediaChecks.drop()).toBe(1);
    await sdk.openapi.security.mediaCheckAsync(request(`${cloud.url}/storage/no-such-file.png`));
    cloud.openapi.mediaChecks.release();
    await cloud.openapi.mediaChecks.idle();
    expect(received()).toHaveLength(before);
  });

  it('reads one receiving function per <MsgType, Event> pair from config.json', () => {
    const dir = makeTempDir('weike-routes-');
    for (const name of ['first', 'second']) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify({ messagePush: [{ msgType: 'event', event: 'wxa_media_check' }] }));
    }
    const warnings: string[] = [];
    expect(readMessagePushes(dir, (message) => warnings.push(message))).toEqual([{ msgType: 'event', event: 'wxa_media_check', functionName: 'first' }]);
    expect(warnings).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is declared by the repository: mediaCheck receives wxa_media_check; every function taking uploads may call mediaCheckAsync', () => {
    const root = path.resolve(__dirname, '../../../cloudfunctions');
    expect(readMessagePushes(root)).toEqual([{ msgType: 'event', event: 'wxa_media_check', functionName: 'mediaCheck' }]);
    // The functions whose actions call server/core/media-check.ts submitMediaChecks (or its retry).
    for (const name of ['mediaCheck', 'campaign', 'points', 'authoring', 'contest']) {
      const config = JSON.parse(fs.readFileSync(path.join(root, name, 'config.json'), 'utf8')) as { permissions: { openapi: string[] } };
      expect({ name, apis: config.permissions.openapi }).toEqual({ name, apis: expect.arrayContaining(['security.mediaCheckAsync']) });
    }
  });
});
