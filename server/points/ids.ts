/**
 * Deterministic ids: the database keeps `_id`s unique, so an id derived from an idempotency key makes a
 * repeated write collide instead of counting twice. Hashing bounds the length whatever the key holds.
 */
import { createHash } from 'node:crypto';

export function hashId(prefix: string, key: string): string {
  return `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** A ledger entry's `_id` from its idempotency key. */
export const ledgerEntryId = (idempotencyKey: string): string => hashId('pl:', idempotencyKey);
