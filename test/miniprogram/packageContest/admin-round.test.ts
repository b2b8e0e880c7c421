/**
 * 赛制与评分 (admin): a round's windows, public vote rules, formats, advancement, weights, bonuses and rubric,
 * checked before anything is sent; what is sent is what the contract takes.
 */
import { adminContest } from './admin-fixtures';
import { backend, callsOf, input, ok, openPage, text, texts } from './contest-fixtures';
import { failure } from '../wx-stub';
import { tap, wxStub } from '../harness';

const open = (roundId = 'r3') => openPage('packageContest/admin-round/index', { contestId: 'k1', roundId });

test('the final as set: every part edited is sent in the contract shape', async () => {
  backend({ 'contest.adminDetail': () => ok(adminContest()), 'contest.updateRound': () => ok(adminContest()) });
  const { page, simulate } = await open();
  expect(page.instance.data.votingOn).toBe(true);
  expect(page.instance.data.judgesWeight).toBe('90');
  expect(page.instance.data.votesWeight).toBe('10');

  await input(simulate, page.querySelector('.voting-mode'), 1, 'change');
  await input(simulate, page.querySelector('.per-day'), '3');
  await input(simulate, page.querySelector('.voting-start'), '2026-05-12', 'change');
  await tap(simulate, page.querySelectorAll('.format-chip')[2]!);
  await input(simulate, page.querySelector('.advancement-kind'), 1, 'change');
  await input(simulate, page.querySelector('.advancement-count'), '36');
  await input(simulate, page.querySelector('.series-bonus'), '2.5');
  await tap(simulate, page.querySelectorAll('.remove-dimension')[1]!);
  await tap(simulate, page.querySelector('.add-dimension')!);
  await input(simulate, page.querySelectorAll('.dimension-name')[2], '实用性');
  await input(simulate, page.querySelectorAll('.dimension-weight')[2], '20');
  await tap(simulate, page.querySelector('.save-button')!);

  expect(callsOf('contest', 'updateRound')).toEqual([
    {
      roundId: 'r3',
      name: '决赛',
      submissionStartDay: '2026-05-01',
      submissionEndDay: '2026-05-10',
      judgingStartDay: '2026-05-11',
      judgingEndDay: '2026-05-15',
      voting: { startDay: '2026-05-12', endDay: '2026-05-13', mode: 'total', perDay: 3, ownEntryAllowed: false },
      formats: ['video'],
      pitchVideoRequired: true,
      advancement: { kind: 'quota', total: 36 },
      weights: { judges: 90, votes: 10 },
      bonuses: { series: 2.5, painPointTopic: 3 },
      rubric: [
        { id: 'fit', name: '切合主题', weight: 30, min: 0, max: 10 },
        { id: 'show', name: '呈现效果', weight: 30, min: 1, max: 5 },
        { id: 'd3', name: '实用性', weight: 20, min: 0, max: 10 },
      ],
    },
  ]);
  expect(wxStub().toasts).toEqual(['本轮设置已保存']);
});

test('mistakes are marked and nothing is sent: windows out of order, vote before submission ends, weights, rubric', async () => {
  backend({ 'contest.adminDetail': () => ok(adminContest()) });
  const { page, simulate } = await open();
  await input(simulate, page.querySelector('.judging-start'), '2026-05-09', 'change');
  await input(simulate, page.querySelector('.voting-start'), '2026-05-10', 'change');
  await input(simulate, page.querySelector('.votes-weight'), '20');
  await input(simulate, page.querySelectorAll('.dimension-max')[2], '1');
  await input(simulate, page.querySelector('.advancement-kind'), 0, 'change');
  await input(simulate, page.querySelector('.advancement-count'), '');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(callsOf('contest', 'updateRound')).toEqual([]);
  expect(text(page.querySelector('.days-error'))).toBe('时间须依次为：提交开始 ≤ 提交截止 < 评审开始 ≤ 评审截止');
  expect(text(page.querySelector('.voting-error'))).toBe('投票须在作品提交截止之后开始，且开始不晚于结束');
  expect(text(page.querySelector('.weights-error'))).toBe('专家评分与大众投票的权重之和须为 100');
  expect(text(page.querySelector('.rubric-error'))).toBe('「呈现效果」的最高分须大于最低分');
  expect(text(page.querySelector('.advancement-error'))).toBe('请填写晋级名额');

  // Without a public vote the vote weight must be 0.
  await input(simulate, page.querySelector('.voting-on'), false, 'change');
  await input(simulate, page.querySelector('.judges-weight'), '80');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.weights-error'))).toBe('本轮不设大众投票，投票权重须为 0');
  expect(wxStub().toasts).toEqual(['请检查标红的输入', '请检查标红的输入']);
});

test('a refused save (rubric after judging started) shows the reason and keeps the form', async () => {
  backend({
    'contest.adminDetail': () => ok(adminContest()),
    'contest.updateRound': () => failure('CONTEST_PHASE', '评审已开始，不能再修改评分标准'),
  });
  const { page, simulate } = await open('r1');
  expect(texts(page.querySelectorAll('.format-chip')).length).toBe(6);
  expect(page.instance.data.formats.filter((format: { checked: boolean }) => format.checked).map((format: { value: string }) => format.value)).toEqual(['article', 'narrated_article']);
  await input(simulate, page.querySelectorAll('.dimension-weight')[0], '50');
  await tap(simulate, page.querySelector('.save-button')!);
  expect(text(page.querySelector('.form-error'))).toBe('评审已开始，不能再修改评分标准');
  expect(page.instance.data.dimensions[0].weight).toBe('50');
});
