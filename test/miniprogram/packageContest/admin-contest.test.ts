/**
 * 大赛管理 and 大赛设置 (admin): the list with status; creating a contest with the default three rounds (one
 * request id across retries); editing eligibility, topics and awards; publishing after a confirmation.
 */
import { adminContest } from './admin-fixtures';
import { backend, callsOf, input, ok, openPage, page, text } from './contest-fixtures';
import { failure } from '../wx-stub';
import { tap, wxStub } from '../harness';

const DEPARTMENTS = [
  { id: 'd2', name: '华南分公司', path: ['华南分公司'], parentId: null },
  { id: 'd1', name: '华东分公司', path: ['华东分公司'], parentId: null },
];

test('the list shows each contest with its status and opens its settings; 新建大赛 opens an empty form', async () => {
  backend({
    'contest.adminList': () => ok(page([{ ...adminContest(), poster: null, currentRoundName: '初赛', currentPhase: 'upcoming', finished: false, publishedAt: null }], 1, 1)),
  });
  const { page: list, simulate } = await openPage('packageContest/admin-contests/index');
  expect(list.instance.data.items[0].note).toBe('草稿');
  await tap(simulate, list.querySelector('.contest')!.querySelector('.contest-card')!);
  await tap(simulate, list.querySelector('.create-button')!);
  expect(wxStub().navigations).toEqual(['/packageContest/admin-contest/index?contestId=k1', '/packageContest/admin-contest/index']);
});

test('creating: required fields checked, then the contest with three default rounds; a retry keeps the request id', async () => {
  let attempt = 0;
  backend({
    'admin.listDepartments': () => ok(DEPARTMENTS),
    'contest.createContest': () => (attempt++ === 0 ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(adminContest())),
  });
  const { page: form, simulate } = await openPage('packageContest/admin-contest/index');
  await tap(simulate, form.querySelector('.save-button')!);
  expect(text(form.querySelector('.title-error'))).toBe('请填写大赛名称');
  expect(text(form.querySelector('.theme-error'))).toBe('请填写大赛主题');
  expect(callsOf('contest', 'createContest')).toEqual([]);

  await input(simulate, form.querySelector('.title-input'), '2026 微课大赛');
  await input(simulate, form.querySelector('.theme-input'), '把经验变成课程');
  await input(simulate, form.querySelector('.start-picker'), '2026-03-01', 'change');
  await input(simulate, form.querySelector('.everyone'), false, 'change');
  await tap(simulate, form.querySelector('.save-button')!);
  expect(text(form.querySelector('.eligibility-error'))).toBe('请选择可参赛的部门或人群，或设为全员可参加');
  // Departments are listed by path.
  expect(form.instance.data.departments.map((chip: { label: string }) => chip.label)).toEqual(['华东分公司', '华南分公司']);
  await tap(simulate, form.querySelectorAll('.department-chip')[0]!);
  await tap(simulate, form.querySelector('.add-topic')!);
  await input(simulate, form.querySelector('.topic-title'), '安全生产');
  await input(simulate, form.querySelector('.topic-pain-point'), true, 'change');
  await tap(simulate, form.querySelector('.add-award')!);
  await input(simulate, form.querySelector('.award-kind'), 1, 'change');
  await input(simulate, form.querySelector('.award-name'), '最佳内容奖');
  await input(simulate, form.querySelector('.award-dimension'), 1, 'change');
  await input(simulate, form.querySelector('.award-points'), '200');
  await tap(simulate, form.querySelector('.save-button')!);
  expect(text(form.querySelector('.form-error'))).toBe('服务器开小差了，请稍后重试');
  await tap(simulate, form.querySelector('.save-button')!);

  const calls = callsOf('contest', 'createContest');
  expect(calls).toHaveLength(2);
  expect(calls[1]!.requestId).toBe(calls[0]!.requestId);
  const sent = calls[0] as Record<string, unknown> & { rounds: Record<string, unknown>[] };
  expect(sent).toMatchObject({
    title: '2026 微课大赛',
    theme: '把经验变成课程',
    eligibility: { everyone: false, departmentIds: ['d1'], audiences: [] },
    topics: [{ id: 't1', title: '安全生产', description: '', painPoint: true }],
    awards: [{ id: 'a1', kind: 'best_dimension', name: '最佳内容奖', dimensionId: 'content', winners: 1, points: 200 }],
    branchDepth: 2,
    poster: null,
  });
  expect(sent.rounds.map((r) => [r.name, r.submissionStartDay, r.judgingEndDay])).toEqual([
    ['初赛', '2026-03-01', '2026-03-13'],
    ['复赛', '2026-03-15', '2026-03-27'],
    ['决赛', '2026-03-29', '2026-04-10'],
  ]);
  expect(sent.rounds[2]).toMatchObject({ weights: { judges: 90, votes: 10 }, voting: { startDay: '2026-04-07', endDay: '2026-04-09', mode: 'per_entry', perDay: 1 } });
  // Saved: the form becomes the contest's settings with its rounds.
  expect(form.instance.data.contestId).toBe('k1');
  expect(form.querySelectorAll('.round')).toHaveLength(3);
});

test('an existing contest: rounds lead to their pages; publishing asks first', async () => {
  backend({
    'admin.listDepartments': () => ok(DEPARTMENTS),
    'contest.adminDetail': () => ok(adminContest()),
    'contest.setStatus': (call) => ok(adminContest({ status: call.event.status })),
  });
  const { page: form, simulate } = await openPage('packageContest/admin-contest/index', { contestId: 'k1' });
  expect(form.instance.data.title).toBe('2026 微课大赛');
  expect(form.querySelectorAll('.open-abuse')).toHaveLength(1);
  await tap(simulate, form.querySelectorAll('.open-round')[0]!);
  await tap(simulate, form.querySelectorAll('.open-judges')[1]!);
  await tap(simulate, form.querySelectorAll('.open-results')[2]!);
  await tap(simulate, form.querySelector('.open-abuse')!);
  expect(wxStub().navigations).toEqual([
    '/packageContest/admin-round/index?contestId=k1&roundId=r1',
    '/packageContest/admin-judges/index?contestId=k1&roundId=r2',
    '/packageContest/admin-results/index?contestId=k1&roundId=r3',
    '/packageContest/admin-abuse/index?contestId=k1&roundId=r3',
  ]);

  wxStub().modalAnswers = [false, true];
  await tap(simulate, form.querySelector('.publish')!);
  expect(callsOf('contest', 'setStatus')).toEqual([]);
  await tap(simulate, form.querySelector('.publish')!);
  expect(callsOf('contest', 'setStatus')).toEqual([{ contestId: 'k1', status: 'published' }]);
  expect(form.instance.data.statusLabel).toBe('已发布');
  expect(wxStub().toasts).toEqual(['已发布']);
});
