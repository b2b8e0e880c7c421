/**
 * Bind codes (绑定码): the second factor an admin hands a roster member whose roster entry has no phone (or
 * whose phone changed). One open code per member (`bindCodes/<memberId>`), valid for 72 hours, consumed by
 * the binding's own transaction. Only a salted SHA-256 of the code is stored, so reading the collection
 * does not give anyone a usable code; 12 characters of a 31-letter alphabet (about 59 bits) keep that
 * hash from being worth brute-forcing within the code's lifetime.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BindCodeDoc } from '../../typings/domain';
import { newInvitationCode, normaliseCode } from './invitation-code';

export const BIND_CODE_LENGTH = 12;
export const BIND_CODE_VALID_MS = 72 * 60 * 60_000;

/** A fresh code, grouped by four for reading aloud (dashes are ignored when typed back). */
export function newBindCode(): string {
  return newInvitationCode(BIND_CODE_LENGTH).replace(/(.{4})(?=.)/g, '$1-');
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** The stored hash: salt, member and the normalised code, so a hash is worth nothing for another member. */
export function hashBindCode(salt: string, memberId: string, code: string): string {
  return createHash('sha256')
    .update(`${salt}\n${memberId}\n${normaliseCode(code)}`)
    .digest('hex');
}

/** Whether `code` opens `stored` now: open, not expired, and the hash matches (compared in constant time). */
export function bindCodeMatches(stored: BindCodeDoc | null, memberId: string, code: string, at: Date): boolean {
  if (stored?.status !== 'open' || new Date(stored.expiresAt).getTime() <= at.getTime()) return false;
  const expected = Buffer.from(stored.codeHash, 'hex');
  const actual = Buffer.from(hashBindCode(stored.salt, memberId, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
