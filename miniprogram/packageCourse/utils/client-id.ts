/**
 * Ids the app makes itself (study sessions, quiz attempts): 8–64 of [A-Za-z0-9_-], as typings/functions/course.ts
 * `clientId` requires. Unique enough per member: the time in base 36 plus random letters.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function newClientId(prefix: string): string {
  let random = '';
  for (let i = 0; i < 12; i += 1) random += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${prefix}_${Date.now().toString(36)}_${random}`;
}
