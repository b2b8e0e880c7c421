/**
 * Area `campaign` (打卡活动): what other areas use (the reminder run, scope conditions and check-in counts
 * for reports). The function's actions live in actions.ts.
 */
export { campaignScopeCondition } from './access';
export { readCheckinCounts } from './counters';
export { runReminders } from './engagement/reminder-run';
