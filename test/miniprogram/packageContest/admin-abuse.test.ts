/**
 * 投票异常 (admin): the report's bursts, department jumps and shared networks; a burst's ballots; voiding
 * chosen ballots needs a reason, confirms, sends one request id (kept when the answer was lost), and reloads.
 */
import { backend, callsOf, input, ok, openPage, page, text, texts } from './contest-fixtures';
import { settle, tap, wxStub } from '../harness';

const REPORT = {
  roundId: 'r3',
  generatedAt: '2026-05-12T04:00:00.000Z',
  bursts: [{ memberId: 'm7', name: '赵六', departmentPath: ['华南', '销售部'], day: '2026-05-12', votes: 30, maxInWindow: 25, boundAt: '2026-05-11T01:00:00.000Z', boundRecently: true }],
  departmentJumps: [{ departmentId: 'd9', departmentPath: ['华南', '销售部'], day: '2026-05-12', votes: 300, voters: 40, headcount: 50, previousAverage: 20, ratio: 15 }],
  sharedNetworks: [{ network: '10.0.0.0/24', voters: 12, votes: 40, memberIds: ['m7'] }],
  devicesNote: '云函数取不到设备标识，仅可按网络地址归并',
};

const ballot = (n: number, voided = false) => ({
  id: `b${n}`,
  roundId: 'r3',
  entryId: 'e1',
  entryTitle: '作品1',
  voterId: 'm7',
  voterName: '赵六',
  voterDepartmentPath: ['华南', '销售部'],
  day: '2026-05-12',
  castAt: '2026-05-12T01:0' + n + ':00.000Z',
  clientIp: '10.0.0.8',
  voided,
  voidReason: voided ? '刷票' : null,
  voidedByName: voided ? '管理员' : null,
  voidedAt: voided ? '2026-05-12T05:00:00.000Z' : null,
});

test('the report, a burst voter’s ballots, and voiding with a required reason and one request id', async () => {
  let attempts = 0;
  backend({
    'contest.voteAbuseReport': () => ok(REPORT),
    'contest.voteBallots': () => ok(page(attempts >= 2 ? [ballot(1, true), ballot(2, true), ballot(3, true)] : [ballot(1), ballot(2), ballot(3, true)], 1, 3, 50)),
    'contest.voidVotes': () => (attempts++ === 0 ? { networkError: 'timeout' } : ok({ voided: 2, alreadyVoided: 0, notFound: [] })),
  });
  const { page: report, simulate } = await openPage('packageContest/admin-abuse/index', { contestId: 'k1', roundId: 'r3' });
  expect(callsOf('contest', 'voteAbuseReport')).toEqual([{ roundId: 'r3' }]);
  expect(text(report.querySelector('.burst'))).toContain('华南 / 销售部 · 2026-05-12 共 30 票，最密集时段 25 票');
  expect(report.querySelectorAll('.recent')).toHaveLength(1);
  expect(text(report.querySelector('.jump'))).toContain('2026-05-12 300 票 / 40 人投票 / 部门 50 人 · 15.0 倍（此前日均 20.0）');
  expect(text(report.querySelector('.devices-note'))).toBe('云函数取不到设备标识，仅可按网络地址归并');

  await tap(simulate, report.querySelector('.burst')!);
  expect(callsOf('contest', 'voteBallots')).toEqual([{ roundId: 'r3', voterId: 'm7', day: '2026-05-12', page: 1, pageSize: 50 }]);
  expect(text(report.querySelector('.ballots-title'))).toBe('赵六 在 2026-05-12 的选票');
  expect(texts(report.querySelectorAll('.void-note'))).toEqual(['已作废：刷票（管理员 2026-05-12 13:00）']);

  await tap(simulate, report.querySelector('.void-button')!);
  expect(text(report.querySelector('.void-error'))).toBe('请先勾选要作废的选票');
  await tap(simulate, report.querySelector('.select-all')!);
  await tap(simulate, report.querySelector('.void-button')!);
  expect(text(report.querySelector('.void-error'))).toBe('请填写作废原因');
  await input(simulate, report.querySelector('.reason'), ' 同一时段集中刷票 ');

  wxStub().modalAnswers = [true, true];
  await tap(simulate, report.querySelector('.void-button')!);
  await settle(simulate);
  expect(text(report.querySelector('.void-error'))).toBe('网络连接失败，请检查网络后重试');
  await tap(simulate, report.querySelector('.void-button')!);
  await settle(simulate, 6);
  const calls = callsOf('contest', 'voidVotes');
  expect(calls).toHaveLength(2);
  expect(calls[0]).toEqual({ ballotIds: ['b1', 'b2'], reason: '同一时段集中刷票', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  expect(calls[1]!.requestId).toBe(calls[0]!.requestId);
  expect(wxStub().toasts).toEqual(['已作废 2 票']);
  expect(report.querySelectorAll('.void-note')).toHaveLength(3);
  expect(callsOf('contest', 'voteAbuseReport')).toHaveLength(2);
});

test('a shared network opens its ballots', async () => {
  backend({ 'contest.voteAbuseReport': () => ok(REPORT), 'contest.voteBallots': () => ok(page([ballot(1)], 1, 1, 50)) });
  const { page: report, simulate } = await openPage('packageContest/admin-abuse/index', { contestId: 'k1', roundId: 'r3' });
  await tap(simulate, report.querySelector('.network')!);
  expect(callsOf('contest', 'voteBallots')).toEqual([{ roundId: 'r3', network: '10.0.0.0/24', page: 1, pageSize: 50 }]);
  expect(report.querySelectorAll('.ballot')).toHaveLength(1);
});
