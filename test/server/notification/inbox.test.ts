/**
 * The message centre's read side: a member's notifications newest first with the unread count, one or all
 * marked read, kinds turned off left out (and switches flipped at once both kept), creation idempotent per
 * event and member, a member reaching only their own notifications, and the operations each read costs.
 */
import type { MemberDoc, NotificationDoc, NotificationSettingsDoc } from '../../../typings/domain';
import { notify, notificationId } from '../../../server/core/notify';
import type { NotificationDraft } from '../../../server/core/notify';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { readDoc, readWhere, testDb } from '../../helpers/db';
import { as, seedMembers } from '../../helpers/identities';
import { codeOf, dataOf } from '../../helpers/envelope';

jest.setTimeout(60_000);

const cloud = useTestCloud();

const draft = (memberId: string, kind: NotificationDraft['kind'], source: string): NotificationDraft => ({
  memberId,
  kind,
  source,
  title: `标题 ${source}`,
  body: '内容',
  page: 'packagePoints/orders/index',
});

/** Notifications for `member`, one a minute from `start`, oldest first. */
async function seed(memberId: string, kinds: NotificationDraft['kind'][], start = Date.parse('2026-05-01T02:00:00Z')): Promise<void> {
  for (const [index, kind] of kinds.entries()) await notify(testDb(), [draft(memberId, kind, `s${index}`)], new Date(start + index * 60_000));
}

async function operationsOf(run: () => Promise<unknown>): Promise<number> {
  cloud.actions.reset();
  await run();
  return cloud.actions.databaseOperations();
}

let anna: MemberDoc;
let bob: MemberDoc;

beforeAll(async () => {
  [anna, bob] = await seedMembers(['n-anna', 'n-bob']);
  await seed(anna!._id, ['required_course', 'order_shipped', 'overdue', 'certificate_issued']);
  await seed(bob!._id, ['vote_results']);
});

it('lists my notifications newest first with the unread count, and marks one and then all read', async () => {
  const first = dataOf(await callAction('notification', 'list', { page: 1, pageSize: 3 }, as(anna._id)));
  expect(first.items.map((item) => item.kind)).toEqual(['certificate_issued', 'overdue', 'order_shipped']);
  expect(first).toMatchObject({ total: 4, hasMore: true, unread: 4 });
  expect(first.items[0]).toEqual({
    id: notificationId('certificate_issued', 's3', anna._id),
    kind: 'certificate_issued',
    title: '标题 s3',
    body: '内容',
    page: '/packagePoints/orders/index',
    read: false,
    createdAt: '2026-05-01T02:03:00.000Z',
  });
  expect(dataOf(await callAction('notification', 'markRead', { notificationId: first.items[1]!.id }, as(anna._id)))).toEqual({ unread: 3 });
  // Marking it again changes nothing.
  expect(dataOf(await callAction('notification', 'markRead', { notificationId: first.items[1]!.id }, as(anna._id)))).toEqual({ unread: 3 });
  expect(dataOf(await callAction('notification', 'unreadCount', {}, as(anna._id)))).toEqual({ unread: 3 });
  expect(dataOf(await callAction('notification', 'markAllRead', {}, as(anna._id)))).toEqual({ unread: 0 });
  const after = dataOf(await callAction('notification', 'list', { page: 1, pageSize: 10 }, as(anna._id)));
  expect(after.items.every((item) => item.read)).toBe(true);
  // Bob's are untouched.
  expect(dataOf(await callAction('notification', 'unreadCount', {}, as(bob._id)))).toEqual({ unread: 1 });
});

describe('scope', () => {
  it('another member’s notification is not found and stays unread; my list never shows it', async () => {
    const bobs = notificationId('vote_results', 's0', bob._id);
    expect(codeOf(await callAction('notification', 'markRead', { notificationId: bobs }, as(anna._id)))).toBe('NOT_FOUND');
    expect(codeOf(await callAction('notification', 'markRead', { notificationId: 'no-such-notification' }, as(anna._id)))).toBe('NOT_FOUND');
    expect((await readDoc<NotificationDoc>('notifications', bobs))?.read).toBe(false);
    const mine = dataOf(await callAction('notification', 'list', { page: 1, pageSize: 50 }, as(anna._id)));
    expect(mine.items.every((item) => item.id.endsWith(`:${anna._id}`))).toBe(true);
    // markAllRead reaches only the caller's.
    await callAction('notification', 'markAllRead', {}, as(anna._id));
    expect((await readDoc<NotificationDoc>('notifications', bobs))?.read).toBe(false);
  });
});

it('creates one notification per event and member, however often or concurrently it is created', async () => {
  const [carol] = await seedMembers(['n-carol']);
  const drafts = [draft(carol!._id, 'signup_approved', 'c1'), draft(carol!._id, 'required_course', 'a1')];
  const created = await Promise.all(Array.from({ length: 6 }, () => notify(testDb(), drafts, new Date())));
  expect(created.reduce((sum, n) => sum + n, 0)).toBe(2);
  expect(await notify(testDb(), [drafts[0]!], new Date())).toBe(0);
  expect(await readWhere('notifications', { memberId: carol!._id })).toHaveLength(2);
});

it('leaves out the kinds I turned off, from the list, the count and the settings; switches flipped at once are all kept', async () => {
  const [dora] = await seedMembers(['n-dora']);
  await seed(dora!._id, ['required_course', 'due_tomorrow', 'overdue', 'order_shipped']);
  const settings = dataOf(await callAction('notification', 'settings', {}, as(dora!._id)));
  expect(settings.kinds.map((kind) => kind.kind)).toEqual([
    'required_course',
    'due_tomorrow',
    'overdue',
    'signup_approved',
    'vote_results',
    'order_shipped',
    'certificate_issued',
    'learner_level',
    'author_level',
    'author_award',
  ]);
  expect(settings.kinds.every((kind) => kind.enabled && kind.remaining === 0)).toBe(true);
  const answers = await Promise.all(
    (['due_tomorrow', 'overdue', 'order_shipped'] as const).map((kind) => callAction('notification', 'setKind', { kind, enabled: false }, as(dora!._id))),
  );
  expect(answers.map(codeOf)).toEqual(['OK', 'OK', 'OK']);
  expect((await readDoc<NotificationSettingsDoc>('notificationSettings', dora!._id))?.off).toEqual(['due_tomorrow', 'overdue', 'order_shipped']);
  const list = dataOf(await callAction('notification', 'list', { page: 1, pageSize: 10 }, as(dora!._id)));
  expect(list.items.map((item) => item.kind)).toEqual(['required_course']);
  expect(list.unread).toBe(1);
  const back = dataOf(await callAction('notification', 'setKind', { kind: 'overdue', enabled: true }, as(dora!._id)));
  expect(back.kinds.filter((kind) => !kind.enabled).map((kind) => kind.kind)).toEqual(['due_tomorrow', 'order_shipped']);
  expect(dataOf(await callAction('notification', 'unreadCount', {}, as(dora!._id)))).toEqual({ unread: 2 });
});

it('keeps the read path within its operations: caller 1, then list 4, unread count 2, mark one 4, mark all 1', async () => {
  const [eve] = await seedMembers(['n-eve']);
  await seed(eve!._id, ['required_course', 'order_shipped', 'overdue']);
  expect(await operationsOf(() => callAction('notification', 'list', { page: 1, pageSize: 20 }, as(eve!._id)))).toBe(5);
  expect(await operationsOf(() => callAction('notification', 'unreadCount', {}, as(eve!._id)))).toBe(3);
  const id = notificationId('overdue', 's2', eve!._id);
  expect(await operationsOf(() => callAction('notification', 'markRead', { notificationId: id }, as(eve!._id)))).toBe(5);
  expect(await operationsOf(() => callAction('notification', 'markAllRead', {}, as(eve!._id)))).toBe(2);
});
