/**
 * Creating notifications (消息中心) from any area. A notification's `_id` is `<kind>:<source>:<memberId>`
 * (the source names the event: an assignment, an order, a certificate), and the database keeps `_id`s
 * unique, so creating it again — a retried action, a timer run twice or two runs at once — collides and is
 * skipped: one notification per event and member, without a transaction. Whether the member turned the kind
 * off is decided when the notification is read or pushed (server/notification), so creating one is one
 * insert. The subscribe message is sent later by the `notification` timer (`push: 'pending'`), never inside
 * the action that caused it.
 */
import type { NotificationDoc, NotificationKind } from '../../typings/domain';
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';
import { byIds } from './db';
import { isDuplicate } from './db';
import { inParallel } from './parallel';
import { thingValue } from './subscriptions';

export interface NotificationDraft {
  memberId: string;
  kind: NotificationKind;
  /** Names the event, unique within the kind (an assignment id, an order id, a round id). */
  source: string;
  title: string;
  body: string;
  /** The page to open (without a leading `/`), with its query, or null. */
  page: string | null;
}

export const notificationId = (kind: NotificationKind, source: string, memberId: string): string => `${kind}:${source}:${memberId}`;

/** Inserts in flight at once: each is its own round trip, and a bulk action may notify hundreds. */
const INSERTS_IN_FLIGHT = 10;

/** Ids checked per read before inserting (CloudBase's largest query). */
const CHECK_BATCH = 1000;

function docOf(draft: NotificationDraft, now: Date): NotificationDoc {
  return {
    _id: notificationId(draft.kind, draft.source, draft.memberId),
    memberId: draft.memberId,
    kind: draft.kind,
    title: thingValue(draft.title),
    body: thingValue(draft.body),
    page: draft.page,
    read: false,
    readAt: null,
    push: 'pending',
    pushErrCode: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts one notification; false when it existed already. */
async function insert(db: Database, doc: NotificationDoc): Promise<boolean> {
  try {
    await db.collection(COLLECTIONS.notifications).add({ data: { ...doc } });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/**
 * Creates the notifications not created before; answers how many are new. Several drafts are checked with
 * one read per thousand first, so a rerun writes nothing; a single draft is just inserted (one operation).
 */
export async function notify(db: Database, drafts: readonly NotificationDraft[], now: Date): Promise<number> {
  const docs = drafts.map((draft) => docOf(draft, now));
  let created = 0;
  for (let start = 0; start < docs.length; start += CHECK_BATCH) {
    const batch = docs.slice(start, start + CHECK_BATCH);
    const existing =
      batch.length > 1
        ? await byIds<NotificationDoc>(
            db,
            COLLECTIONS.notifications,
            batch.map((doc) => doc._id),
          )
        : new Map<string, NotificationDoc>();
    const fresh = batch.filter((doc) => !existing.has(doc._id));
    const inserted = await inParallel(fresh, INSERTS_IN_FLIGHT, (doc) => insert(db, doc));
    created += inserted.filter(Boolean).length;
  }
  return created;
}
