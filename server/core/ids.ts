/**
 * Deterministic ids: the database keeps `_id`s unique, so an id derived from an idempotency key makes a
 * repeated write collide instead of counting twice. Hashing bounds the length whatever the key holds.
 */
import { createHash } from 'node:crypto';

/** `prefix` then the first `length` hex digits of the key's SHA-256 (32 unless an area's stored ids are shorter). */
export function hashId(prefix: string, key: string, length = 32): string {
  return `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, length)}`;
}
