/**
 * Reminder subscriptions (打卡提醒订阅). WeChat's one-time subscribe messages allow one message per accepted
 * panel and offer no way to ask how many remain
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html), so the app
 * reports each acceptance and the server counts them per member and template; the `campaignReminder` timer spends one per reminder.
 *
 * Configuration: the template id is the environment variable CAMPAIGN_REMINDER_TEMPLATE_ID of the functions
 * `campaign` (which tells the app, through `reminderSettings`) and `campaignReminder` (which sends). Both
 * functions' config.json carry it under `envVariables` (the local cloud applies them; CloudBase takes them
 * from cloudbaserc.json's `envVariables` on deploy): set it to the template picked in the mini-program's
 * console (订阅消息 → 我的模板). The template's fields are REMINDER_TEMPLATE_KEYS below.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import type { ReminderGrantDoc, ReminderSubscriptionDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { ReminderSettingsView } from '../../../typings/functions/campaign-engagement';
import { AppError, COLLECTIONS, defineAction, findById, runTransaction, txGet } from '../../core';
import type { Database } from '../../core';
import { hashId } from '../../core/ids';

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
  const value = process.env[REMINDER_STATE_ENV];
  return value === 'developer' || value === 'trial' ? value : 'formal';
}

export const subscriptionId = (memberId: string, templateId: string): string => `${memberId}:${templateId}`;

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

/** Adds one subscription for an accepted panel, once per request id; answers the subscriptions left. */
export function addSubscription(db: Database, memberId: string, openid: string, templateId: string, requestId: string, at: Date): Promise<number> {
  const grantId = hashId('rg:', `${memberId}:${requestId}`);
  const id = subscriptionId(memberId, templateId);
  return runTransaction(db, async (tx) => {
    const subscription = await txGet<ReminderSubscriptionDoc>(tx, COLLECTIONS.campaignReminderSubscriptions, id);
    if (await txGet<ReminderGrantDoc>(tx, COLLECTIONS.campaignReminderGrants, grantId)) return subscription?.remaining ?? 0;
    const grant: ReminderGrantDoc = { _id: grantId, memberId, templateId, requestId, at };
    await tx.collection(COLLECTIONS.campaignReminderGrants).add({ data: { ...grant } });
    const next: Omit<ReminderSubscriptionDoc, '_id'> = {
      memberId,
      // The WeChat user who accepted is the one to remind.
      openid,
      templateId,
      remaining: (subscription?.remaining ?? 0) + 1,
      granted: (subscription?.granted ?? 0) + 1,
      used: subscription?.used ?? 0,
      updatedAt: at,
    };
    await tx.collection(COLLECTIONS.campaignReminderSubscriptions).doc(id).set({ data: next });
    return next.remaining;
  });
}

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
