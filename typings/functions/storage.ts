/**
 * Function `storageCleanup`: the timer that deletes export files (导出文件) a day after they were made
 * (server/core/workbook.ts), take-away files courses dropped once nothing holds them, and expired rate-limit counters and console login requests; an admin can also
 * run it by hand.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';

export interface StorageCleanupResult {
  /** Files deleted from storage (or found already gone) and their records removed: exports, and take-away files nothing holds. */
  deleted: number;
  /** Expired rate-limit counters and console login requests removed. */
  expired: number;
}

export const storageCleanupContracts = {
  /** Deletes every export older than a day now (the timer runs it every hour); repeating it changes nothing. */
  run: contract<StorageCleanupResult>()(z.strictObject({})),
};
