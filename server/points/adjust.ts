/** Admin adjustments (积分调整): an entry like any other, idempotent by the admin's request id. */
import type { AdjustmentResult } from '../../typings/functions/points';
import { runTransaction } from '../core';
import type { Database } from '../core';
import { postEntry, txAccount } from './ledger';
import type { AccountOwner } from './ledger';
import { entryView } from './views';

export interface Adjustment {
  amount: number;
  /** Required: shown to the member as the entry's note. */
  reason: string;
  adminId: string;
  requestId: string;
  at: Date;
}

/** Posts the adjustment once; a repeat with the same request id answers the first entry and the balance now. */
export function adjustBalance(db: Database, member: AccountOwner, adjustment: Adjustment): Promise<AdjustmentResult> {
  return runTransaction(db, async (tx) => {
    const outcome = await postEntry(tx, member, {
      idempotencyKey: `adjust:${member._id}:${adjustment.requestId}`,
      amount: adjustment.amount,
      reason: 'admin_adjustment',
      source: adjustment.adminId,
      note: adjustment.reason,
      at: adjustment.at,
    });
    const balance = outcome.posted ? outcome.account.balance : ((await txAccount(tx, member._id))?.balance ?? 0);
    return { entry: entryView(outcome.entry), balance };
  });
}
