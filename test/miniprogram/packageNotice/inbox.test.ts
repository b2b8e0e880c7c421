/** 消息中心: unread marked and counted, opening marks read and goes to the page, 全部已读, paging, empty and error states. */
import { failure, ok } from '../wx-stub';
import { inStatus, openPage, page, settle, tap, text, texts, wxStub } from '../harness';
import { backend, inputsOf } from '../../helpers/backend';
import { notification } from '../../helpers/pages/notification';

const ITEMS = [
  notification('n1'),
  notification('n2', {
    kind: 'due_tomorrow',
    title: '必修课明天截止：安全生产',
    body: '截止 2026-03-02，尚未完成',
    page: '/packageCourse/course/index?id=c1',
    read: true,
  }),
  notification('n3', { kind: 'certificate_issued', title: '获得证书：安全生产', body: '点击查看证书', page: null }),
];

const listOf =
  (items = ITEMS, unread = 2) =>
  () =>
    ok({ ...page(items, 1, items.length), unread });

test('lists notifications with their kind, time and unread marks, and the unread count', async () => {
  backend({ 'notification.list': listOf() });
  const { page: rendered } = await openPage('packageNotice/inbox/index');
  expect(texts(rendered.querySelectorAll('.notification-kind'))).toEqual(['礼品已发放', '必修课明天截止', '获得证书']);
  expect(texts(rendered.querySelectorAll('.notification-title'))).toEqual(['礼品已发放：定制马克杯', '必修课明天截止：安全生产', '获得证书：安全生产']);
  expect(texts(rendered.querySelectorAll('.notification-time'))).toEqual(['2026-03-01 10:00', '2026-03-01 10:00', '2026-03-01 10:00']);
  expect(rendered.querySelectorAll('.unread')).toHaveLength(2);
  expect(rendered.querySelectorAll('.dot')).toHaveLength(2);
  expect(text(rendered.querySelector('.unread-line'))).toBe('2 条未读');
});

test('a recent notification says how long ago, an older one its Beijing date and time', async () => {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const items = [notification('n1', { createdAt: minutesAgo(3) }), notification('n2', { createdAt: minutesAgo(3 * 24 * 60 + 5) }), notification('n3')];
  backend({ 'notification.list': listOf(items, 0) });
  const { page: rendered } = await openPage('packageNotice/inbox/index');
  expect(texts(rendered.querySelectorAll('.notification-time'))).toEqual(['3 分钟前', '3 天前', '2026-03-01 10:00']);
});

test('opening an unread notification marks it read, then opens its page; a read one just opens', async () => {
  backend({ 'notification.list': listOf(), 'notification.markRead': () => ok({ unread: 1 }) });
  const { page: rendered, simulate } = await openPage('packageNotice/inbox/index');
  await tap(simulate, rendered.querySelectorAll('.notification')[0]!);
  await settle(simulate);
  expect(inputsOf('notification', 'markRead')).toEqual([{ notificationId: 'n1' }]);
  expect(wxStub().navigations).toEqual(['/packagePoints/orders/index']);
  expect(rendered.querySelectorAll('.unread')).toHaveLength(1);
  expect(text(rendered.querySelector('.unread-line'))).toBe('1 条未读');
  await tap(simulate, rendered.querySelectorAll('.notification')[1]!);
  expect(inputsOf('notification', 'markRead')).toHaveLength(1);
  expect(wxStub().navigations).toEqual(['/packagePoints/orders/index', '/packageCourse/course/index?id=c1']);
});

test('a notification without a page opens nothing; a failed mark leaves it unread and the page usable', async () => {
  backend({ 'notification.list': listOf(), 'notification.markRead': () => failure('INTERNAL', '服务暂时不可用') });
  const { page: rendered, simulate } = await openPage('packageNotice/inbox/index');
  await tap(simulate, rendered.querySelectorAll('.notification')[2]!);
  await settle(simulate);
  expect(wxStub().navigations).toEqual([]);
  expect(rendered.querySelectorAll('.unread')).toHaveLength(2);
});

test('全部已读 marks everything read; with nothing unread it does nothing', async () => {
  backend({ 'notification.list': listOf(), 'notification.markAllRead': () => ok({ unread: 0 }) });
  const { page: rendered, simulate } = await openPage('packageNotice/inbox/index');
  await tap(simulate, rendered.querySelector('.mark-all')!);
  await settle(simulate);
  expect(inputsOf('notification', 'markAllRead')).toEqual([{}]);
  expect(rendered.querySelectorAll('.unread')).toHaveLength(0);
  expect(text(rendered.querySelector('.unread-line'))).toBe('没有未读消息');
  expect(wxStub().toasts).toEqual(['已全部标为已读']);
  await tap(simulate, rendered.querySelector('.mark-all')!);
  expect(inputsOf('notification', 'markAllRead')).toHaveLength(1);
});

test('pages on, opens 消息设置, and says so when empty or failing', async () => {
  backend({
    'notification.list': (call) =>
      Number(call.event.page) === 1 ? ok({ ...page(ITEMS.slice(0, 2), 1, 3, 2), unread: 1 }) : ok({ ...page(ITEMS.slice(2), 2, 3, 2), unread: 1 }),
  });
  const { page: rendered, simulate } = await openPage('packageNotice/inbox/index');
  await tap(simulate, inStatus(rendered, '.load-more')!);
  expect(rendered.querySelectorAll('.notification')).toHaveLength(3);
  await tap(simulate, rendered.querySelector('.settings')!);
  expect(wxStub().navigations).toEqual(['/packageNotice/settings/index']);

  backend({ 'notification.list': listOf([], 0) });
  const empty = await openPage('packageNotice/inbox/index');
  expect(text(inStatus(empty.page, '.state-empty'))).toContain('还没有消息');

  backend({ 'notification.list': () => failure('INTERNAL', '服务暂时不可用') });
  const failing = await openPage('packageNotice/inbox/index');
  expect(inStatus(failing.page, '.state-error')).toBeTruthy();
});
