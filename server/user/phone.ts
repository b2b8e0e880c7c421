/**
 * The phone factor of binding (手机号验证). The app's `<button open-type="getPhoneNumber">` hands it a
 * dynamic token (`e.detail.code`); the function exchanges the token for the number WeChat verified with
 * `phonenumber.getPhoneNumber`, which cloud functions call through 云调用 (declared in
 * cloudfunctions/user/config.json). Each token works once and for 5 minutes; a bad one answers errcode
 * 40029. The answer is `phone_info: { phoneNumber, purePhoneNumber, countryCode, watermark }`, which
 * wx-server-sdk turns into `phoneInfo`.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html
 *
 * Chosen over the CloudID open-data route (`wx.cloud.CloudID`, replaced in the event by the platform):
 * the code route is the one WeChat's current phone-number component documents, and it keeps the function's
 * input plain, validated data.
 */
import type { WxCloud } from '../core';
import { readMobile } from '../roster';

/** WeChat's answer for a code that is unknown, used or expired. */
const INVALID_CODE = 40029;

export type VerifiedPhone = { ok: true; countryCode: string; purePhoneNumber: string } | { ok: false };

/** The number behind a phone-number token, or `{ ok: false }` when WeChat refuses the token itself. */
export async function verifiedPhone(cloud: WxCloud, code: string): Promise<VerifiedPhone> {
  let answer: { phoneInfo?: { purePhoneNumber?: unknown; countryCode?: unknown } };
  try {
    answer = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as typeof answer;
  } catch (err) {
    if ((err as { errCode?: unknown }).errCode === INVALID_CODE) return { ok: false };
    throw err;
  }
  const info = answer.phoneInfo;
  if (!info || typeof info.purePhoneNumber !== 'string' || info.purePhoneNumber === '') return { ok: false };
  return { ok: true, countryCode: String(info.countryCode ?? ''), purePhoneNumber: info.purePhoneNumber };
}

/**
 * Whether WeChat's verified number is the roster's 手机. The roster holds mainland mobiles only
 * (server/roster/fields.ts), so the country code must be 86; both sides are normalised the same way
 * (+86, spaces and dashes dropped).
 */
export function samePhone(rosterMobile: string | undefined, phone: VerifiedPhone): boolean {
  if (!phone.ok || !rosterMobile) return false;
  if (phone.countryCode.replace(/^\+/, '') !== '86') return false;
  const roster = readMobile(rosterMobile);
  const wechat = readMobile(phone.purePhoneNumber);
  return roster.ok && wechat.ok && roster.value !== null && roster.value === wechat.value;
}
