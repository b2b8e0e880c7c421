/**
 * Area `points`: what other areas use. Awards go through the ledger here, exactly once per source and within
 * the earning rules' caps. The function's actions live in actions.ts, so an area that pays points does not
 * bundle the mall, its Excel export or the admin side.
 */
export { awardPointsForEvent } from './events';
export { creditOnce } from './credit';
export type { PointsEventType } from './events';
export { learnerLevelsOf, learnerLevelsOfAll } from './level-names';
export { learnerLevelNotice } from './level-notice';
export { capWarnings, payableToday, readCapWarnings } from './promises';
export type { PointsPromise } from './promises';
export { postEntry } from './ledger';
export type { AccountOwner } from './ledger';
export { runExpiry, runHourly } from './expiry';
