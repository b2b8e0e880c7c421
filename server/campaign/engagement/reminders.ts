/**
 * Reminder subscriptions (打卡提醒订阅), counted by the one subscription counter of server/core/subscriptions.ts;
 * the `campaignReminder` timer spends one per reminder.
 *
 * Configuration: the template id is the environment variable CAMPAIGN_REMINDER_TEMPLATE_ID of the functions
 * `campaign` (which tells the app, through `reminderSettings`) and `campaignReminder` (which sends). Both
 * functions' config.json carry it under `envVariables` (the local cloud applies them; CloudBase takes them
 * from cloudbaserc.json's `envVariables` on deploy): set it to the template picked in the mini-program's
 * console (订阅消息 → 我的模板). The template's fields are REMINDER_TEMPLATE_KEYS below.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import type { ReminderSubscriptionDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { ReminderSettingsView } from '../../../typings/functions/campaign-engagement';
import { AppError, COLLECTIONS, defineAction, findById } from '../../core';
import type { Database } from '../../core';
import { addSubscription, miniprogramStateFrom, subscriptionId } from '../../core/subscriptions';

export { addSubscription, subscriptionId };

export const REMINDER_TEMPLATE_ENV = 'CAMPAIGN_REMINDER_TEMPLATE_ID';
/** developer / trial / formal: which version of the mini-program the message opens (default formal). */
export const REMINDER_STATE_ENV = 'CAMPAIGN_REMINDER_MINIPROGRAM_STATE';

/**
 * The template's keywords (a 打卡提醒 template from WeChat's library): thing = at most 20 characters,
 * time = a 24-hour time with an optional date.
 */
export const REMINDER_TEMPLATE_KEYS = { campaign: 'thing1', task: 'thing2', time: 'time3', tip: 'thing4' } as const;

export function reminderTemplateId(): string | null {
  const value = process.env[REMINDER_TEMPLATE_ENV]?.trim();
  return value ? value : null;
}

export function reminderMiniprogramState(): 'developer' | 'trial' | 'formal' {
  return miniprogramStateFrom(REMINDER_STATE_ENV);
}

async function settingsFor(db: Database, memberId: string): Promise<ReminderSettingsView> {
  const templateId = reminderTemplateId();
  if (!templateId) return { templateId: null, remaining: 0 };
  const subscription = await findById<ReminderSubscriptionDoc>(db, COLLECTIONS.campaignReminderSubscriptions, subscriptionId(memberId, templateId));
  return { templateId, remaining: subscription?.remaining ?? 0 };
}

export const reminderSettings = defineAction({
  ...campaignEngagementContracts.reminderSettings,
  roles: ['learner'],
  handler: ({ db, caller }) => settingsFor(db, caller.member._id),
});

export const subscribeReminder = defineAction({
  ...campaignEngagementContracts.subscribeReminder,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const templateId = reminderTemplateId();
    if (!templateId) throw new AppError('INVALID_INPUT', '打卡提醒尚未配置，请联系管理员');
    if (input.templateId !== templateId) throw new AppError('INVALID_INPUT', '订阅的消息模板不是打卡提醒模板');
    const remaining = await addSubscription(db, caller.member._id, caller.openid, templateId, input.requestId, now());
    return { templateId, remaining };
  },
});
