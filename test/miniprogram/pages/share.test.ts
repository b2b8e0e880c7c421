/** 分享落地页: a member is sent on to the shared page; an outsider sees 仅限员工 and how to bind, never content. */
import { failure, ok } from '../wx-stub';
import { inStatus, tap, wxStub } from '../harness';
import { callsOf, courseBackend, openPage, text } from '../packageCourse/course-fixtures';
import { TOKEN, memberOpen, outsiderOpen } from './share-fixtures';

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
    'share.open': () =>
      fail ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(memberOpen('contestResults', 'k1')),
  });
  const { page, simulate } = await open({ token: TOKEN });
  expect(text(inStatus(page, '.state-error'))).toContain('服务器开小差了');
  fail = false;
  await tap(simulate, inStatus(page, '.retry')!);
  expect(wxStub().navigations).toEqual(['/packageContest/results/index?contestId=k1']);
});
