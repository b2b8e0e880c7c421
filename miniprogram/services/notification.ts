/** 消息中心: my notifications, read marks, per-kind settings and subscribe messages; and the 我的 tab's badge. */
import type { ActionOutput } from '../../typings/api';
import { action, call, pagedAction } from './transport';

export type NotificationPage = ActionOutput<'notification', 'list'>;
export type Notification = NotificationPage['items'][number];
export type NotificationSettings = ActionOutput<'notification', 'settings'>;
export type NotificationKindSetting = NotificationSettings['kinds'][number];

export const listNotifications = pagedAction('notification', 'list');

export const setNotificationKind = action('notification', 'setKind');

export function markNotificationRead(notificationId: string): Promise<{ unread: number }> {
  return call('notification', 'markRead', { notificationId });
}

export function markAllNotificationsRead(): Promise<{ unread: number }> {
  return call('notification', 'markAllRead', {});
}

export function getNotificationSettings(): Promise<NotificationSettings> {
  return call('notification', 'settings', {});
}

/** The same requestId (one per accepted panel) adds the subscriptions once. */
export function subscribeNotifications(templateIds: string[], requestId: string): Promise<NotificationSettings> {
  return call('notification', 'subscribe', { templateIds, requestId });
}

/** 我的 is the fourth tab (app.json tabBar). */
const ME_TAB_INDEX = 3;

/** Shows `unread` on the 我的 tab (99+ beyond 99), or removes the badge. */
export function showUnreadBadge(unread: number): void {
  // Only a hint: a failure (say, before the tab bar exists) is not worth an error.
  const ignore = () => undefined;
  if (unread > 0) wx.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread), fail: ignore });
  else wx.removeTabBarBadge({ index: ME_TAB_INDEX, fail: ignore });
}

/** Asks for the unread count and shows it on the tab; answers it (0 when it cannot be read). */
export async function refreshUnreadBadge(): Promise<number> {
  try {
    const { unread } = await call('notification', 'unreadCount', {});
    showUnreadBadge(unread);
    return unread;
  } catch (error) {
    // The badge is a hint: a page shows its own errors.
    console.warn('[notification] unread count failed', error);
    return 0;
  }
}
