/**
 * The phone-number side of WeChat, locally (手机号快速验证). On a phone, tapping
 * `<button open-type="getPhoneNumber">` gives the app a dynamic token for the number bound to that WeChat
 * user; the function exchanges it with `phonenumber.getPhoneNumber`, which answers
 * `{ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber, purePhoneNumber, countryCode, watermark: { timestamp, appid } } }`.
 * Each token works once and for 5 minutes; anything else answers errcode 40029 "invalid code"
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
 *
 * Locally the WeChat users' numbers are a table (openid → mainland number, persisted in
 * `<dataDir>/openapi/phones.json`; the demo fills it to match its roster). Tokens are minted at random
 * and kept in memory, like WeChat's short-lived ones: for the caller's own number through the gateway
 * (the app's button in local mode), or for any number through `POST /phonenumber/code` (tests, scripts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiAnswer, Args } from './apis';

export const PHONE_CODE_TTL_MS = 5 * 60_000;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

interface Minted {
  purePhoneNumber: string;
  expiresAt: number;
}

export type PhoneTable = Record<string, string>;

/** A table of openid → mainland number; throws on anything else. */
export function parsePhoneTable(raw: unknown): PhoneTable {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('phone table must be an object of openid → number');
  const table: PhoneTable = {};
  for (const [openid, phone] of Object.entries(raw as Record<string, unknown>)) {
    if (!OPENID.test(openid)) throw new Error(`invalid openid ${openid}`);
    if (typeof phone !== 'string' || !MAINLAND_MOBILE.test(phone)) throw new Error(`invalid mainland mobile for ${openid}`);
    table[openid] = phone;
  }
  return table;
}

export class PhoneNumbers {
  private readonly file: string;
  private readonly minted = new Map<string, Minted>();

  constructor(
    dir: string,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.file = path.join(dir, 'phones.json');
  }

  table(): PhoneTable {
    if (!fs.existsSync(this.file)) return {};
    try {
      return parsePhoneTable(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch (err) {
      console.warn(`[local-cloud] ignoring unreadable phone table: ${(err as Error).message}`);
      return {};
    }
  }

  /** Adds or replaces entries (an empty string removes one); answers the whole table. */
  update(raw: unknown): PhoneTable {
    const changes = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    if (!changes) throw new Error('phone table must be an object of openid → number');
    const removals = Object.keys(changes).filter((openid) => changes[openid] === '');
    const merged: Record<string, unknown> = { ...this.table(), ...changes };
    for (const openid of removals) delete merged[openid];
    const table = parsePhoneTable(merged);
    const temp = `${this.file}.${randomUUID()}`;
    fs.writeFileSync(temp, JSON.stringify(table, null, 2));
    fs.renameSync(temp, this.file);
    return table;
  }

  /** A fresh single-use token for `purePhoneNumber` (a mainland mobile), valid for 5 minutes. */
  mint(purePhoneNumber: string): string {
    if (!MAINLAND_MOBILE.test(purePhoneNumber)) throw new Error('phoneNumber must be an 11-digit mainland mobile');
    const now = this.clock();
    for (const [code, entry] of this.minted) if (entry.expiresAt <= now) this.minted.delete(code);
    const code = randomBytes(32).toString('hex');
    this.minted.set(code, { purePhoneNumber, expiresAt: now + PHONE_CODE_TTL_MS });
    return code;
  }

  /** The token the button would give this WeChat user, or null when the table has no number for them. */
  mintFor(openid: string): string | null {
    const phone = this.table()[openid];
    return phone ? this.mint(phone) : null;
  }

  /** phonenumber.getPhoneNumber: spends the token whatever happens next. */
  getPhoneNumber(args: Args, appid: string | undefined): ApiAnswer {
    const code = args.code;
    const entry = typeof code === 'string' ? this.minted.get(code) : undefined;
    if (typeof code === 'string') this.minted.delete(code);
    const now = this.clock();
    if (!entry || entry.expiresAt <= now) return { json: { errcode: 40029, errmsg: 'invalid code' } };
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: entry.purePhoneNumber,
          purePhoneNumber: entry.purePhoneNumber,
          countryCode: '86',
          watermark: { timestamp: Math.floor(now / 1000), appid: appid ?? 'wx-local-app' },
        },
      },
    };
  }
}
