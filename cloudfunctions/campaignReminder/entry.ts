/** Deploy unit `campaignReminder` (timer): the domain code lives in server/campaignReminder. */
import { campaignReminderFunction } from '../../server/campaignReminder';

export const main = campaignReminderFunction.main;
