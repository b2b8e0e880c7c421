/**
 * The share UI of the main package. 分享落地页: a member is sent on to the shared page; an outsider sees 仅限员工
 * and how to bind, never content. The share bar: poster and share leaderboard. 我的: 我的分享 and 学习数据.
 */
import { failure, ok } from '../wx-stub';
import { inStatus, loadComponent, settle, tap, wxStub, openPage, text, texts } from '../harness';
import { callsOf, courseBackend } from '../../helpers/pages/course';
import { TOKEN, memberOpen, outsiderOpen } from '../../helpers/pages/share';
import { PROFILE, meBackend } from '../../helpers/pages/profile';

const open = (query: Record<string, string>) => openPage('pages/share/index', query);

test('a member opening a link is sent on to the course, and the open is recorded', async () => {
  courseBackend({ 'share.open': () => ok(memberOpen('course', 'c1')) });
  const { page } = await open({ token: TOKEN });
  expect(callsOf('share.open')).toEqual([{ action: 'open', token: TOKEN }]);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=c1']);
  expect(text(page.querySelector('.redirecting'))).toBe('正在打开…');
});

test('a poster code lands with the token as its encoded scene and leads to a series', async () => {
  courseBackend({ 'share.open': () => ok(memberOpen('series', 's 9')) });
  await open({ scene: encodeURIComponent(TOKEN) });
  expect(callsOf('share.open')).toEqual([{ action: 'open', token: TOKEN }]);
  expect(wxStub().navigations).toEqual(['/packageCourse/series/index?id=s%209']);
});

test('an outsider sees 仅限员工 and the way to bind, and nothing of the content', async () => {
  courseBackend({ 'share.open': () => ok(outsiderOpen) });
  const { page, simulate } = await open({ token: TOKEN });
  const outsider = page.querySelector('.outsider');
  expect(text(outsider)).toContain('仅限员工查看');
  expect(text(outsider)).toContain('绑定身份');
  expect(wxStub().navigations).toEqual([]);
  await tap(simulate, page.querySelector('.bind')!);
  expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member']);
});

test('a link without a well-formed token, or an unknown token, says the share is invalid', async () => {
  const first = await open({ token: 'nope' });
  expect(text(first.page.querySelector('.invalid'))).toContain('分享链接无效或已失效');
  expect(wxStub().calls).toHaveLength(0);

  courseBackend({ 'share.open': () => failure('NOT_FOUND', '分享不存在') });
  const second = await open({ token: TOKEN });
  expect(text(second.page.querySelector('.invalid'))).toContain('分享链接无效或已失效');
  await tap(second.simulate, second.page.querySelector('.home')!);
  expect(wxStub().switchTabs).toEqual(['/pages/learn/index']);
});

test('a failure shows the message, and retry opens again', async () => {
  let fail = true;
  courseBackend({
    'share.open': () => (fail ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(memberOpen('contestResults', 'k1'))),
  });
  const { page, simulate } = await open({ token: TOKEN });
  expect(text(inStatus(page, '.state-error'))).toContain('服务器开小差了');
  fail = false;
  await tap(simulate, inStatus(page, '.retry')!);
  expect(wxStub().navigations).toEqual(['/packageContest/results/index?contestId=k1']);
});

describe('share bar', () => {
  async function renderBar(properties: Record<string, unknown>) {
    const loaded = loadComponent('components/share-bar/index');
    const bar = loaded.render(properties);
    await settle(loaded.simulate);
    return { bar, simulate: loaded.simulate };
  }

  test('a course offers sharing and a poster, and no leaderboard', async () => {
    const { bar, simulate } = await renderBar({ kind: 'course', targetId: 'c 1' });
    expect(bar.querySelector('.share-chat')).toBeTruthy();
    expect(bar.querySelector('.share-board')).toBeFalsy();
    await tap(simulate, bar.querySelector('.share-poster')!);
    expect(wxStub().navigations).toEqual(['/packageShare/poster/index?kind=course&id=c%201']);
  });

  test('a campaign links its own share leaderboard', async () => {
    const { bar, simulate } = await renderBar({ kind: 'campaign', targetId: 'p1' });
    await tap(simulate, bar.querySelector('.share-board')!);
    expect(wxStub().navigations).toEqual(['/packageShare/leaderboard/index?boardKind=campaign&boardId=p1']);
  });

  test("a contest entry links its contest's leaderboard once the contest is known", async () => {
    const { bar, simulate } = await renderBar({ kind: 'contestEntry', targetId: 'e1' });
    expect(bar.querySelector('.share-board')).toBeFalsy();
    bar.setData({ contestId: 'k1' });
    await settle(simulate);
    await tap(simulate, bar.querySelector('.share-board')!);
    expect(wxStub().navigations).toEqual(['/packageShare/leaderboard/index?boardKind=contest&boardId=k1']);
  });
});

describe('我的 entries', () => {
  test('every member finds 我的分享', async () => {
    meBackend(() => ok(PROFILE));
    const { page, simulate } = await openPage('pages/me/index');
    expect(texts(page.querySelectorAll('.entry-title'))).not.toContain('学习数据');
    await tap(simulate, page.querySelector('.my-shares')!);
    expect(wxStub().navigations).toEqual(['/packageShare/mine/index']);
  });

  test('a trainer opens 学习数据 from 课程管理', async () => {
    meBackend(() => ok({ ...PROFILE, roles: [{ role: 'learner' }, { role: 'trainer' }] }));
    const { page, simulate } = await openPage('pages/me/index');
    const entries = page.querySelectorAll('.entry');
    const index = texts(page.querySelectorAll('.entry-title')).indexOf('学习数据');
    expect(index).toBeGreaterThanOrEqual(0);
    await tap(simulate, entries[index]!);
    expect(wxStub().navigations).toEqual(['/packageReport/overview/index']);
  });
});
