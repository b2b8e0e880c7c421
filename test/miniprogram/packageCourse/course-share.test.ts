/** Sharing on the course and series pages: share bar, tokened cards, opens through a share, outsiders. */
import { ok } from '../wx-stub';
import { settle, tap, wxStub, openPage } from '../harness';
import { TOKEN, memberOpen, outsiderOpen } from '../../helpers/pages/share';
import { callsOf, courseBackend, detail, summary } from '../../helpers/pages/course';
import type { SeriesDetail } from '../../../typings/functions/course';
import type { ShareChannel, ShareTargetKind } from '../../../typings/functions/share';

type Sharing = {
  onShareAppMessage(): { title?: string; path?: string; imageUrl?: string; promise?: Promise<{ path?: string }> };
  onShareTimeline(): { title?: string; query?: string };
  onUnload?(): void;
};
const sharing = (page: { instance: unknown }) => page.instance as Sharing;

const created = (kind: ShareTargetKind, id: string, channel: ShareChannel) =>
  ok({ token: TOKEN, target: { kind, id }, channel, title: '课程1', path: `pages/share/index?token=${TOKEN}`, query: `token=${TOKEN}` });

const SERIES: SeriesDetail = {
  id: 's1',
  title: '新经理 30 天',
  summary: '带团队的第一课',
  coverUrl: 'https://media.example/s1.png',
  courseCount: 1,
  completedCount: 0,
  stepUnlock: false,
  courses: [{ ...summary(1), index: 0, locked: false, percent: 0, completed: false }],
};

test('a course shares to a chat with a token, its cover as the card, and offers a poster', async () => {
  courseBackend({
    'course.detail': () => ok(detail({ coverUrl: 'https://media.example/c1.png', content: null, locked: true })),
    'share.create': (call) => created('course', call.event.targetId, call.event.channel),
  });
  const { page, simulate } = await openPage('packageCourse/course/index', { id: 'c1' });
  const card = sharing(page).onShareAppMessage();
  expect(card).toMatchObject({ title: '课程1', path: '/packageCourse/course/index?id=c1', imageUrl: 'https://media.example/c1.png' });
  await expect(card.promise).resolves.toMatchObject({ path: `/pages/share/index?token=${TOKEN}` });
  expect(callsOf('share.create')).toEqual([expect.objectContaining({ targetKind: 'course', targetId: 'c1', channel: 'chat' })]);
  expect(sharing(page).onShareTimeline()).toMatchObject({ title: '课程1', query: 'id=c1' });
  await settle(simulate);
  expect(callsOf('share.create').map((event) => event.channel)).toEqual(['chat', 'timeline']);

  await tap(simulate, page.querySelector('#share-bar')!.querySelector('.share-poster')!);
  expect(wxStub().navigations).toEqual(['/packageShare/poster/index?kind=course&id=c1']);
});

test('a course entered through a share records the open, then loads', async () => {
  courseBackend({ 'share.open': () => ok(memberOpen('course', 'c1')), 'course.detail': () => ok(detail({ content: null, locked: true })) });
  await openPage('packageCourse/course/index', { id: 'c1', token: TOKEN });
  const calls = wxStub().calls.map((call) => `${call.name}.${String(call.event.action)}`);
  expect(calls.filter((call) => call !== 'course.comments' && call !== 'course.discussionList')).toEqual(['share.open', 'course.detail']);
});

test('an outsider entering a course through Moments is sent to 仅限员工; the course is never asked for', async () => {
  courseBackend({ 'share.open': () => ok(outsiderOpen) });
  await openPage('packageCourse/course/index', { id: 'c1', token: TOKEN });
  expect(callsOf('course.detail')).toEqual([]);
  expect(wxStub().relaunches).toEqual([`/pages/share/index?token=${TOKEN}`]);
});

test('a series shares with its own card and records opens through a share', async () => {
  courseBackend({
    'share.open': () => ok(memberOpen('series', 's1')),
    'course.seriesDetail': () => ok(SERIES),
    'share.create': (call) => created('series', 's1', call.event.channel),
  });
  const { page } = await openPage('packageCourse/series/index', { id: 's1', token: TOKEN });
  expect(callsOf('share.open')).toEqual([{ action: 'open', token: TOKEN }]);
  const card = sharing(page).onShareAppMessage();
  expect(card).toMatchObject({ title: '新经理 30 天', path: '/packageCourse/series/index?id=s1', imageUrl: 'https://media.example/s1.png' });
  await card.promise;
  expect(callsOf('share.create')).toEqual([expect.objectContaining({ targetKind: 'series', targetId: 's1', channel: 'chat' })]);
});
