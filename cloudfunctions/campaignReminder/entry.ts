/** Deploy unit `campaignReminder` (timer): the domain code lives in server/campaignReminder. */
import { campaignReminderFunction } from '../../server/campaignReminder/actions';

export const main = campaignReminderFunction.main;
