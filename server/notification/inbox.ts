/**
 * A member's notifications: newest first, kinds turned off left out, the unread count as one indexed count
 * (`memberId, read`). The count is not a maintained counter: notifications are created by plain inserts
 * from many areas and marked read in bulk, and a count on the index is one operation, as a counter's read
 * would be, without a counter to drift.
 * Operations: list 4 (settings, total, page, unread), unreadCount 2, markRead 4, markAllRead 1.
 */
import type { NotificationDoc, NotificationKind } from '../../typings/domain';
import type { NotificationPage, NotificationView } from '../../typings/functions/notification';
import type { PageInput } from '../../typings/functions/paging';
import { AppError, COLLECTIONS, findById, findPage, pageOf } from '../core';
import type { Database, SortKey } from '../core';
import { isoDate } from '../core/published';
import { kindCondition, offKinds } from './settings';

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

function view(doc: NotificationDoc): NotificationView {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    page: doc.page ? `/${doc.page}` : null,
    read: doc.read,
    createdAt: isoDate(doc.createdAt) ?? '',
  };
}

async function countUnread(db: Database, memberId: string, off: readonly NotificationKind[]): Promise<number> {
  const result = (await db
    .collection(COLLECTIONS.notifications)
    .where({ memberId, read: false, ...kindCondition(db, off) })
    .count()) as unknown as { total: number };
  return result.total;
}

export async function listNotifications(db: Database, memberId: string, input: PageInput): Promise<NotificationPage> {
  const off = await offKinds(db, memberId);
  const found = await findPage<NotificationDoc>(db, COLLECTIONS.notifications, { memberId, ...kindCondition(db, off) }, NEWEST_FIRST, input);
  return { ...pageOf(found, input, view), unread: await countUnread(db, memberId, off) };
}

export async function unreadCount(db: Database, memberId: string): Promise<number> {
  return countUnread(db, memberId, await offKinds(db, memberId));
}

/** Marks the member's own notification read; another member's is NOT_FOUND (its existence is not revealed). */
export async function markRead(db: Database, memberId: string, notificationId: string, now: Date): Promise<number> {
  const doc = await findById<NotificationDoc>(db, COLLECTIONS.notifications, notificationId);
  if (!doc || doc.memberId !== memberId) throw new AppError('NOT_FOUND', '消息不存在');
  if (!doc.read)
    await db
      .collection(COLLECTIONS.notifications)
      .doc(notificationId)
      .update({ data: { read: true, readAt: now, updatedAt: now } });
  return unreadCount(db, memberId);
}

export async function markAllRead(db: Database, memberId: string, now: Date): Promise<number> {
  await db
    .collection(COLLECTIONS.notifications)
    .where({ memberId, read: false })
    .update({ data: { read: true, readAt: now, updatedAt: now } });
  return 0;
}
