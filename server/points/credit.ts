/**
 * Credits set by a decision rather than an earning rule (an annual author award): one ledger entry per
 * idempotency key, written with the account in one transaction (ledger.ts postEntry), so parallel callers
 * paying the same key pay it once (the entry's `_id` comes from the key; the losers find it and write
 * nothing). No daily cap applies: the amount is the decision's. The points count as earned, so the
 * member's learner level is looked at in the same write, and a level reached is notified after the commit.
 */
import type { LedgerReason } from '../../typings/functions/points';
import { transactWithBackoff } from '../core';
import type { Database } from '../core';
import { beijingYear } from '../core/time';
import { postEntry, txAccount } from './ledger';
import type { AccountOwner } from './ledger';
import { noticeLevelReached } from './level-notice';
import { readRules } from './rules';
import { expiryOf } from './time';

export interface Credit {
  idempotencyKey: string;
  amount: number;
  reason: Extract<LedgerReason, 'author_award'>;
  source: string;
  note: string | null;
  at: Date;
}

/** Posts the credit once; answers whether this call wrote it. */
export async function creditOnce(db: Database, owner: AccountOwner, credit: Credit): Promise<{ posted: boolean; balance: number }> {
  const { rules, levels } = await readRules(db);
  const outcome = await transactWithBackoff(db, async (tx) => {
    const before = await txAccount(tx, owner._id);
    const posted = await postEntry(
      tx,
      owner,
      {
        ...credit,
        earnedYear: beijingYear(credit.at),
        expiresAt: rules.expiryEnabled ? expiryOf(beijingYear(credit.at)) : null,
        levels,
      },
      before,
    );
    return { before, posted };
  });
  if (!outcome.posted.posted) return { posted: false, balance: outcome.before?.balance ?? 0 };
  await noticeLevelReached(db, owner._id, outcome.before, outcome.posted.account, credit.at);
  return { posted: true, balance: outcome.posted.account.balance };
}
