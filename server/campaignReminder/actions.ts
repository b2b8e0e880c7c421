/**
 * Timer function `campaignReminder`: every five minutes it sends the daily check-in reminders that are due
 * (server/campaign/engagement/reminder-run.ts); an admin can also run it by hand with `run`. Running it again,
 * or twice at once, sends nothing twice.
 */
import { campaignReminderContracts } from '../../typings/functions/campaign-engagement';
import { defineAction, defineFunction } from '../core';
import { withTimer } from '../core/timer';
import { runReminders } from '../campaign';

export const run = defineAction({
  ...campaignReminderContracts.run,
  roles: ['admin'],
  handler: ({ db, cloud, now }) => runReminders(db, cloud, now()),
});

export const campaignReminderFunction = withTimer(defineFunction({ name: 'campaignReminder', actions: { run } }), (db, cloud, now) =>
  runReminders(db, cloud, now),
);
