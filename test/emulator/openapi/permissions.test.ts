/**
 * Open-API permissions (云调用权限) through the real wx-server-sdk: a function may call only what its
 * config.json declares in `permissions.openapi`; anything else fails with -604101, which the SDK reports as
 * `system error: error code: -604101` (https://developers.weixin.qq.com/doc/oplatform/developers/dev/cloudCall.html,
 * https://docs.cloudbase.net/en/faq/knowledge/cloud-call-604101-permission-error).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS_DIR, ROOT } from '../../../scripts/build';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { seedMember } from '../../helpers/db';
import { courseDoc, seedCourses } from '../../helpers/courses';
import { decodeFields } from '../../../emulator/openapi/wire';

jest.setTimeout(30_000);

const fixtures = path.join(__dirname, '..', 'fixtures', 'functions');
fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
// Inside the repository so the bundles resolve wx-server-sdk from its node_modules.
const functionsDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'openapi-permissions-'));
let cloud: TestCloud;

type Answer = { ok: boolean; errCode?: number; errMsg?: string };

function deploy(name: string, from: string, config?: object): void {
  fs.mkdirSync(path.join(functionsDir, name));
  fs.copyFileSync(path.join(from, 'index.js'), path.join(functionsDir, name, 'index.js'));
  const json = config ? JSON.stringify(config) : fs.readFileSync(path.join(from, 'config.json'), 'utf8');
  fs.writeFileSync(path.join(functionsDir, name, 'config.json'), json);
}

beforeAll(async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  deploy('openapiCaller', path.join(fixtures, 'openapiCaller'));
  deploy('openapiNone', path.join(fixtures, 'openapiCaller'), { timeout: 10 });
  // The built course function as deployed, and as it was deployed before it declared the text check.
  deploy('course', path.join(FUNCTIONS_DIR, 'course'));
  deploy('courseUndeclared', path.join(FUNCTIONS_DIR, 'course'), { timeout: 5, permissions: { openapi: [] } });
  cloud = await startTestCloud({ functionsDir });
  await seedMember('o-perm', 'm:perm');
  await seedCourses(courseDoc('course:perm'));
});

afterAll(async () => {
  await cloud?.dispose();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

async function callApi(fn: string, api: string, data: object): Promise<Answer> {
  return (await cloud.functions.invoke(fn, { api, data }, { OPENID: 'o-perm', APPID: 'wx-test' })).result as Answer;
}

const textCheck = { content: '今天学习了安全课程', version: 2, scene: 2, openid: 'o-perm' };
const message = { touser: 'o-perm', templateId: 'tpl_1', data: { thing1: { value: '提醒' } } };

describe('open-API permissions', () => {
  it('serves an API the calling function declares', async () => {
    await expect(callApi('openapiCaller', 'security.msgSecCheck', textCheck)).resolves.toEqual({ ok: true, errCode: 0 });
    await expect(callApi('openapiCaller', 'subscribeMessage.send', message)).resolves.toEqual({ ok: true, errCode: 0 });
  });

  it('refuses an undeclared API with CloudBase error -604101 and does nothing', async () => {
    const before = cloud.openapi.outbox().length;
    const warn = jest.spyOn(console, 'warn');
    const denied = await callApi('openapiNone', 'subscribeMessage.send', message);
    expect(denied).toEqual({ ok: false, errCode: -604101, errMsg: expect.stringContaining('system error: error code: -604101') });
    expect(cloud.openapi.outbox().length).toBe(before);
    // The local cloud's log names the function and the API to declare.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('function openapiNone may not call subscribeMessage.send'));
    await expect(callApi('openapiNone', 'security.msgSecCheck', textCheck)).resolves.toMatchObject({ ok: false, errCode: -604101 });
    // Declaring one API grants only that one, whatever the local cloud can serve.
    await expect(callApi('openapiCaller', 'wxacode.getUnlimited', { scene: 'x' })).resolves.toMatchObject({ ok: false, errCode: -604101 });
    await expect(callApi('openapiCaller', 'security.mediaCheckAsync', { mediaUrl: 'https://x', mediaType: 2 })).resolves.toMatchObject({
      ok: false,
      errCode: -604101,
    });
  });

  it('applies per function: the same API is served to one and refused to another at the same time', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => callApi(i % 2 ? 'openapiNone' : 'openapiCaller', 'security.msgSecCheck', textCheck)));
    expect(answers.map((answer) => answer.errCode)).toEqual([0, -604101, 0, -604101, 0, -604101, 0, -604101]);
  });

  it('refuses a forged or expired API token and serves a script outside any function', async () => {
    const form = (token: string | undefined) => {
      const body = new FormData();
      body.append('action', 'wx.openApi');
      body.append('apiName', 'security.msgSecCheck');
      if (token !== undefined) body.append('wxCloudApiToken', token);
      // CommApiData { 2 openapiData { 1 pair { 1 "content", 2 "\"hi\"" } } }
      const pair = Buffer.concat([Buffer.from([0x0a, 7]), Buffer.from('content'), Buffer.from([0x12, 4]), Buffer.from('"hi"')]);
      const data = Buffer.concat([Buffer.from([0x0a, pair.length]), pair]);
      body.append('requestData', new Blob([Buffer.concat([Buffer.from([0x12, data.length]), data])]));
      return body;
    };
    const forged = Buffer.from(await (await fetch(`${cloud.url}/admin`, { method: 'POST', body: form('not-a-running-invocation') })).arrayBuffer());
    // CommOpenApiResp field 3 (errorCode) carries -604101 as a 64-bit varint.
    expect(BigInt.asIntN(64, decodeFields(forged).get(3)?.[0] as bigint)).toBe(-604101n);
    const script = Buffer.from(await (await fetch(`${cloud.url}/admin`, { method: 'POST', body: form(undefined) })).arrayBuffer());
    expect(decodeFields(script).get(3)).toBeUndefined();
    expect(JSON.parse((decodeFields(script).get(1)![0] as Buffer).toString('utf8'))).toMatchObject({ errcode: 0 });
  });
});

describe('the built course function', () => {
  const rate = (fn: string) =>
    cloud.functions.invoke(fn, { action: 'rate', courseId: 'course:perm', rating: 5, comment: '讲得清楚' }, { OPENID: 'o-perm', APPID: 'wx-test' });

  it('rates with a comment under its declared permissions', async () => {
    const { result } = await rate('course');
    expect(result).toMatchObject({ ok: true, data: { ratingCount: 1 } });
  });

  it('would fail on CloudBase without security.msgSecCheck in config.json, writing nothing', async () => {
    const { result } = await rate('courseUndeclared');
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await cloud.database.getDocument('courses', 'course:perm')).toMatchObject({ stats: { ratingCount: 1 } });
  });
});
