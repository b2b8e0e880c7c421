/**
 * One-time codes people type: invitation codes (邀请码) and bind codes (绑定码). Crypto-random, from an
 * alphabet without look-alikes (no 0/O, 1/I/L).
 */
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^10 ≈ 8·10^14 codes; guesses are throttled per WeChat user anyway. */
export const CODE_LENGTH = 10;

export function newInvitationCode(length = CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person types: case, spaces and dashes do not matter. */
export function normaliseCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}
