/**
 * Subscribe-message subscriptions (订阅消息), one counter for every sender (campaign reminders, the message
 * centre). WeChat's one-time subscribe messages allow one message per accepted panel and offer no way to ask
 * how many remain
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html), so the app
 * reports each acceptance and the server counts them per member and template in
 * `campaignReminderSubscriptions` (`_id` = `<memberId>:<templateId>`; the name is older than the second
 * sender). A sender spends one in the transaction that records its send, and gives it back when WeChat
 * refuses the send (a 43101 refusal — the user has no subscription at WeChat — sets it to 0 instead).
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import type { ReminderGrantDoc, ReminderSubscriptionDoc } from '../../typings/domain';
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';
import { findById } from './db';
import { hashId } from './ids';
import { runTransaction, txGet } from './transaction';
import type { Tx } from './transaction';

/** WeChat: the user refused or cancelled the subscription. */
export const SUBSCRIPTION_REFUSED = 43101;
const THING_MAX = 20;

export const subscriptionId = (memberId: string, templateId: string): string => `${memberId}:${templateId}`;

/** A `thing` value: at most 20 characters (WeChat refuses longer ones with 47003). */
export function thingValue(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`;
}

/** The WeChat error code of a failed open-API call, or null. */
export function errCodeOf(err: unknown): number | null {
  const code = typeof err === 'object' && err !== null ? (err as { errCode?: unknown }).errCode : undefined;
  return typeof code === 'number' ? code : null;
}

/** developer / trial / formal from the environment variable `name`: which version a message opens (default formal). */
export function miniprogramStateFrom(name: string): 'developer' | 'trial' | 'formal' {
  const value = process.env[name];
  return value === 'developer' || value === 'trial' ? value : 'formal';
}

/** Subscriptions left of `templateId`, by member (one query; members without any are absent). */
export async function remainingByTemplate(db: Database, memberId: string, templateIds: readonly string[]): Promise<Map<string, number>> {
  const left = new Map<string, number>();
  if (templateIds.length === 0) return left;
  if (templateIds.length === 1) {
    const only = templateIds[0] as string;
    const found = await findById<ReminderSubscriptionDoc>(db, COLLECTIONS.campaignReminderSubscriptions, subscriptionId(memberId, only));
    if (found) left.set(only, found.remaining);
    return left;
  }
  const result = (await db
    .collection(COLLECTIONS.campaignReminderSubscriptions)
    .where({ _id: db.command.in(templateIds.map((templateId) => subscriptionId(memberId, templateId))) })
    .limit(templateIds.length)
    .get()) as unknown as { data: ReminderSubscriptionDoc[] };
  for (const subscription of result.data) left.set(subscription.templateId, subscription.remaining);
  return left;
}

/**
 * Adds one subscription for an accepted panel, once per request id and template; answers the subscriptions
 * left. `grantKey` defaults to the request id (one template per panel, as the campaign reminder asks).
 */
export function addSubscription(
  db: Database,
  memberId: string,
  openid: string,
  templateId: string,
  requestId: string,
  at: Date,
  grantKey = requestId,
): Promise<number> {
  const grantId = hashId('rg:', `${memberId}:${grantKey}`);
  const id = subscriptionId(memberId, templateId);
  return runTransaction(db, async (tx) => {
    const subscription = await txGet<ReminderSubscriptionDoc>(tx, COLLECTIONS.campaignReminderSubscriptions, id);
    if (await txGet<ReminderGrantDoc>(tx, COLLECTIONS.campaignReminderGrants, grantId)) return subscription?.remaining ?? 0;
    const grant: ReminderGrantDoc = { _id: grantId, memberId, templateId, requestId, at };
    await tx.collection(COLLECTIONS.campaignReminderGrants).add({ data: { ...grant } });
    const next: Omit<ReminderSubscriptionDoc, '_id'> = {
      memberId,
      // The WeChat user who accepted is the one to message.
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

/** Inside the sender's transaction: spends one subscription; null (nothing spent) when none is left. */
export async function txSpendSubscription(tx: Tx, memberId: string, templateId: string, now: Date): Promise<ReminderSubscriptionDoc | null> {
  const id = subscriptionId(memberId, templateId);
  const subscription = await txGet<ReminderSubscriptionDoc>(tx, COLLECTIONS.campaignReminderSubscriptions, id);
  if (!subscription || subscription.remaining <= 0) return null;
  await tx
    .collection(COLLECTIONS.campaignReminderSubscriptions)
    .doc(id)
    .update({ data: { remaining: subscription.remaining - 1, used: subscription.used + 1, updatedAt: now } });
  return subscription;
}

/** Inside the sender's transaction settling a failed send: gives the subscription back, or zeroes it on a refusal. */
export async function txReturnSubscription(tx: Tx, memberId: string, templateId: string, errCode: number | null, now: Date): Promise<void> {
  const id = subscriptionId(memberId, templateId);
  const subscription = await txGet<ReminderSubscriptionDoc>(tx, COLLECTIONS.campaignReminderSubscriptions, id);
  if (!subscription) return;
  const back = errCode === SUBSCRIPTION_REFUSED ? { remaining: 0 } : { remaining: subscription.remaining + 1, used: subscription.used - 1 };
  await tx
    .collection(COLLECTIONS.campaignReminderSubscriptions)
    .doc(id)
    .update({ data: { ...back, updatedAt: now } });
}
