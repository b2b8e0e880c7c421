/** Deterministic ids of the points area (server/core/ids.ts). */
import { hashId } from '../core/ids';

/** A ledger entry's `_id` from its idempotency key. */
export const ledgerEntryId = (idempotencyKey: string): string => hashId('pl:', idempotencyKey);
