/**
 * The contest entries on 我的 (我的参赛 for every member, 评审工作台 for judges, 大赛管理 for admins) and the
 * 我的参赛 page: each contest with my entry's state, leading to the entry form while it can be edited, and
 * the team invitations waiting for my answer.
 */
import { ok } from '../wx-stub';
import { loadComponent, settle, tap, wxStub, openPage, text, texts, page } from '../harness';
import { backend, callsOf, contest, entry } from '../../helpers/pages/contest';
import { PROFILE, meBackend, type BoundMe } from '../../helpers/pages/profile';
import type { Role } from '../../../typings/roles';
import type { ContestSummary } from '../../../typings/functions/contest';

const profile = (roles: Role[]): BoundMe => ({ ...PROFILE, roles: roles.map((role) => ({ role })) });

async function openMe() {
  const loaded = loadComponent('pages/me/index');
  const rendered = loaded.render();
  await (rendered.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  await settle(loaded.simulate);
  return { ...loaded, page: rendered };
}

test('every member has 我的参赛; a judge gets 评审工作台 and an admin 大赛管理', async () => {
  meBackend(() => ok(profile(['learner'])));
  const learner = await openMe();
  expect(learner.page.querySelector('.entry-section')).toBeFalsy();
  await tap(learner.simulate, learner.page.querySelector('.my-contests')!);
  expect(wxStub().navigations).toEqual(['/packageContest/my-entries/index']);

  meBackend(() => ok(profile(['learner', 'judge', 'admin'])));
  const judge = await openMe();
  expect(texts(judge.page.querySelectorAll('.entry-section-title'))).toEqual(['管理后台', '大赛评审']);
  const titles = texts(judge.page.querySelectorAll('.entry-title'));
  expect(titles).toContain('大赛管理');
  expect(titles.at(-1)).toBe('评审工作台');
  const entries = judge.page.querySelectorAll('.entry');
  await tap(judge.simulate, entries[titles.indexOf('大赛管理')]!);
  await tap(judge.simulate, entries[titles.indexOf('评审工作台')]!);
  expect(wxStub().navigations.slice(1)).toEqual(['/packageContest/admin-contests/index', '/packageContest/workbench/index']);
});

const summary = (id: string, title: string): ContestSummary => ({
  ...contest({ id, title }),
  poster: null,
  currentRoundName: '初赛',
  currentPhase: 'submission',
  finished: false,
  publishedAt: null,
});

test('我的参赛 shows my entry in each contest; an editable entry opens the entry form, another its page', async () => {
  backend({
    'contest.invitations': () => ok(page([], 1, 0)),
    'contest.list': () => ok(page([summary('k1', '大赛一'), summary('k2', '大赛二'), summary('k3', '大赛三')], 1, 3)),
    'contest.myEntry': (call) =>
      ok(
        call.event.contestId === 'k1'
          ? entry()
          : call.event.contestId === 'k2'
            ? entry({ id: 'e2', title: '作品二', editable: false, submitted: true, currentRoundName: '复赛' })
            : null,
      ),
  });
  const { page: mine, simulate } = await openPage('packageContest/my-entries/index');
  expect(callsOf('contest', 'myEntry')).toEqual([{ contestId: 'k1' }, { contestId: 'k2' }, { contestId: 'k3' }]);
  expect(mine.instance.data.items.map((card: { note: string }) => card.note)).toEqual([
    '我的作品：三分钟讲清安全规程 · 初赛未提交作品',
    '我的作品：作品二 · 复赛已提交',
    '未报名',
  ]);
  const cards = mine.querySelectorAll('.contest');
  expect(text(cards[0])).toContain('大赛一');
  for (const card of cards) await tap(simulate, card.querySelector('.contest-card')!);
  expect(wxStub().navigations).toEqual([
    '/packageContest/signup/index?contestId=k1',
    '/packageContest/entry/index?entryId=e2',
    '/packageContest/contest/index?id=k3',
  ]);
  expect(mine.querySelector('.invitations')).toBeFalsy();
});

test('我的参赛 counts the team invitations waiting for my answer and opens them', async () => {
  backend({
    'contest.list': () => ok(page([summary('k1', '大赛一')], 1, 1)),
    'contest.myEntry': () => ok(null),
    'contest.invitations': () => ok(page([], 1, 3, 1)),
  });
  const { page: mine, simulate } = await openPage('packageContest/my-entries/index');
  expect(callsOf('contest', 'invitations')).toEqual([{ contestId: null, page: 1, pageSize: 1 }]);
  expect(text(mine.querySelector('.invitations-count'))).toBe('3');
  await tap(simulate, mine.querySelector('.invitations')!);
  expect(wxStub().navigations).toEqual(['/packageContest/invitations/index']);
});
