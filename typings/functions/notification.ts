/**
 * Function `notification` (消息中心): a member's notifications, unread count, read marks, per-kind settings and
 * subscribe-message subscriptions; and the timer that derives time-based notifications and sends the
 * subscribe messages (server/notification).
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { NOTIFICATION_KINDS } from '../docs/notification';
import type { NotificationKind } from '../docs/notification';
import { clientId } from '../schema';
import { type Page, pageInputShape } from './paging';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The mini-program page to open (with `/` in front), or null. */
  page: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage extends Page<NotificationView> {
  /** Unread notifications of the kinds turned on. */
  unread: number;
}

export interface NotificationKindSetting {
  kind: NotificationKind;
  enabled: boolean;
  /** The subscribe message template of the kind, or null when none is configured. */
  templateId: string | null;
  /** Subscribe messages of that template left (WeChat allows one message per accepted panel). */
  remaining: number;
}

export interface NotificationSettingsView {
  kinds: NotificationKindSetting[];
}

export interface NotificationRunResult {
  /** Notifications created by this run (assignments and contest results). */
  created: number;
  /** Subscribe messages sent, failed, and skipped (no subscription left, no template, kind off). */
  sent: number;
  failed: number;
  skipped: number;
  /** Stopped by its time budget: the next run continues. */
  more: boolean;
}

/** Subscribe templates one panel may ask for at once (wx.requestSubscribeMessage takes at most 3). */
export const MAX_TEMPLATES_PER_PANEL = 3;

const notificationId = z.string().check(z.minLength(1), z.maxLength(300));
const kind = z.enum(NOTIFICATION_KINDS);
const templateId = z.string().check(z.minLength(1), z.maxLength(128));

export const notificationContracts = {
  /** My notifications, newest first (kinds turned off are not shown), and the unread count. */
  list: contract<NotificationPage>()(z.strictObject({ ...pageInputShape })),
  /** The unread count for the 我的 tab's badge. */
  unreadCount: contract<{ unread: number }>()(z.strictObject({})),
  /** Marks one of my notifications read; answers the unread count. */
  markRead: contract<{ unread: number }>()(z.strictObject({ notificationId })),
  /** Marks all my notifications read. */
  markAllRead: contract<{ unread: number }>()(z.strictObject({})),
  /** Per kind: on or off, its template and the subscriptions left. */
  settings: contract<NotificationSettingsView>()(z.strictObject({})),
  /** Turns a kind on or off (off: not listed, not counted, no subscribe message). */
  setKind: contract<NotificationSettingsView>()(z.strictObject({ kind, enabled: z.boolean() })),
  /**
   * Call after wx.requestSubscribeMessage answered 'accept' for `templateIds`: adds one subscription to each.
   * The same requestId (one per panel) adds them once.
   */
  subscribe: contract<NotificationSettingsView>()(
    z.strictObject({ templateIds: z.array(templateId).check(z.minLength(1), z.maxLength(MAX_TEMPLATES_PER_PANEL)), requestId: clientId }),
  ),
  /** Creates the notifications due now and sends pending subscribe messages (the timer runs it). */
  run: contract<NotificationRunResult>()(z.strictObject({})),
};
