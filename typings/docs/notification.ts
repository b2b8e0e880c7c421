/** Documents of the message centre (消息中心): notifications, a member's per-kind settings, timer cursors. */

/**
 * The kinds of notification (`session_tomorrow`: a classroom session the member signed up for starts tomorrow;
 * `session_cancelled`: it was cancelled).
 */
export const NOTIFICATION_KINDS = [
  'required_course',
  'due_tomorrow',
  'overdue',
  'signup_approved',
  'vote_results',
  'order_shipped',
  'certificate_issued',
  'session_tomorrow',
  'discussion_question',
  'discussion_answered',
  'learner_level',
  'author_level',
  'author_award',
  'session_cancelled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Subscribe message of a notification: `pending` (the timer sends it if the member has a subscription left
 * and the kind on), `sending` (a subscription spent, WeChat not answered yet), then `sent`, `failed` (the
 * subscription given back), `refused` (43101: none left at WeChat), `skipped` (no subscription left, no
 * template configured, or the kind turned off).
 */
export const NOTIFICATION_PUSH_STATUSES = ['pending', 'sending', 'sent', 'failed', 'refused', 'skipped'] as const;
export type NotificationPushStatus = (typeof NOTIFICATION_PUSH_STATUSES)[number];

/**
 * Collection `notifications`, `_id` = `<kind>:<source>:<memberId>` (see server/core/notify.ts): one per event
 * and member, so creating it again — a timer run twice, two at once — collides instead of doubling it.
 */
export interface NotificationDoc {
  _id: string;
  memberId: string;
  kind: NotificationKind;
  /** At most 20 characters each (they are also a subscribe message's `thing` values). */
  title: string;
  body: string;
  /** The mini-program page the notification opens, with its query; null = none. */
  page: string | null;
  read: boolean;
  readAt: Date | null;
  push: NotificationPushStatus;
  pushErrCode: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Collection `notificationSettings`, `_id` = member id: the kinds the member turned off. Absent = all on. */
export interface NotificationSettingsDoc {
  _id: string;
  off: NotificationKind[];
  updatedAt: Date;
}

/**
 * Collection `notificationRuns`, `_id` = `<source>:<Beijing day>`: how far the timer got through one source
 * (an assignment's targets, a round's entries) that day, so a run stopped by its time budget resumes and a
 * finished source is skipped with one read.
 */
export interface NotificationRunDoc {
  _id: string;
  cursor: string;
  done: boolean;
  /** What the source looked like when the scan finished (an assignment's targeted count; a changed count rescans). */
  seen: number;
  /** Whether the scan ran after the day's hour for time-based kinds (due tomorrow, overdue). */
  timed: boolean;
  updatedAt: Date;
}
