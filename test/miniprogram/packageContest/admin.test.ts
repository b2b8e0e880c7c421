/** The admin pages of packageContest: contest list and settings, round settings, judges, results publishing and the vote abuse report. One file so the pages share one template compile. */
import { adminContest } from './admin-fixtures';
import { backend, callsOf, ok, round } from '../../helpers/pages/contest';
import { input, inStatus, openPage, pick, text, texts, page, tap, wxStub, settle, type RenderedComponent } from '../harness';
import { failure } from '../wx-stub';
import type { AwardView } from '../../../typings/functions/contest';

// 大赛管理 and 大赛设置 (admin): the list with status; creating a contest with the default three rounds (one request id across retries); editing eligibility, topics and awards; publishing after a confirmation.
describe('admin-contest', () => {
  const DEPARTMENTS = [
    { id: 'd2', name: '华南分公司', path: ['华南分公司'], parentId: null },
    { id: 'd1', name: '华东分公司', path: ['华东分公司'], parentId: null },
  ];

  test('the list shows each contest with its status and opens its settings; 新建大赛 opens an empty form', async () => {
    backend({
      'contest.adminList': () =>
        ok(
          page(
            [
              {
                ...adminContest(),
                poster: 'cloud://env/contest-posters/p.png',
                currentRoundName: '初赛',
                currentPhase: 'upcoming',
                finished: false,
                publishedAt: null,
              },
            ],
            1,
            1,
          ),
        ),
    });
    const { page: list, simulate } = await openPage('packageContest/admin-contests/index');
    expect(list.instance.data.items[0].note).toBe('草稿');
    // The poster is shown through its temporary URL.
    expect(wxStub().tempUrlCalls).toEqual([{ via: 'gateway', fileList: ['cloud://env/contest-posters/p.png'] }]);
    expect(list.instance.data.items[0].posterUrl).toBe('http://127.0.0.1:8787/storage/contest-posters/p.png');
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
    await pick(simulate, form.querySelector('.start-picker'), '2026-03-01');
    await input(simulate, form.querySelector('.everyone'), false, 'change');
    await tap(simulate, form.querySelector('.save-button')!);
    expect(text(form.querySelector('.eligibility-error'))).toBe('请选择可参赛的部门或人群，或设为全员可参加');
    // Departments are listed by path.
    expect(form.instance.data.departments.map((chip: { label: string }) => chip.label)).toEqual(['华东分公司', '华南分公司']);
    await tap(simulate, form.querySelector('.department-chips')!.querySelectorAll('.chip')[0]!);
    // Topics and awards are edited in their own components (components/contest-topics, contest-awards).
    const topics = form.querySelector('.contest-topics')!;
    const awards = form.querySelector('.contest-awards')!;
    await tap(simulate, topics.querySelector('.add-topic')!);
    await input(simulate, topics.querySelector('.topic-title'), '安全生产');
    await input(simulate, topics.querySelector('.topic-pain-point'), true, 'change');
    await tap(simulate, topics.querySelector('.add-topic')!);
    await tap(simulate, awards.querySelector('.add-award')!);
    await pick(simulate, awards.querySelector('.award-kind'), 'best_dimension');
    await input(simulate, awards.querySelector('.award-name'), '最佳内容奖');
    await pick(simulate, awards.querySelector('.award-dimension'), 'content');
    await input(simulate, awards.querySelector('.award-points'), '200');
    await tap(simulate, awards.querySelector('.add-award')!);
    // The second topic and the second award have no name: each list says so, and nothing is sent.
    await tap(simulate, form.querySelector('.save-button')!);
    expect([text(topics.querySelector('.topics-error')), text(awards.querySelector('.awards-error'))]).toEqual([
      '请填写第 2 个选题的名称',
      '请填写第 2 个奖项的名称',
    ]);
    expect(callsOf('contest', 'createContest')).toEqual([]);
    await tap(simulate, topics.querySelectorAll('.remove-topic')[1]!);
    await tap(simulate, awards.querySelectorAll('.remove-award')[1]!);
    expect([topics.querySelector('.topics-error'), awards.querySelector('.awards-error')]).toEqual([undefined, undefined]);
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
    expect(sent.rounds[2]).toMatchObject({
      weights: { judges: 90, votes: 10 },
      voting: { startDay: '2026-04-07', endDay: '2026-04-09', mode: 'per_entry', perDay: 1 },
    });
    // Saved: the form becomes the contest's settings with its rounds.
    expect(form.instance.data.contestId).toBe('k1');
    expect(form.querySelectorAll('.round')).toHaveLength(3);
  });

  test('a poster is chosen, uploaded and shown; removing it sends none', async () => {
    backend({
      'admin.listDepartments': () => ok(DEPARTMENTS),
      'contest.adminDetail': () => ok(adminContest({ poster: null, posterUrl: null })),
      'contest.updateContest': (call) => ok(adminContest({ poster: (call.event.poster as string | null) ?? null })),
    });
    const { page: form, simulate } = await openPage('packageContest/admin-contest/index', { contestId: 'k1' });
    wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/poster.png' }];
    wxStub().files.set('wxfile://tmp/poster.png', 'png bytes');
    await tap(simulate, form.querySelector('.poster-picker')!.querySelector('.picture-add')!);
    await settle(simulate, 8);
    expect(wxStub().chooseMediaOptions[0]).toMatchObject({ mediaType: ['image'] });
    expect(wxStub().uploads[0]!.cloudPath).toMatch(/^uploads\/[^/]+\/contest-poster\/[A-Za-z0-9_-]+\.png$/);
    const fileID = `cloud://local-bucket/${wxStub().uploads[0]!.cloudPath}`;
    expect(form.instance.data.poster[0].fileID).toBe(fileID);
    expect(form.querySelector('.poster-picker')!.querySelector('.picture')).toBeTruthy();
    await tap(simulate, form.querySelector('.save-button')!);
    expect(callsOf('contest', 'updateContest')[0]).toMatchObject({ contestId: 'k1', poster: fileID });

    await tap(simulate, form.querySelector('.poster-picker')!.querySelector('.picture-remove')!);
    await tap(simulate, form.querySelector('.save-button')!);
    expect(callsOf('contest', 'updateContest')[1]).toMatchObject({ poster: null });
  });

  test("award points a daily cap would cut show the server's warning", async () => {
    const message = '奖项「最佳微课」设定 500 积分，受积分规则的每日上限限制，成员实际最多获得 200 积分';
    backend({
      'admin.listDepartments': () => ok(DEPARTMENTS),
      'contest.adminDetail': () => ok(adminContest({ pointsWarnings: [{ label: '奖项「最佳微课」', promised: 500, paid: 200, message }] })),
    });
    const { page: form } = await openPage('packageContest/admin-contest/index', { contestId: 'k1' });
    expect(form.querySelectorAll('.points-warning').map((node) => node.dom?.textContent?.trim())).toEqual([message]);
  });

  test('an existing contest: rounds lead to their pages; publishing asks first', async () => {
    backend({
      'admin.listDepartments': () => ok(DEPARTMENTS),
      'contest.adminDetail': () => ok(adminContest()),
      'contest.setStatus': (call) => ok(adminContest({ status: call.event.status as 'published' })),
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
      '/packageContest/admin-abuse/index?roundId=r3',
    ]);

    wxStub().modalAnswers = [false, true];
    const status = form.querySelector('.status-actions')!;
    await tap(simulate, status.querySelector('.publish')!);
    expect(callsOf('contest', 'setStatus')).toEqual([]);
    await tap(simulate, status.querySelector('.publish')!);
    expect(callsOf('contest', 'setStatus')).toEqual([{ contestId: 'k1', status: 'published' }]);
    expect(status.instance.data.label).toBe('已发布');
    expect(wxStub().toasts).toEqual(['已发布']);
  });
  test('status moves follow the status, in equal buttons; a refused move says why and changes nothing', async () => {
    let status: 'draft' | 'published' | 'archived' = 'published';
    backend({
      'admin.listDepartments': () => ok(DEPARTMENTS),
      'contest.adminDetail': () => ok(adminContest({ status })),
      'contest.setStatus': () => failure('CONTEST_PHASE', '大赛已有报名，不能撤回为草稿'),
    });
    // TDesign's t-button is a virtual host: its label is in the native button inside.
    const moves = (rendered: RenderedComponent) =>
      rendered
        .querySelector('.status-actions')!
        .querySelectorAll('.status-move')
        .map((move) => text(move.querySelector('.t-button')));
    const { page: form, simulate } = await openPage('packageContest/admin-contest/index', { contestId: 'k1' });
    expect(moves(form)).toEqual(['撤回为草稿', '归档']);
    wxStub().modalAnswers = [true];
    await tap(simulate, form.querySelector('.status-actions')!.querySelector('.unpublish')!);
    expect(callsOf('contest', 'setStatus')).toEqual([{ contestId: 'k1', status: 'draft' }]);
    expect(wxStub().toasts).toEqual(['大赛已有报名，不能撤回为草稿']);
    expect(form.instance.data.contestStatus).toBe('published');
    expect(form.querySelector('.status-actions')!.instance.data.label).toBe('已发布');

    status = 'archived';
    const { page: archived } = await openPage('packageContest/admin-contest/index', { contestId: 'k1' });
    expect(moves(archived)).toEqual(['发布']);
    status = 'draft';
    const { page: draft } = await openPage('packageContest/admin-contest/index', { contestId: 'k1' });
    expect(moves(draft)).toEqual(['发布', '归档']);
  });
});

// 赛制与评分 (admin): a round's windows, public vote rules, formats, advancement, weights, bonuses and rubric, checked before anything is sent; what is sent is what the contract takes.
describe('admin-round', () => {
  const open = (roundId = 'r3') => openPage('packageContest/admin-round/index', { contestId: 'k1', roundId });

  test('the final as set: every part edited is sent in the contract shape', async () => {
    backend({ 'contest.adminDetail': () => ok(adminContest()), 'contest.updateRound': () => ok(adminContest()) });
    const { page, simulate } = await open();
    expect(page.instance.data.votingOn).toBe(true);
    expect(page.instance.data.judgesWeight).toBe('90');
    expect(page.instance.data.votesWeight).toBe('10');

    await pick(simulate, page.querySelector('.voting-mode'), 'total');
    await input(simulate, page.querySelector('.per-day'), '3');
    await pick(simulate, page.querySelector('.voting-start'), '2026-05-12');
    await tap(simulate, page.querySelector('.format-chips')!.querySelectorAll('.chip')[2]!);
    await pick(simulate, page.querySelector('.advancement-kind'), 'quota');
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
    await pick(simulate, page.querySelector('.judging-start'), '2026-05-09');
    await pick(simulate, page.querySelector('.voting-start'), '2026-05-10');
    await input(simulate, page.querySelector('.votes-weight'), '20');
    await input(simulate, page.querySelectorAll('.dimension-max')[2], '1');
    await pick(simulate, page.querySelector('.advancement-kind'), 'top');
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

  test('a round that is gone: the round and judges pages say so instead of a form', async () => {
    backend({ 'contest.adminDetail': () => ok(adminContest()) });
    const { page: gone } = await open('r9');
    expect(text(inStatus(gone, '.state-error'))).toContain('这一轮不存在或已删除');
    expect(gone.querySelector('.save-button')).toBeFalsy();
    const { page: judges } = await openPage('packageContest/admin-judges/index', { contestId: 'k1', roundId: 'r9' });
    expect(text(inStatus(judges, '.state-error'))).toContain('这一轮不存在或已删除');
    expect(callsOf('contest', 'judgeCandidates')).toEqual([]);
  });

  test('a refused save (rubric after judging started) shows the reason and keeps the form', async () => {
    backend({
      'contest.adminDetail': () => ok(adminContest()),
      'contest.updateRound': () => failure('CONTEST_PHASE', '评审已开始，不能再修改评分标准'),
    });
    const { page, simulate } = await open('r1');
    expect(page.querySelector('.format-chips')!.querySelectorAll('.chip').length).toBe(6);
    expect(page.instance.data.formats.filter((format: { checked: boolean }) => format.checked).map((format: { value: string }) => format.value)).toEqual([
      'article',
      'narrated_article',
    ]);
    await input(simulate, page.querySelectorAll('.dimension-weight')[0], '50');
    await tap(simulate, page.querySelector('.save-button')!);
    expect(text(page.querySelector('.form-error'))).toBe('评审已开始，不能再修改评分标准');
    expect(page.instance.data.dimensions[0].weight).toBe('50');
  });
});

// 评委 (admin): the pool from judge-role members, judges per entry, saving the pool, and assigning with the distribution per judge; a pool smaller than judges per entry is refused before sending.
describe('admin-judges', () => {
  const member = (id: string, name: string) => ({
    memberId: id,
    employeeNo: id.toUpperCase(),
    name,
    departmentId: 'd1',
    departmentPath: ['总部', '培训中心'],
    jobLevel: 'individual',
    active: true,
    external: false,
    roles: [{ role: 'judge' }],
    bound: true,
  });

  const JUDGES = [member('j1', '评委甲'), member('j2', '评委乙'), member('j3', '评委丙'), member('j4', '评委丁')];

  test('the pool starts from the round, picks from judges, saves with judges per entry, then assigns', async () => {
    backend({
      'contest.adminDetail': () => ok(adminContest()),
      'contest.judgeCandidates': (call) => ok(page(call.event.keyword ? [JUDGES[3]] : JUDGES, 1, call.event.keyword ? 1 : 4, 50)),
      // The answer is the contest with the saved pool.
      'contest.setJudges': (call) =>
        ok(
          adminContest({
            judges: [
              {
                roundId: 'r1',
                judgeIds: call.event.judgeIds as string[],
                judgeNames: ['评委甲', '评委乙', '评委丙', '评委丁'],
                judgesPerEntry: 4,
                assignedAt: null,
              },
            ],
          }),
        ),
      'contest.assignJudges': () =>
        ok({
          roundId: 'r1',
          entries: 40,
          judges: 4,
          judgesPerEntry: 4,
          loads: [
            { judgeId: 'j1', name: '评委甲', entries: 40 },
            { judgeId: 'j2', name: '评委乙', entries: 40 },
            { judgeId: 'j3', name: '评委丙', entries: 39 },
            { judgeId: 'j4', name: '评委丁', entries: 41 },
          ],
        }),
    });
    const { page: judges, simulate } = await openPage('packageContest/admin-judges/index', { contestId: 'k1', roundId: 'r1' });
    expect(callsOf('contest', 'judgeCandidates')).toEqual([{ page: 1, pageSize: 50, keyword: '' }]);
    expect(judges.querySelectorAll('.pool-judge')).toHaveLength(3);
    expect(judges.instance.data.pool.map((judge: { name: string }) => judge.name)).toEqual(['评委甲', '评委乙', '评委丙']);
    expect(judges.instance.data.candidates.map((c: { checked: boolean }) => c.checked)).toEqual([true, true, true, false]);

    await input(simulate, judges.querySelector('.search-input'), '丁');
    await tap(simulate, judges.querySelector('.search-button')!);
    expect(callsOf('contest', 'judgeCandidates')[1]).toEqual({ page: 1, pageSize: 50, keyword: '丁' });
    await tap(simulate, judges.querySelector('.candidate')!);
    await pick(simulate, judges.querySelector('.per-entry'), '4');
    await tap(simulate, judges.querySelector('.save-pool')!);
    expect(judges.querySelectorAll('.pool-judge')).toHaveLength(4);
    expect(callsOf('contest', 'setJudges')).toEqual([{ roundId: 'r1', judgeIds: ['j1', 'j2', 'j3', 'j4'], judgesPerEntry: 4 }]);
    expect(wxStub().toasts).toEqual(['评委已保存']);

    wxStub().modalAnswers = [true];
    await tap(simulate, judges.querySelector('.assign')!);
    expect(wxStub().modals[0]!.title).toBe('分配评委');
    expect(callsOf('contest', 'assignJudges')).toEqual([{ roundId: 'r1' }]);
    expect(text(judges.querySelector('.distribution-summary'))).toBe('40 件作品 × 每件 4 位评委，共 4 位评委，每位评委 39–41 件');
    expect(texts(judges.querySelectorAll('.load'))).toEqual(['评委丁41 件', '评委乙40 件', '评委甲40 件', '评委丙39 件']);
  });

  test('too few judges for judges per entry is refused before sending; a cancelled assignment sends nothing', async () => {
    backend({ 'contest.adminDetail': () => ok(adminContest()), 'contest.judgeCandidates': () => ok(page(JUDGES, 1, 4, 50)) });
    const { page: judges, simulate } = await openPage('packageContest/admin-judges/index', { contestId: 'k1', roundId: 'r1' });
    await pick(simulate, judges.querySelector('.per-entry'), '5');
    await tap(simulate, judges.querySelector('.save-pool')!);
    expect(text(judges.querySelector('.form-error'))).toBe('评委至少需要 5 位（每件作品 5 位评委）');
    expect(callsOf('contest', 'setJudges')).toEqual([]);

    wxStub().modalAnswers = [false];
    await tap(simulate, judges.querySelector('.assign')!);
    expect(callsOf('contest', 'assignJudges')).toEqual([]);
  });
});

// 成绩发布 (admin): the preview with missing scores and quotas, confirm then publish (a second confirmation forces past missing scores), read-only afterwards; on the final, named awards are given from the ranking.
describe('admin-results', () => {
  const row = (n: number) => ({
    entryId: `e${n}`,
    title: `作品${n}`,
    ownerName: `作者${n}`,
    teamName: null,
    branchId: `b${n}`,
    branchName: `分公司${n}`,
    dimensionAverages: { fit: 9 - n },
    judgeScore: 90 - n,
    judgeCount: 3,
    votes: 0,
    voteScore: 0,
    bonus: 0,
    finalScore: 90 - n,
    rank: n,
    advances: n === 1,
  });

  const view = (status: 'preview' | 'published', unscored = 0) => ({
    items: [row(1), row(2)],
    page: 1,
    pageSize: 10,
    total: 2,
    hasMore: false,
    roundId: 'r2',
    roundName: '复赛',
    status,
    unscored,
    maxVotes: 0,
    advancing: 1,
    quotas: [
      { branchId: 'b1', branchName: '华东分公司', headcount: 1200, slots: 1, advancing: 1 },
      { branchId: 'b2', branchName: '华南分公司', headcount: 300, slots: 0, advancing: 0 },
    ],
  });

  test('preview, confirm twice past missing scores, publish; the published results are read-only', async () => {
    let published = false;
    backend({
      'contest.adminDetail': () => ok(adminContest()),
      'contest.previewResults': () => ok(view('preview', 2)),
      'contest.publishResults': () => {
        published = true;
        return ok(view('published'));
      },
      'contest.results': () => ok(view('published')),
    });
    const { page, simulate } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r2' });
    expect(callsOf('contest', 'previewResults')).toEqual([{ roundId: 'r2', page: 1, pageSize: 10 }]);
    expect(text(page.querySelector('.unscored'))).toBe('还有 2 份评分未完成');
    expect(texts(page.querySelectorAll('.quota'))).toEqual(['华东分公司1200 人 · 名额 1 · 晋级 1', '华南分公司300 人 · 名额 0 · 晋级 0']);
    expect(texts(page.querySelectorAll('.result-title'))).toEqual(['作品1晋级', '作品2']);
    expect(texts(page.querySelectorAll('.result-dimensions'))).toEqual(['切合主题 8.0', '切合主题 7.0']);

    // Cancelling the forced publish sends nothing.
    wxStub().modalAnswers = [true, false];
    await tap(simulate, page.querySelector('.publish')!);
    expect(wxStub().modals.map((modal) => modal.title)).toEqual(['确认发布成绩', '仍有评分未完成']);
    expect(callsOf('contest', 'publishResults')).toEqual([]);

    wxStub().modalAnswers = [true, true];
    await tap(simulate, page.querySelector('.publish')!);
    // Two confirmations, the publish, the awards and the reload each take a tick.
    await settle(simulate, 6);
    expect(published).toBe(true);
    expect(callsOf('contest', 'publishResults')).toEqual([{ roundId: 'r2', force: true, page: 1, pageSize: 10 }]);
    expect(wxStub().toasts).toEqual(['成绩已发布']);
    expect(page.querySelector('.publish')).toBeFalsy();
    expect(page.instance.data.published).toBe(true);
    // The list now comes from the published results.
    expect(callsOf('contest', 'results')).toEqual([{ roundId: 'r2', page: 1, pageSize: 10 }]);
  });

  test('a refused publish (judging still open) says why', async () => {
    backend({
      'contest.adminDetail': () => ok(adminContest()),
      'contest.previewResults': () => ok(view('preview')),
      'contest.publishResults': () => failure('CONTEST_PHASE', '评审或投票尚未结束，不能发布成绩'),
    });
    const { page, simulate } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r2' });
    wxStub().modalAnswers = [true];
    await tap(simulate, page.querySelector('.publish')!);
    expect(text(page.querySelector('.form-error'))).toBe('评审或投票尚未结束，不能发布成绩');
    expect(page.querySelector('.publish')).toBeTruthy();
  });

  test('the published final shows the awards and gives a named award to entries picked from the ranking', async () => {
    const final = adminContest({
      finished: true,
      rounds: [
        round(0, { phase: 'closed', resultsPublished: true }),
        round(1, { phase: 'closed', resultsPublished: true }),
        round(2, { phase: 'closed', resultsPublished: true }),
      ],
      awards: [
        { id: 'a1', kind: 'best_overall', name: '最佳微课', dimensionId: null, winners: 1, points: 500 },
        { id: 'a9', kind: 'named', name: '最佳配音', dimensionId: null, winners: 1, points: 100 },
      ],
    });
    let given = false;
    backend({
      'contest.adminDetail': () => ok(final),
      'contest.results': () => ok({ ...view('published'), roundId: 'r3', advancing: 0, quotas: [] }),
      'contest.awards': () =>
        ok<AwardView[]>([
          {
            awardId: 'a1',
            kind: 'best_overall',
            name: '最佳微课',
            points: 500,
            winners: [{ entryId: 'e1', title: '作品1', ownerName: '作者1', teamName: null }],
            branchName: null,
            basis: '',
            decidedAt: '2026-05-20T00:00:00.000Z',
          },
          ...(given
            ? ([
                {
                  awardId: 'a9',
                  kind: 'named',
                  name: '最佳配音',
                  points: 100,
                  winners: [{ entryId: 'e2', title: '作品2', ownerName: '作者2', teamName: null }],
                  branchName: null,
                  basis: '管理员指定',
                  decidedAt: '2026-05-21T00:00:00.000Z',
                },
              ] satisfies AwardView[])
            : []),
        ]),
      'contest.giveAward': () => {
        given = true;
        return ok({
          awardId: 'a9',
          kind: 'named',
          name: '最佳配音',
          points: 100,
          winners: [],
          branchName: null,
          basis: '',
          decidedAt: '2026-05-21T00:00:00.000Z',
        });
      },
    });
    const { page, simulate } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r3' });
    expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品1（作者1）']);
    await tap(simulate, page.querySelector('.start-naming')!);
    await tap(simulate, page.querySelector('.give-award')!);
    expect(text(page.querySelector('.form-error'))).toBe('请在排名中点选获奖作品');
    await tap(simulate, page.querySelectorAll('.row-wrap')[1]!);
    expect(page.querySelectorAll('.row-wrap')[1]!.dom!.className).toContain('picked');
    await tap(simulate, page.querySelector('.give-award')!);
    expect(callsOf('contest', 'giveAward')).toEqual([{ contestId: 'k1', awardId: 'a9', entryIds: ['e2'] }]);
    expect(wxStub().toasts).toEqual(['奖项已颁发']);
    expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品1（作者1）', '作品2（作者2）']);
    expect(page.querySelector('.give-award')).toBeFalsy();
  });

  test('the final says it has no advancement instead of 晋级 0 件, and a named award already given offers no 颁发', async () => {
    // Three published rounds; two named awards, 最佳配音 already given.
    const rounds = [0, 1, 2].map((index) => round(index, { phase: 'closed', resultsPublished: true }));
    const awards = [
      ['a8', '最佳创意'],
      ['a9', '最佳配音'],
    ].map(([id, name]) => ({ id, kind: 'named' as const, name, dimensionId: null, winners: 1, points: 100 }));
    const final = adminContest({ finished: true, rounds, awards });
    backend({
      'contest.adminDetail': () => ok(final),
      'contest.results': () => ok({ ...view('published'), roundId: 'r3', advancing: 0, quotas: [] }),
      'contest.awards': () =>
        ok([
          {
            awardId: 'a9',
            kind: 'named',
            name: '最佳配音',
            points: 100,
            winners: [{ entryId: 'e2', title: '作品2', ownerName: '作者2', teamName: null }],
            branchName: null,
            basis: '管理员指定',
            decidedAt: '2026-05-21T00:00:00.000Z',
          },
        ]),
    });
    const { page } = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r3' });
    expect(page.querySelector('.advancing')).toBeFalsy();
    expect(text(page.querySelector('.final-note'))).toBe('决赛不设晋级，发布后评出奖项');
    expect(texts(page.querySelectorAll('.award-winners'))).toEqual(['作品2（作者2）']);
    expect(texts(page.querySelectorAll('.named'))).toEqual(['最佳创意颁发']);

    // An earlier round still counts what advances.
    backend({ 'contest.adminDetail': () => ok(final), 'contest.results': () => ok({ ...view('published'), roundId: 'r1', advancing: 3, quotas: [] }) });
    const first = await openPage('packageContest/admin-results/index', { contestId: 'k1', roundId: 'r1' });
    expect(text(first.page.querySelector('.advancing'))).toBe('晋级 3 件');
    expect(first.page.querySelector('.final-note')).toBeFalsy();
  });
});

// 投票异常 (admin): the report's bursts, department jumps and shared networks; a burst's ballots; voiding chosen ballots needs a reason, confirms, sends one request id (kept when the answer was lost), and reloads.
describe('admin-abuse', () => {
  const REPORT = {
    roundId: 'r3',
    generatedAt: '2026-05-12T04:00:00.000Z',
    bursts: [
      {
        memberId: 'm7',
        name: '赵六',
        departmentPath: ['华南', '销售部'],
        day: '2026-05-12',
        votes: 30,
        maxInWindow: 25,
        boundAt: '2026-05-11T01:00:00.000Z',
        boundRecently: true,
      },
    ],
    departmentJumps: [
      { departmentId: 'd9', departmentPath: ['华南', '销售部'], day: '2026-05-12', votes: 300, voters: 40, headcount: 50, previousAverage: 20, ratio: 15 },
    ],
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
    castAt: `2026-05-12T01:0${n}:00.000Z`,
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
      'contest.voteBallots': () =>
        ok(page(attempts >= 2 ? [ballot(1, true), ballot(2, true), ballot(3, true)] : [ballot(1), ballot(2), ballot(3, true)], 1, 3, 50)),
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
});
