/**
 * 大赛主页: poster, theme, the timeline with the current round highlighted, topics, awards and rules, and what
 * the member can do in each phase (sign up, open my entry, browse and vote, results, judging).
 */
import { contest, entry, round } from './contest-fixtures';
import { backend, callsOf, ok, openPage, text, texts } from './contest-fixtures';
import { failure } from '../wx-stub';
import { inStatus, tap, wxStub } from '../harness';

const open = () => openPage('packageContest/contest/index', { id: 'k1' });

test('shows the contest: poster, theme, rules, topics, awards, and the timeline with the current round highlighted', async () => {
  backend({ 'contest.detail': () => ok(contest()) });
  const { page } = await open();
  expect(callsOf('contest', 'detail')).toEqual([{ contestId: 'k1' }]);
  // No entry yet: myEntry is not asked.
  expect(callsOf('contest', 'myEntry')).toEqual([]);
  expect(page.querySelector('.poster')).toBeTruthy();
  expect(text(page.querySelector('.contest-title'))).toBe('2026 微课大赛');
  expect(text(page.querySelector('.contest-theme'))).toBe('主题：把经验变成课程');
  expect(text(page.querySelector('.rules-text'))).toContain('二、评分标准');
  expect(texts(page.querySelectorAll('.topic-title'))).toEqual(['安全生产业务痛点', '客户服务']);
  expect(text(page.querySelector('.award'))).toBe('最佳微课 1 名 · 奖励 500 积分');

  const rounds = page.querySelectorAll('.round');
  expect(rounds).toHaveLength(3);
  expect(rounds[0]!.dom!.className).toContain('round-current');
  expect(rounds[1]!.dom!.className).not.toContain('round-current');
  expect(text(rounds[0])).toContain('初赛');
  expect(text(rounds[0])).toContain('作品提交中');
  expect(text(rounds[0])).toContain('作品提交2026-03-01 至 2026-03-10');
  // Only the final has a public vote.
  expect(text(rounds[2])).toContain('大众投票2026-05-11 至 2026-05-13');
  expect(text(rounds[1])).not.toContain('大众投票');
});

test('sign-up is offered while the first round takes submissions, and leads to the sign-up page', async () => {
  backend({ 'contest.detail': () => ok(contest()) });
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.sign-up')!);
  expect(wxStub().navigations).toEqual(['/packageContest/signup/index?contestId=k1']);
  expect(page.querySelector('.open-entries')).toBeFalsy();
  expect(page.querySelector('.open-results')).toBeFalsy();
});

test('a member outside the eligible range is told so and offered no sign-up', async () => {
  backend({ 'contest.detail': () => ok(contest({ eligible: false })) });
  const { page } = await open();
  expect(page.querySelector('.sign-up')).toBeFalsy();
  expect(text(page.querySelector('.not-eligible'))).toBe('你不在本次大赛的参赛范围内，可浏览作品');
});

test('with an entry: its state, editing while open, and the voting, results and judging buttons of the final phase', async () => {
  const final = contest({
    myEntryId: 'e1',
    judgeRoundIds: ['r3'],
    rounds: [
      round(0, { phase: 'closed', resultsPublished: true, entryCount: 120 }),
      round(1, { phase: 'closed', resultsPublished: true, entryCount: 30 }),
      round(2, { phase: 'voting', votingOpen: true, judgingOpen: true, entryCount: 10 }),
    ],
  });
  backend({
    'contest.detail': () => ok(final),
    'contest.myEntry': () => ok(entry({ submitted: true, editable: false, currentRoundId: 'r3', currentRoundName: '决赛', kind: 'team', teamName: '安全小分队' })),
  });
  const { page, simulate } = await open();
  expect(callsOf('contest', 'myEntry')).toEqual([{ contestId: 'k1' }]);
  expect(text(page.querySelector('.my-entry-title'))).toBe('三分钟讲清安全规程（安全小分队）');
  expect(text(page.querySelector('.my-entry-state'))).toBe('决赛 · 已提交 ›');
  expect(page.querySelectorAll('.round')[2]!.dom!.className).toContain('round-current');
  // Voting is open: the entries button says 作品投票 (TDesign renders its label in a slot).
  expect(page.instance.data.actions).toEqual({ signUp: false, notEligible: false, entries: true, voting: true, results: true, judge: true });

  // Not editable any more: the entry's own page.
  await tap(simulate, page.querySelector('.my-entry')!);
  await tap(simulate, page.querySelector('.open-entries')!);
  await tap(simulate, page.querySelector('.open-results')!);
  await tap(simulate, page.querySelector('.open-judge')!);
  expect(wxStub().navigations).toEqual([
    '/packageContest/entry/index?entryId=e1',
    '/packageContest/entries/index?contestId=k1',
    '/packageContest/results/index?contestId=k1',
    '/packageContest/workbench/index',
  ]);
});

test('an editable entry opens the entry form', async () => {
  backend({ 'contest.detail': () => ok(contest({ myEntryId: 'e1' })), 'contest.myEntry': () => ok(entry()) });
  const { page, simulate } = await open();
  expect(text(page.querySelector('.my-entry-state'))).toBe('初赛 · 未提交作品 · 可修改 ›');
  await tap(simulate, page.querySelector('.my-entry')!);
  expect(wxStub().navigations).toEqual(['/packageContest/signup/index?contestId=k1']);
});

test('a failed load says why and retries', async () => {
  let calls = 0;
  backend({ 'contest.detail': () => (calls++ === 0 ? failure('NOT_FOUND', '内容不存在或已删除') : ok(contest())) });
  const { page, simulate } = await open();
  expect(text(inStatus(page, '.state-error'))).toContain('内容不存在或已删除');
  await tap(simulate, inStatus(page, '.retry')!);
  expect(text(page.querySelector('.contest-title'))).toBe('2026 微课大赛');
});
