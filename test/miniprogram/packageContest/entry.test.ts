/**
 * 作品详情 with the 投票 button: votes left today shown and updated after a vote, the count from the answer,
 * one request id per tap reused only when the answer never came, and the messages for the quota, the window
 * and one's own entry. The page is shareable (utils/share.ts).
 */
import { backend, callsOf, entry, ok, openPage, text, texts, votesLeft } from './contest-fixtures';
import { failure } from '../wx-stub';
import { tap, wxStub } from '../harness';

const other = entry({
  isMine: false,
  editable: false,
  submitted: true,
  votes: 41,
  currentRoundId: 'r3',
  currentRoundName: '决赛',
  kind: 'team',
  teamName: '安全小分队',
  members: [
    { memberId: 'm1', name: '张三', departmentPath: ['华东'] },
    { memberId: 'm2', name: '李四', departmentPath: ['华东'] },
  ],
  courses: [
    { courseId: 'c1', title: '安全第一课', format: 'video', submittedRevision: 2 },
    { courseId: 'c2', title: '安全第二课', format: 'article', submittedRevision: 1 },
  ],
  pitchVideo: { fileID: 'cloud://env/pitch.mp4', seconds: 90, url: 'http://127.0.0.1:8787/storage/pitch.mp4' },
});

const open = () => openPage('packageContest/entry/index', { entryId: 'e1' });

test('shows the entry, its courses and pitch, and votes: the count and votes left follow the answer', async () => {
  backend({
    'contest.entry': () => ok(other),
    'contest.votesLeft': () => ok(votesLeft()),
    'contest.vote': () => ok({ ballotId: 'b1', entryId: 'e1', roundId: 'r3', day: '2026-05-12', firstTime: true, votes: 45, entryLeft: 0, totalLeft: null }),
  });
  const { page, simulate } = await open();
  expect(callsOf('contest', 'votesLeft')).toEqual([{ roundId: 'r3', entryIds: ['e1'] }]);
  expect(text(page.querySelector('.entry-meta'))).toBe('团队作品 · 安全小分队 · 决赛');
  expect(texts(page.querySelectorAll('.course-title'))).toEqual(['1. 安全第一课', '2. 安全第二课']);
  expect(page.querySelector('.pitch-video')).toBeTruthy();
  expect(text(page.querySelector('.votes'))).toBe('41');
  expect(text(page.querySelector('.vote-note'))).toBe('今日还可为该作品投 1 票');
  expect(page.instance.data.shareTarget).toEqual({ kind: 'contestEntry', id: 'e1', title: '三分钟讲清安全规程 · 安全小分队' });

  await tap(simulate, page.querySelector('.vote-button')!);
  const [sent] = callsOf('contest', 'vote');
  expect(sent).toEqual({ entryId: 'e1', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  // Others voted meanwhile: the answer's count is shown, not 41 + 1.
  expect(text(page.querySelector('.votes'))).toBe('45');
  expect(wxStub().toasts).toEqual(['投票成功']);
  expect(page.querySelector('.vote-button')).toBeFalsy();
  expect(text(page.querySelector('.vote-note'))).toBe('今天已为该作品投过 1 票，明天再来吧');

  await tap(simulate, page.querySelectorAll('.course')[0]!);
  expect(wxStub().navigations).toEqual(['/packageContest/entry-course/index?entryId=e1&courseId=c1']);
});

test('total mode shows the votes left over all entries; a lost answer is retried with the same request id', async () => {
  let attempt = 0;
  backend({
    'contest.entry': () => ok(other),
    'contest.votesLeft': () => ok(votesLeft({ mode: 'total', perDay: 3, totalLeft: 3 }, { left: 3 })),
    'contest.vote': () =>
      attempt++ === 0
        ? { networkError: 'timeout' }
        : ok({ ballotId: 'b1', entryId: 'e1', roundId: 'r3', day: '2026-05-12', firstTime: true, votes: 42, entryLeft: 2, totalLeft: 2 }),
  });
  const { page, simulate } = await open();
  expect(text(page.querySelector('.vote-note'))).toBe('今日还可投 3 票（所有作品共用）');
  await tap(simulate, page.querySelector('.vote-button')!);
  expect(text(page.querySelector('.vote-error'))).toBe('网络连接失败，请检查网络后重试');
  await tap(simulate, page.querySelector('.vote-button')!);
  const calls = callsOf('contest', 'vote');
  expect(calls).toHaveLength(2);
  expect(calls[1]!.requestId).toBe(calls[0]!.requestId);
  expect(text(page.querySelector('.vote-note'))).toBe('今日还可投 2 票（所有作品共用）');
  expect(page.querySelector('.vote-error')).toBeFalsy();

  // A new tap is a new vote: a new request id.
  await tap(simulate, page.querySelector('.vote-button')!);
  expect(callsOf('contest', 'vote')[2]!.requestId).not.toBe(calls[0]!.requestId);
});

test('over the quota: the function refuses, the page says so and asks again what is left', async () => {
  let asked = 0;
  backend({
    'contest.entry': () => ok(other),
    'contest.votesLeft': () => ok(asked++ === 0 ? votesLeft({ mode: 'total', perDay: 3, totalLeft: 1 }, { left: 1 }) : votesLeft({ mode: 'total', perDay: 3, totalLeft: 0, usedToday: 3 }, { left: 0 })),
    'contest.vote': () => failure('VOTE_LIMIT', '今日票数已用完，明天再来吧'),
  });
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.vote-button')!);
  expect(text(page.querySelector('.vote-error'))).toBe('今日票数已用完，明天再来吧');
  expect(callsOf('contest', 'votesLeft')).toHaveLength(2);
  expect(page.querySelector('.vote-button')).toBeFalsy();
  expect(text(page.querySelector('.vote-note'))).toBe('今日票数已用完，明天再来吧');
});

test('no button outside the window, nor on my own entry when that is not allowed', async () => {
  backend({ 'contest.entry': () => ok(other), 'contest.votesLeft': () => ok(votesLeft({ votingOpen: false }, { left: 0 })) });
  const { page: closed } = await open();
  expect(closed.querySelector('.vote-button')).toBeFalsy();
  expect(text(closed.querySelector('.vote-note'))).toBe('当前不在投票时间');

  backend({ 'contest.entry': () => ok({ ...other, isMine: true }), 'contest.votesLeft': () => ok(votesLeft({}, { left: 0 })) });
  const { page: mine } = await open();
  expect(mine.querySelector('.vote-button')).toBeFalsy();
  expect(text(mine.querySelector('.vote-note'))).toBe('不能给自己的作品投票');
});

test('a window closing under the page: VOTING_CLOSED says so and the button goes', async () => {
  let asked = 0;
  backend({
    'contest.entry': () => ok(other),
    'contest.votesLeft': () => ok(asked++ === 0 ? votesLeft() : votesLeft({ votingOpen: false }, { left: 0 })),
    'contest.vote': () => failure('VOTING_CLOSED', '当前不在投票时间'),
  });
  const { page, simulate } = await open();
  await tap(simulate, page.querySelector('.vote-button')!);
  expect(text(page.querySelector('.vote-error'))).toBe('当前不在投票时间');
  expect(page.querySelector('.vote-button')).toBeFalsy();
});
