/**
 * 参赛作品 and 人气榜: the current round's entries with a search, another round from the picker, the vote
 * leaderboard by maintained counts, and opening an entry.
 */
import { backend, callsOf, contest, input, ok, openPage, page, round, text, texts } from './contest-fixtures';
import { failure } from '../wx-stub';
import { inStatus, tap, wxStub } from '../harness';

const votingContest = contest({
  rounds: [
    round(0, { phase: 'closed', resultsPublished: true, entryCount: 40 }),
    round(1, { phase: 'closed', resultsPublished: true, entryCount: 12 }),
    round(2, { phase: 'voting', votingOpen: true, entryCount: 3 }),
  ],
});

const card = (n: number, votes: number) => ({ id: `e${n}`, title: `作品${n}`, ownerName: `作者${n}`, teamName: n === 2 ? '二队' : null, votes });

test('the current round opens first; search by keyword; another round from the picker', async () => {
  backend({
    'contest.detail': () => ok(votingContest),
    'contest.entries': (call) => ok(page(call.event.keyword === '二' ? [card(2, 7)] : [card(1, 12), card(2, 7), card(3, 0)], 1, call.event.keyword === '二' ? 1 : 3)),
  });
  const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1' });
  expect(callsOf('contest', 'entries')).toEqual([{ roundId: 'r3', keyword: '', page: 1, pageSize: 10 }]);
  expect(texts(list.querySelectorAll('.entry'))).toEqual(['作品1作者112 票', '作品2二队 · 作者27 票', '作品3作者30 票']);
  expect(text(list.querySelector('.voting-note'))).toBe('投票进行中，点开作品即可投票');

  await tap(simulate, list.querySelectorAll('.entry')[1]!);
  expect(wxStub().navigations).toEqual(['/packageContest/entry/index?entryId=e2']);

  await input(simulate, list.querySelector('.search-input'), ' 二 ');
  await tap(simulate, list.querySelector('.search-button')!);
  expect(callsOf('contest', 'entries')[1]).toEqual({ roundId: 'r3', keyword: '二', page: 1, pageSize: 10 });
  expect(list.querySelectorAll('.entry')).toHaveLength(1);

  await input(simulate, list.querySelector('.round-picker'), 0, 'change');
  expect(callsOf('contest', 'entries')[2]).toEqual({ roundId: 'r1', keyword: '二', page: 1, pageSize: 10 });
  expect(text(list.querySelector('.voting-note'))).toBe('本轮不设大众投票');
});

test('人气榜 lists by votes with ranks; an empty board says so', async () => {
  const rows = [
    { rank: 1, entryId: 'e1', title: '作品1', ownerName: '作者1', teamName: null, votes: 12 },
    { rank: 2, entryId: 'e2', title: '作品2', ownerName: '作者2', teamName: '二队', votes: 7 },
  ];
  let empty = false;
  backend({
    'contest.detail': () => ok(votingContest),
    'contest.entries': () => ok(page([card(3, 0)], 1, 1)),
    'contest.voteLeaderboard': () => ok(page(empty ? [] : rows, 1, empty ? 0 : 2)),
  });
  const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1', roundId: 'r3' });
  await tap(simulate, list.querySelector('.tab-rank')!);
  expect(callsOf('contest', 'voteLeaderboard')).toEqual([{ roundId: 'r3', page: 1, pageSize: 10 }]);
  expect(texts(list.querySelectorAll('.rank'))).toEqual(['1', '2']);
  expect(texts(list.querySelectorAll('.entry-owner'))).toEqual(['作者1', '二队 · 作者2']);
  expect(list.querySelector('.search-input')).toBeFalsy();

  empty = true;
  await tap(simulate, list.querySelector('.tab-entries')!);
  await tap(simulate, list.querySelector('.tab-rank')!);
  expect(text(inStatus(list, '.state-empty'))).toContain('暂无投票');
});

test('a contest that fails to load offers retry, which loads the rounds then the list', async () => {
  let calls = 0;
  backend({
    'contest.detail': () => (calls++ === 0 ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(votingContest)),
    'contest.entries': () => ok(page([card(1, 1)], 1, 1)),
  });
  const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1' });
  expect(text(inStatus(list, '.state-error'))).toContain('服务器开小差了');
  expect(callsOf('contest', 'entries')).toEqual([]);
  await tap(simulate, inStatus(list, '.retry')!);
  expect(callsOf('contest', 'entries')).toEqual([{ roundId: 'r3', keyword: '', page: 1, pageSize: 10 }]);
  expect(list.querySelectorAll('.entry')).toHaveLength(1);
});
