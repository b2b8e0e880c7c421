/**
 * Area `learning`: what other areas use of the learning records (学习记录): their ids and views, the
 * completion rules, series locks, and the events a completion sets off. The function's actions live in
 * actions.ts.
 */
export { describeRule, positionLimit } from './completion';
export { emitPendingEvents } from './events';
export { assertUnlocked, completedSet, lockState, recordsOf } from './locks';
export type { LockState } from './locks';
export { newRecord, progressView, recordId, saveRecord, settle } from './record';
export { legacySessionViews } from './legacy-sessions';
