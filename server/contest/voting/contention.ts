/**
 * Transactions on shared documents under a crowd (a popular entry's vote shards): the shared backoff in
 * server/core/transaction.ts, whose 12 rounds (about 5 s at worst) fit within the contest function's timeout.
 */
export { transactWithBackoff } from '../../core/transaction';
