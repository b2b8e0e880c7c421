/**
 * Function `notification` (消息中心): a member's notifications, unread count, read marks, per-kind settings
 * and subscribe-message subscriptions; and a timer (every ten minutes) that derives the notifications of
 * assignments, contest results, classroom sessions starting tomorrow, cancelled sessions and learner levels raised by a new ladder (./derive.ts) and sends pending subscribe messages (./push.ts). Other
 * areas create their notifications with server/core/notify.ts. Running the timer again, or twice at once,
 * creates and sends nothing twice.
 */
import type { NotificationRunResult } from '../../typings/functions/notification';
import { notificationContracts } from '../../typings/functions/notification';
import { AppError, defineAction, defineFunction } from '../core';
import type { Database, WxCloud } from '../core';
import { addSubscription } from '../core/subscriptions';
import { withTimer } from '../core/timer';
import { deriveAssignments, deriveCancellations, deriveLevelUps, deriveResults, deriveSessions } from './derive';
import { listNotifications, markAllRead as markAll, markRead as markOne, unreadCount as countUnread } from './inbox';
import { pushPending } from './push';
import { kindsOfTemplate, setKind as switchKind, settingsView } from './settings';

export { notify, notificationId } from '../core/notify';
export type { NotificationDraft } from '../core/notify';

const learner = ['learner'] as const;

export const list = defineAction({
  ...notificationContracts.list,
  roles: [...learner],
  handler: ({ db, caller, input }) => listNotifications(db, caller.member._id, input),
});

export const unreadCount = defineAction({
  ...notificationContracts.unreadCount,
  roles: [...learner],
  handler: async ({ db, caller }) => ({ unread: await countUnread(db, caller.member._id) }),
});

export const markRead = defineAction({
  ...notificationContracts.markRead,
  roles: [...learner],
  handler: async ({ db, caller, input, now }) => ({ unread: await markOne(db, caller.member._id, input.notificationId, now()) }),
});

export const markAllRead = defineAction({
  ...notificationContracts.markAllRead,
  roles: [...learner],
  handler: async ({ db, caller, now }) => ({ unread: await markAll(db, caller.member._id, now()) }),
});

export const settings = defineAction({
  ...notificationContracts.settings,
  roles: [...learner],
  handler: ({ db, caller }) => settingsView(db, caller.member._id),
});

export const setKind = defineAction({
  ...notificationContracts.setKind,
  roles: [...learner],
  async handler({ db, caller, input, now }) {
    const off = await switchKind(db, caller.member._id, input.kind, input.enabled, now());
    return settingsView(db, caller.member._id, off);
  },
});

export const subscribe = defineAction({
  ...notificationContracts.subscribe,
  roles: [...learner],
  async handler({ db, caller, input, now }) {
    const templateIds = [...new Set(input.templateIds)];
    if (templateIds.some((templateId) => kindsOfTemplate(templateId).length === 0)) throw new AppError('INVALID_INPUT', '订阅的消息模板不是消息中心的模板');
    const at = now();
    // One grant per panel and template: the same panel reported again adds nothing.
    for (const templateId of templateIds)
      await addSubscription(db, caller.member._id, caller.openid, templateId, input.requestId, at, `${input.requestId}:${templateId}`);
    return settingsView(db, caller.member._id);
  },
});

/** Derives, then pushes, within one time budget (the function's timeout is 60 s). */
export async function runNotifications(db: Database, cloud: WxCloud, now: Date, budgetMs = 45_000): Promise<NotificationRunResult> {
  const budget = { started: Date.now(), budgetMs };
  const assignments = await deriveAssignments(db, now, budget);
  const results = assignments.more ? { created: 0, more: true } : await deriveResults(db, now, budget);
  const sessions = results.more ? { created: 0, more: true } : await deriveSessions(db, now, budget);
  const cancelled = sessions.more ? { created: 0, more: true } : await deriveCancellations(db, now, budget);
  const levels = cancelled.more ? { created: 0, more: true } : await deriveLevelUps(db, now, budget);
  const pushed = await pushPending(db, cloud, now, budget.started, budgetMs);
  return {
    created: assignments.created + results.created + sessions.created + cancelled.created + levels.created,
    sent: pushed.sent,
    failed: pushed.failed,
    skipped: pushed.skipped,
    more: assignments.more || results.more || sessions.more || cancelled.more || levels.more || pushed.more,
  };
}

export const run = defineAction({
  ...notificationContracts.run,
  roles: ['admin'],
  handler: ({ db, cloud, now }) => runNotifications(db, cloud, now()),
});

export const notificationFunction = withTimer(
  defineFunction({ name: 'notification', actions: { list, unreadCount, markRead, markAllRead, settings, setKind, subscribe, run } }),
  (db, cloud, now) => runNotifications(db, cloud, now),
);
