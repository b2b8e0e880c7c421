/**
 * phonenumber.getPhoneNumber in the local cloud, through the real wx-server-sdk (`cloud.openapi.*`), with
 * WeChat's documented shapes: `phone_info { phoneNumber, purePhoneNumber, countryCode, watermark }` (the SDK
 * hands it over as `phoneInfo`), each code single-use and valid 5 minutes, errcode 40029 otherwise
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
 * Codes come from the gateway (the app's phone-number button in local mode, for the caller's own number)
 * or from POST /phonenumber/code (tests and scripts).
 */
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { PHONE_CODE_TTL_MS } from '../../../emulator/openapi';
import { getCloud } from '../../../server/core/cloud';

let cloud: TestCloud;
/** The exchange as a cloud function makes it, through the real wx-server-sdk. */
let getPhoneNumber: (data: object) => Promise<Record<string, unknown>>;

beforeAll(async () => {
  cloud = await startTestCloud();
  const { openapi } = getCloud();
  getPhoneNumber = (data) => openapi.phonenumber.getPhoneNumber(data) as Promise<Record<string, unknown>>;
});

afterAll(async () => {
  jest.useRealTimers();
  await cloud.dispose();
});

const INVALID_CODE = { errCode: 40029 };

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${cloud.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('phonenumber.getPhoneNumber', () => {
  it('exchanges a minted code for the number, in WeChat shapes, once', async () => {
    const { status, body } = await post('/phonenumber/code', { phoneNumber: '13800138000' });
    expect(status).toBe(200);
    const code = body.code as string;
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    const answer = await getPhoneNumber({ code });
    expect(answer).toMatchObject({
      errCode: 0,
      phoneInfo: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { appid: expect.any(String), timestamp: expect.any(Number) },
      },
    });
    await expect(getPhoneNumber({ code })).rejects.toMatchObject(INVALID_CODE);
  });

  it('refuses unknown, missing and expired codes with 40029', async () => {
    await expect(getPhoneNumber({ code: 'made-up' })).rejects.toMatchObject(INVALID_CODE);
    await expect(getPhoneNumber({})).rejects.toMatchObject(INVALID_CODE);
    jest.useFakeTimers({
      now: new Date('2026-05-01T00:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
    });
    const code = cloud.openapi.phoneNumbers.mint('13800138001');
    jest.setSystemTime(new Date(Date.now() + PHONE_CODE_TTL_MS));
    await expect(getPhoneNumber({ code })).rejects.toMatchObject(INVALID_CODE);
    jest.useRealTimers();
  });

  it('mints only for mainland mobiles', async () => {
    expect((await post('/phonenumber/code', { phoneNumber: '12345' })).status).toBe(400);
    expect((await post('/phonenumber/code', {})).status).toBe(400);
  });
});

describe('the gateway stands in for the phone-number button', () => {
  it('gives the caller a code for the number bound to their WeChat user, and nothing without one', async () => {
    const res = await fetch(`${cloud.url}/phonenumber/users`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'demo-visitor': '13900139000' }),
    });
    expect(await res.json()).toMatchObject({ 'demo-visitor': '13900139000' });
    const minted = await post('/gateway/getPhoneNumber', {}, { 'x-weike-openid': 'demo-visitor' });
    expect(minted).toMatchObject({ status: 200, body: { errMsg: 'getPhoneNumber:ok' } });
    const answer = await getPhoneNumber({ code: minted.body.code });
    expect(answer).toMatchObject({ phoneInfo: { purePhoneNumber: '13900139000' } });
    expect((await post('/gateway/getPhoneNumber', {}, { 'x-weike-openid': 'no-phone-user' })).status).toBe(400);
    expect((await post('/gateway/getPhoneNumber', {})).status).toBe(403);
  });

  it('keeps the table valid: bad numbers are refused, an empty string removes an entry', async () => {
    const bad = await fetch(`${cloud.url}/phonenumber/users`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ someone: '555' }),
    });
    expect(bad.status).toBe(400);
    await fetch(`${cloud.url}/phonenumber/users`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'demo-visitor': '' }),
    });
    expect(await (await fetch(`${cloud.url}/phonenumber/users`)).json()).toEqual({});
  });
});
