/** 我的 offers 我的分享 to every member, and 学习数据 to trainers and admins. */
import { ok } from '../wx-stub';
import { tap, wxStub } from '../harness';
import { openPage, texts } from '../packagePoints/fixtures';
import { PROFILE } from './share-fixtures';

test('every member finds 我的分享', async () => {
  wxStub().handler = () => ok(PROFILE);
  const { page, simulate } = await openPage('pages/me/index');
  expect(texts(page.querySelectorAll('.entry-title'))).not.toContain('学习数据');
  await tap(simulate, page.querySelector('.my-shares')!);
  expect(wxStub().navigations).toEqual(['/packageShare/mine/index']);
});

test('a trainer opens 学习数据 from 课程管理', async () => {
  wxStub().handler = () => ok({ ...PROFILE, roles: [{ role: 'learner' }, { role: 'trainer' }] });
  const { page, simulate } = await openPage('pages/me/index');
  const entries = page.querySelectorAll('.entry');
  const index = texts(page.querySelectorAll('.entry-title')).indexOf('学习数据');
  expect(index).toBeGreaterThanOrEqual(0);
  await tap(simulate, entries[index]!);
  expect(wxStub().navigations).toEqual(['/packageReport/overview/index']);
});
