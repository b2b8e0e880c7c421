/**
 * Subscribe messages of notifications, sent by the `notification` timer after the fact (never inside the
 * action that caused the notification). Pending notifications are read oldest first, a page at a time;
 * those whose kind has no template, is turned off, or whose member has no subscription left are marked
 * `skipped` in one update; each of the others is claimed in a transaction that re-reads it (still
 * `pending`) and spends one subscription of the shared counter (server/core/subscriptions.ts), so
 * overlapping runs send each message once. WeChat is called after the commit; a failed send gives the
 * subscription back (zeroes it on 43101) and the notification's status makes that happen once. A process
 * that dies between the commit and WeChat's answer leaves it `sending`: that message is lost, never doubled.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import type { NotificationDoc, NotificationSettingsDoc, ReminderSubscriptionDoc } from '../../typings/domain';
import type { NotificationRunResult } from '../../typings/functions/notification';
import { AppError, byIds, COLLECTIONS, runTransaction, txGet } from '../core';
import type { Database, WxCloud } from '../core';
import { inParallel } from '../core/parallel';
import { errCodeOf, miniprogramStateFrom, subscriptionId, SUBSCRIPTION_REFUSED, txReturnSubscription, txSpendSubscription } from '../core/subscriptions';
import { beijingDateTime } from '../core/time';
import { NOTIFY_STATE_ENV, NOTIFY_TEMPLATE_KEYS, templateIdOf } from './settings';

const PAGE = 100;
const PARALLEL_SENDS = 10;

export type PushResult = Omit<NotificationRunResult, 'created'>;

type Outcome = 'sent' | 'failed' | 'skipped';

function messageData(doc: NotificationDoc): Record<string, { value: string }> {
  return {
    [NOTIFY_TEMPLATE_KEYS.title]: { value: doc.title },
    [NOTIFY_TEMPLATE_KEYS.body]: { value: doc.body },
    [NOTIFY_TEMPLATE_KEYS.time]: { value: beijingDateTime(doc.createdAt) },
  };
}

/** Marks the notification `sending` and spends one subscription; null when it is not pending or none is left. */
function claim(db: Database, doc: NotificationDoc, templateId: string, now: Date): Promise<ReminderSubscriptionDoc | null> {
  return runTransaction(db, async (tx) => {
    const current = await txGet<NotificationDoc>(tx, COLLECTIONS.notifications, doc._id);
    if (current?.push !== 'pending') return null;
    const subscription = await txSpendSubscription(tx, doc.memberId, templateId, now);
    await tx
      .collection(COLLECTIONS.notifications)
      .doc(doc._id)
      .update({ data: { push: subscription ? 'sending' : 'skipped', updatedAt: now } });
    return subscription;
  });
}

async function settleFailure(db: Database, doc: NotificationDoc, templateId: string, errCode: number | null, now: Date): Promise<void> {
  await runTransaction(db, async (tx) => {
    const current = await txGet<NotificationDoc>(tx, COLLECTIONS.notifications, doc._id);
    if (current?.push !== 'sending') return;
    await tx
      .collection(COLLECTIONS.notifications)
      .doc(doc._id)
      .update({ data: { push: errCode === SUBSCRIPTION_REFUSED ? 'refused' : 'failed', pushErrCode: errCode, updatedAt: now } });
    await txReturnSubscription(tx, doc.memberId, templateId, errCode, now);
  });
}

async function pushOne(db: Database, cloud: WxCloud, doc: NotificationDoc, templateId: string, now: Date): Promise<Outcome> {
  let claimed: ReminderSubscriptionDoc | null;
  try {
    claimed = await claim(db, doc, templateId, now);
  } catch (err) {
    // Another run holds it: that run decides.
    if (err instanceof AppError && err.code === 'CONFLICT') return 'skipped';
    throw err;
  }
  if (!claimed) return 'skipped';
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: claimed.openid,
      templateId,
      ...(doc.page ? { page: doc.page } : {}),
      data: messageData(doc),
      miniprogramState: miniprogramStateFrom(NOTIFY_STATE_ENV),
    });
  } catch (err) {
    const errCode = errCodeOf(err);
    console.warn(`[notification] push ${doc._id} failed with ${String(errCode)}:`, err);
    await settleFailure(db, doc, templateId, errCode, now);
    return 'failed';
  }
  await db
    .collection(COLLECTIONS.notifications)
    .doc(doc._id)
    .update({ data: { push: 'sent', updatedAt: now } });
  return 'sent';
}

/** Sends the pending subscribe messages; stops after the budget with `more: true`. */
export async function pushPending(db: Database, cloud: WxCloud, now: Date, started: number, budgetMs: number): Promise<PushResult> {
  const _ = db.command;
  const result: PushResult = { sent: 0, failed: 0, skipped: 0, more: false };
  // Keyed on the last (createdAt, _id) read: one lost to a conflict stays pending for the next run instead
  // of being read again and again in this one.
  let after: Date | null = null;
  let afterId = '';
  for (;;) {
    if (Date.now() - started > budgetMs) return { ...result, more: true };
    const where: Record<string, unknown> = after
      ? (_.and([{ push: 'pending' }, _.or([{ createdAt: _.gt(after) }, { createdAt: after, _id: _.gt(afterId) }])]) as unknown as Record<string, unknown>)
      : { push: 'pending' };
    const page = (await db
      .collection(COLLECTIONS.notifications)
      .where(where)
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()) as unknown as {
      data: NotificationDoc[];
    };
    if (page.data.length === 0) break;
    const settings = await byIds<NotificationSettingsDoc>(
      db,
      COLLECTIONS.notificationSettings,
      page.data.map((doc) => doc.memberId),
    );
    const wanted = page.data.map((doc) => {
      const templateId = templateIdOf(doc.kind);
      const off = settings.get(doc.memberId)?.off.includes(doc.kind) ?? false;
      return { doc, templateId: off ? null : templateId };
    });
    const subscriptions = await byIds<ReminderSubscriptionDoc>(
      db,
      COLLECTIONS.campaignReminderSubscriptions,
      wanted.flatMap(({ doc, templateId }) => (templateId ? [subscriptionId(doc.memberId, templateId)] : [])),
    );
    const hasLeft = (memberId: string, templateId: string | null) =>
      templateId !== null && (subscriptions.get(subscriptionId(memberId, templateId))?.remaining ?? 0) > 0;
    const skip = wanted.filter(({ doc, templateId }) => !hasLeft(doc.memberId, templateId)).map(({ doc }) => doc._id);
    if (skip.length > 0) {
      await db
        .collection(COLLECTIONS.notifications)
        .where({ _id: _.in(skip), push: 'pending' })
        .update({ data: { push: 'skipped', updatedAt: now } });
      result.skipped += skip.length;
    }
    const due = wanted.filter(({ doc, templateId }) => hasLeft(doc.memberId, templateId));
    const outcomes = await inParallel(due, PARALLEL_SENDS, ({ doc, templateId }) => pushOne(db, cloud, doc, templateId as string, now));
    for (const outcome of outcomes) result[outcome] += 1;
    const last = page.data[page.data.length - 1] as NotificationDoc;
    after = last.createdAt;
    afterId = last._id;
    if (page.data.length < PAGE) break;
  }
  return result;
}
