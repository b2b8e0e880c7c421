/** The member pages of packageContest: contest home, sign-up and my entry, entry list and leaderboard, entry detail with voting, and the entry's course player. One file so the pages share one template compile. */
import { contest, entry, invitation, round, backend, callsOf, ok, votesLeft } from '../../helpers/pages/contest';
import { openPage, text, texts, input, page, inStatus, pick, switchTab, tap, wxStub, settle } from '../harness';
import { failure } from '../wx-stub';
import type { CourseFormat } from '../../../typings/domain';
import type { AuthoredCourseView } from '../../../typings/functions/authoring';
import type { CourseContentView } from '../../../typings/functions/course';
import type { EntryCourseView } from '../../../typings/functions/contest';
import type { VoteRankRow } from '../../../typings/functions/contest-voting';

// 大赛主页: poster, theme, the timeline with the current round highlighted, topics, awards and rules, and what the member can do in each phase (sign up, open my entry, browse and vote, results, judging).
describe('contest', () => {
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
      'contest.myEntry': () =>
        ok(entry({ submitted: true, editable: false, currentRoundId: 'r3', currentRoundName: '决赛', kind: 'team', teamName: '安全小分队' })),
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

  test('team invitations waiting for an answer show their count and open the invitation list', async () => {
    backend({ 'contest.detail': () => ok(contest({ pendingInvitations: 2 })) });
    const { page, simulate } = await open();
    expect(text(page.querySelector('.invitations-count'))).toBe('2');
    await tap(simulate, page.querySelector('.invitations')!);
    expect(wxStub().navigations).toEqual(['/packageContest/invitations/index?contestId=k1']);

    backend({ 'contest.detail': () => ok(contest()) });
    const { page: none } = await open();
    expect(none.querySelector('.invitations')).toBeFalsy();
  });

  test('a failed load says why and retries', async () => {
    let calls = 0;
    backend({ 'contest.detail': () => (calls++ === 0 ? failure('NOT_FOUND', '内容不存在或已删除') : ok(contest())) });
    const { page, simulate } = await open();
    expect(text(inStatus(page, '.state-error'))).toContain('内容不存在或已删除');
    await tap(simulate, inStatus(page, '.retry')!);
    expect(text(page.querySelector('.contest-title'))).toBe('2026 微课大赛');
  });
});

// 报名 and 我的作品: individual and team sign-up (teammates by 工号, one request id across retries), refusals, then the entry form: courses from my studio courses in the round's formats, the pitch video checked to 1–2 minutes before uploading, submitting, and a closed window that leaves the entry read-only.
describe('signup', () => {
  const open = () => openPage('packageContest/signup/index', { contestId: 'k1' });

  const myCourse = (n: number, format: CourseFormat = 'article'): AuthoredCourseView => ({
    courseId: `c${n}`,
    title: `我的课程${n}`,
    format,
    category: 'company_knowledge',
    courseStatus: 'draft',
    publishedRevision: 0,
    openRevision: { revision: 1, status: 'draft' },
    updatedAt: '2026-03-02T02:00:00.000Z',
  });

  test('an individual signs up with a title and a topic, then sees the entry form', async () => {
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok(null),
      'contest.signUp': () => ok(entry()),
    });
    const { page: form, simulate } = await open();
    expect(form.querySelector('.sign-up-button')).toBeTruthy();
    await input(simulate, form.querySelector('.title-input'), ' 三分钟讲清安全规程 ');
    await pick(simulate, form.querySelector('.topic-picker'), 't1');
    await tap(simulate, form.querySelector('.sign-up-button')!);

    const [sent] = callsOf('contest', 'signUp');
    expect(sent).toEqual({
      contestId: 'k1',
      kind: 'individual',
      teamName: null,
      teammates: [],
      title: '三分钟讲清安全规程',
      topicId: 't1',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    expect(wxStub().toasts).toEqual(['报名成功']);
    expect(form.instance.data.mode).toBe('entry');
    expect(text(form.querySelector('.formats-hint'))).toContain('本轮要求课程形式：图文、图文配音');
  });

  test('a team needs a name and at least one teammate (工号 and name); the one refusal is shown and the retry keeps the request id', async () => {
    const refusal = '无法邀请所填队友：请核对工号与姓名；队友须在本次大赛参赛范围内、未加入其他作品，且不能重复或填写自己';
    let attempt = 0;
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok(null),
      'contest.signUp': () =>
        attempt++ === 0
          ? failure('TEAMMATE_UNAVAILABLE', refusal)
          : ok(
              entry({
                kind: 'team',
                teamName: '安全小分队',
                teamOpen: true,
                invitations: [
                  { invitationId: 'e1:m2', name: '李四' },
                  { invitationId: 'e1:m3', name: '王五' },
                ],
              }),
            ),
    });
    const { page: form, simulate } = await open();
    await switchTab(simulate, form, 1);
    expect(text(form.querySelector('.teammates-card .label'))).toBe('邀请队友（还可邀请 9 人）');
    await input(simulate, form.querySelector('.title-input'), '安全规程');
    await tap(simulate, form.querySelector('.sign-up-button')!);
    expect(text(form.querySelector('.teammate-rows')!.querySelector('.teammates-error'))).toBe('团队报名请至少邀请一位队友');
    expect(callsOf('contest', 'signUp')).toEqual([]);

    await tap(simulate, form.querySelector('.teammate-rows')!.querySelector('.add-teammate')!);
    await tap(simulate, form.querySelector('.teammate-rows')!.querySelector('.add-teammate')!);
    await input(simulate, form.querySelector('.teammate-rows')!.querySelectorAll('.teammate-no')[0], 'E002');
    await input(simulate, form.querySelector('.teammate-rows')!.querySelectorAll('.teammate-no')[1], 'Ｅ００２');
    await tap(simulate, form.querySelector('.sign-up-button')!);
    // A 工号 needs its name.
    expect(text(form.querySelector('.teammate-rows')!.querySelector('.teammates-error'))).toBe('请填写每位队友的工号和姓名');
    await input(simulate, form.querySelector('.teammate-rows')!.querySelectorAll('.teammate-name')[0], '李四');
    await input(simulate, form.querySelector('.teammate-rows')!.querySelectorAll('.teammate-name')[1], '王五');
    await tap(simulate, form.querySelector('.sign-up-button')!);
    // Full-width digits fold to the same 工号.
    expect(text(form.querySelector('.teammate-rows')!.querySelector('.teammates-error'))).toBe('队友工号重复了');

    await input(simulate, form.querySelector('.teammate-rows')!.querySelectorAll('.teammate-no')[1], 'E003');
    await tap(simulate, form.querySelector('.sign-up-button')!);
    expect(text(form.querySelector('.team-name-error'))).toBe('请填写队名');
    expect(callsOf('contest', 'signUp')).toEqual([]);

    await input(simulate, form.querySelector('.team-name'), '安全小分队');
    await tap(simulate, form.querySelector('.sign-up-button')!);
    expect(text(form.querySelector('.form-error'))).toBe(refusal);
    await tap(simulate, form.querySelector('.sign-up-button')!);
    const calls = callsOf('contest', 'signUp');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      kind: 'team',
      teamName: '安全小分队',
      teammates: [
        { employeeNo: 'E002', name: '李四' },
        { employeeNo: 'E003', name: '王五' },
      ],
      topicId: null,
    });
    expect(calls[1]!.requestId).toBe(calls[0]!.requestId);
    expect(wxStub().toasts).toEqual(['报名成功，已向队友发出邀请']);
    // The entry shows the owner and the invitations waiting for an answer.
    expect(form.instance.data.mode).toBe('entry');
    expect(texts(form.querySelector('.team-card')!.querySelectorAll('.invitee'))).toEqual(['李四', '王五']);
    expect(text(form.querySelector('.team-card')!.querySelector('.team-hint'))).toContain('确认后才会加入队伍');
  });

  test('the owner withdraws a pending invitation and invites another while the team is open', async () => {
    const team = entry({ kind: 'team', teamName: '安全小分队', teamOpen: true, invitations: [{ invitationId: 'e1:m2', name: '李四' }] });
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok(team),
      'contest.withdrawInvitation': () => ok({ ...team, invitations: [] }),
      'contest.invite': () => ok({ ...team, invitations: [{ invitationId: 'e1:m4', name: '赵六' }] }),
    });
    const { page: form, simulate } = await open();
    const teamCard = form.querySelector('.team-card')!;
    expect(text(teamCard.querySelector('.invite-title'))).toBe('继续邀请队友（还可邀请 8 人）');
    wxStub().modalAnswers = [true];
    await tap(simulate, form.querySelector('.team-card')!.querySelector('.withdraw')!);
    await settle(simulate);
    expect(callsOf('contest', 'withdrawInvitation')).toEqual([{ invitationId: 'e1:m2' }]);
    expect(form.querySelector('.team-card')!.querySelectorAll('.invitee')).toHaveLength(0);

    await tap(simulate, teamCard.querySelector('.teammate-rows')!.querySelector('.add-teammate')!);
    await input(simulate, teamCard.querySelector('.teammate-rows')!.querySelector('.teammate-no'), 'E004');
    await input(simulate, teamCard.querySelector('.teammate-rows')!.querySelector('.teammate-name'), ' 赵六 ');
    await tap(simulate, form.querySelector('.team-card')!.querySelector('.invite-button')!);
    expect(callsOf('contest', 'invite')).toEqual([{ entryId: 'e1', teammates: [{ employeeNo: 'E004', name: '赵六' }] }]);
    expect(texts(form.querySelector('.team-card')!.querySelectorAll('.invitee'))).toEqual(['赵六']);
    expect(wxStub().toasts).toEqual(['已撤回邀请', '已发出邀请']);
    // Nobody leaves their own entry: only teammates see 退出队伍.
    expect(form.querySelector('.team-card')!.querySelector('.leave-team')).toBeFalsy();
  });

  test('a confirmed teammate leaves the team and is back at the sign-up form; a frozen team offers no changes', async () => {
    let left = false;
    const mine = entry({ kind: 'team', teamName: '安全小分队', isOwner: false, teamOpen: true });
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok(left ? null : mine),
      'contest.leaveTeam': () => {
        left = true;
        return ok({ ...mine, isMine: false, editable: false });
      },
    });
    const { page: form, simulate } = await open();
    expect(form.querySelector('.team-card')!.querySelector('.invite')).toBeFalsy();
    wxStub().modalAnswers = [true];
    await tap(simulate, form.querySelector('.team-card')!.querySelector('.leave-team')!);
    await settle(simulate, 6);
    expect(callsOf('contest', 'leaveTeam')).toEqual([{ entryId: 'e1' }]);
    expect(form.instance.data.mode).toBe('signup');

    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok({ ...mine, teamOpen: false, invitations: [{ invitationId: 'e1:m2', name: '李四' }] }),
    });
    const { page: frozen } = await open();
    expect(frozen.querySelector('.team-card')!.querySelector('.leave-team')).toBeFalsy();
    expect(frozen.querySelector('.team-card')!.querySelector('.withdraw')).toBeFalsy();
    expect(frozen.querySelector('.team-card')!.querySelector('.invite')).toBeFalsy();
  });

  test('the entry form: courses in the round formats, a pitch video of 1–2 minutes, then submit', async () => {
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok(entry()),
      'authoring.listMyCourses': () => ok(page([myCourse(1), myCourse(2, 'video'), myCourse(3, 'narrated_article')], 1, 3, 50)),
      'contest.submitEntry': (call) =>
        ok(
          entry({
            submitted: true,
            courses: [{ courseId: 'c1', title: '我的课程1', format: 'article', submittedRevision: 1 }],
            title: String(call.event.title),
          }),
        ),
    });
    const { page: form, simulate } = await open();
    expect(form.instance.data.mode).toBe('entry');
    // Nothing chosen yet.
    await tap(simulate, form.querySelector('.submit-button')!);
    expect(text(form.querySelector('.entry-courses')!.querySelector('.courses-error'))).toBe('请至少选择一门参赛课程');
    expect(callsOf('contest', 'submitEntry')).toEqual([]);

    await tap(simulate, form.querySelector('.entry-courses')!.querySelector('.open-picker')!);
    expect(callsOf('authoring', 'listMyCourses')).toEqual([{ page: 1, pageSize: 50 }]);
    const choices = form.querySelector('.entry-courses')!.querySelectorAll('.choice');
    // Each a TDesign checkbox: the title, then the format (and why it cannot be chosen), none ticked yet.
    expect(texts(choices)).toEqual(['我的课程1图文', '我的课程2视频（本轮不可用）', '我的课程3图文配音']);
    expect(form.querySelector('.entry-courses')!.querySelectorAll('.choice-on')).toHaveLength(0);
    await tap(simulate, choices[1]!);
    await tap(simulate, choices[2]!);
    await tap(simulate, choices[0]!);
    expect(texts(form.querySelector('.entry-courses')!.querySelectorAll('.choice-on'))).toEqual(['我的课程1图文', '我的课程3图文配音']);
    expect(texts(form.querySelector('.entry-courses')!.querySelectorAll('.course-title'))).toEqual(['1. 我的课程3', '2. 我的课程1']);
    await tap(simulate, form.querySelector('.entry-courses')!.querySelectorAll('.remove-course')[0]!);
    expect(texts(form.querySelector('.entry-courses')!.querySelectorAll('.course-title'))).toEqual(['1. 我的课程1']);

    // wx.chooseMedia answers each video's duration in seconds
    // (https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html).
    // 45 seconds is too short: refused before any upload.
    wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/pitch.mp4', duration: 45.2 }];
    wxStub().files.set('wxfile://tmp/pitch.mp4', 'video bytes');
    await tap(simulate, form.querySelector('.choose-video')!);
    // Recording in the mini-program is capped at 60 s (maxDuration takes 3–60 s; the album is not limited).
    expect(wxStub().chooseMediaOptions[0]).toMatchObject({ mediaType: ['video'], sourceType: ['album', 'camera'], maxDuration: 60 });
    expect(text(form.querySelector('.pitch-error'))).toBe('路演视频须为 1–2 分钟，所选视频时长 45 秒');
    expect(wxStub().uploads).toEqual([]);

    wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/pitch.mp4', duration: 95.4 }];
    await tap(simulate, form.querySelector('.choose-video')!);
    // Choosing, reading the temp file and uploading take a few ticks.
    await settle(simulate, 6);
    expect(wxStub().uploads).toHaveLength(1);
    expect(wxStub().uploads[0]!.cloudPath).toMatch(/^uploads\/[^/]+\/pitch-video\/[A-Za-z0-9_-]+\.mp4$/);
    expect(text(form.querySelector('.pitch-length'))).toBe('时长 1 分 35 秒');

    await input(simulate, form.querySelector('.title-input'), '安全规程三分钟');
    await tap(simulate, form.querySelector('.submit-button')!);
    expect(callsOf('contest', 'submitEntry')).toEqual([
      {
        entryId: 'e1',
        title: '安全规程三分钟',
        teamName: null,
        topicId: 't1',
        courseIds: ['c1'],
        pitchVideo: { fileID: `cloud://local-bucket/${wxStub().uploads[0]!.cloudPath}`, seconds: 95 },
      },
    ]);
    expect(wxStub().toasts).toEqual(['作品已提交']);
    expect(form.instance.data.submitted).toBe(true);
  });

  test('a member without the studio is told how to get it; a closed window leaves the entry read-only', async () => {
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () => ok(entry()),
      'authoring.listMyCourses': () => failure('FORBIDDEN', '你没有权限进行此操作'),
    });
    const { page: form, simulate } = await open();
    await tap(simulate, form.querySelector('.entry-courses')!.querySelector('.open-picker')!);
    expect(text(form.querySelector('.entry-courses')!.querySelector('.choices-error'))).toContain('你还没有课程制作权限');
    await tap(simulate, form.querySelector('.entry-courses')!.querySelector('.open-studio')!);
    expect(wxStub().navigations).toEqual(['/packageStudio/courses/index']);

    backend({ 'contest.detail': () => ok(contest()), 'contest.myEntry': () => ok(entry({ editable: false, submitted: true })) });
    const { page: closed } = await open();
    expect(text(closed.querySelector('.locked'))).toBe('当前不在作品提交时间，作品不可修改。');
    expect(closed.querySelector('.submit-button')).toBeFalsy();
    expect(closed.querySelector('.entry-courses')!.querySelector('.open-picker')).toBeFalsy();
    expect(closed.querySelector('.choose-video')).toBeFalsy();
  });

  test('my saved pitch video says whether it is still under review or was refused', async () => {
    const pitch = (review: 'pending' | 'rejected' | null) => ({
      fileID: 'cloud://env/pitch.mp4',
      seconds: 90,
      url: 'http://127.0.0.1:8787/storage/pitch.mp4',
      review,
    });
    for (const [review, note] of [
      ['pending', '审核中，审核通过后其他人可见'],
      ['rejected', '未通过审核，请重新选择视频'],
    ] as const) {
      backend({ 'contest.detail': () => ok(contest()), 'contest.myEntry': () => ok(entry({ pitchVideo: pitch(review) })) });
      const { page: form } = await open();
      expect(text(form.querySelector('.pitch-review'))).toBe(note);
    }
    backend({ 'contest.detail': () => ok(contest()), 'contest.myEntry': () => ok(entry({ pitchVideo: pitch(null) })) });
    const { page: passed } = await open();
    expect(passed.querySelector('.pitch-review')).toBeFalsy();
  });

  test('a pitch video the round requires is asked for; a submit after the window closed says so', async () => {
    backend({
      'contest.detail': () => ok(contest()),
      'contest.myEntry': () =>
        ok(
          entry({ currentRoundId: 'r2', currentRoundName: '复赛', courses: [{ courseId: 'c1', title: '我的课程1', format: 'article', submittedRevision: 1 }] }),
        ),
      'contest.submitEntry': () => failure('CONTEST_PHASE', '初赛不在提交时间内'),
    });
    const { page: form, simulate } = await open();
    expect(text(form.querySelector('.formats-hint'))).toContain('本轮不限课程形式');
    await tap(simulate, form.querySelector('.submit-button')!);
    expect(text(form.querySelector('.pitch-error'))).toBe('本轮需要上传 1–2 分钟的路演视频');
    expect(callsOf('contest', 'submitEntry')).toEqual([]);

    wxStub().chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/p.mp4', duration: 120 }];
    wxStub().files.set('wxfile://tmp/p.mp4', 'v');
    await tap(simulate, form.querySelector('.choose-video')!);
    await settle(simulate, 6);
    await tap(simulate, form.querySelector('.submit-button')!);
    expect(callsOf('contest', 'submitEntry')).toHaveLength(1);
    expect(text(form.querySelector('.form-error'))).toBe('初赛不在提交时间内');
  });
});

// 组队邀请: the invitations waiting for my answer; confirming joins the team and opens my entry, declining asks first; closed ones say so.
describe('invitations', () => {
  const open = (query: Record<string, string> = { contestId: 'k1' }) => openPage('packageContest/invitations/index', query);

  test('lists the invitations of the contest; confirming joins the team and opens my entry', async () => {
    let answered = false;
    backend({
      'contest.invitations': () =>
        ok(
          page(
            answered ? [] : [invitation(), invitation({ id: 'e8:m1', entryId: 'e8', teamName: null, title: '客服十问', inviterName: '王五' })],
            1,
            answered ? 0 : 2,
          ),
        ),
      'contest.answerInvitation': (call) => {
        answered = true;
        return ok(invitation({ id: String(call.event.invitationId), status: call.event.accept ? 'confirmed' : 'declined' }));
      },
    });
    const { page: list, simulate } = await open();
    expect(callsOf('contest', 'invitations')).toEqual([{ contestId: 'k1', page: 1, pageSize: 10 }]);
    expect(texts(list.querySelectorAll('.invitation-title'))).toEqual(['安全规程三分钟（安全小分队）', '客服十问']);
    expect(text(list.querySelector('.invitation-inviter'))).toBe('李四 邀请你加入 · 2026-03-02 10:00');

    await tap(simulate, list.querySelectorAll('.confirm')[0]!);
    await settle(simulate, 4);
    expect(callsOf('contest', 'answerInvitation')).toEqual([{ invitationId: 'e9:m1', accept: true }]);
    expect(wxStub().toasts).toEqual(['已加入队伍']);
    expect(wxStub().navigations).toEqual(['/packageContest/signup/index?contestId=k1']);
    expect(text(inStatus(list, '.state-empty'))).toContain('暂无待确认的组队邀请');
  });

  test('declining asks first; a refusal is shown and the list read again; a closed invitation offers no answer', async () => {
    backend({
      'contest.invitations': () => ok(page([invitation(), invitation({ id: 'e8:m1', open: false })])),
      'contest.answerInvitation': () => failure('INVITATION_INVALID', '该邀请已被撤回或已处理'),
    });
    const { page: list, simulate } = await open({});
    expect(callsOf('contest', 'invitations')).toEqual([{ contestId: null, page: 1, pageSize: 10 }]);
    expect(list.querySelectorAll('.confirm')).toHaveLength(1);
    expect(text(list.querySelector('.invitation-closed'))).toBe('报名已截止，邀请已失效');
    wxStub().modalAnswers = [false];
    await tap(simulate, list.querySelector('.decline')!);
    await settle(simulate);
    expect(callsOf('contest', 'answerInvitation')).toEqual([]);
    wxStub().modalAnswers = [true];
    await tap(simulate, list.querySelector('.decline')!);
    await settle(simulate, 4);
    expect(callsOf('contest', 'answerInvitation')).toEqual([{ invitationId: 'e9:m1', accept: false }]);
    expect(wxStub().toasts).toEqual(['该邀请已被撤回或已处理']);
    expect(callsOf('contest', 'invitations')).toHaveLength(2);
    expect(wxStub().navigations).toEqual([]);
  });
});

// 参赛作品 and 人气榜: the current round's entries with a search, another round from the picker, the vote leaderboard by maintained counts, and opening an entry.
describe('entries', () => {
  const votingContest = contest({
    rounds: [
      round(0, { phase: 'closed', resultsPublished: true, entryCount: 40 }),
      round(1, { phase: 'closed', resultsPublished: true, entryCount: 12 }),
      round(2, { phase: 'voting', votingOpen: true, entryCount: 3 }),
    ],
  });

  const card = (n: number, votes: number) => ({ id: `e${n}`, title: `作品${n}`, ownerName: `作者${n}`, teamName: n === 2 ? '二队' : null, votes });

  /** per_entry: e2 already voted today, e3 is my own (nothing left, nothing voted), others have one left. */
  const leftFor = (call: { event: Record<string, unknown> }) =>
    ok(
      votesLeft({
        entries: (call.event.entryIds as string[]).map((entryId) =>
          entryId === 'e2' ? { entryId, left: 0, votedToday: 1 } : entryId === 'e3' ? { entryId, left: 0, votedToday: 0 } : { entryId, left: 1, votedToday: 0 },
        ),
      }),
    );

  test('the current round opens first; search by keyword; another round from the picker', async () => {
    backend({
      'contest.detail': () => ok(votingContest),
      'contest.entries': (call) =>
        ok(page(call.event.keyword === '二' ? [card(2, 7)] : [card(1, 12), card(2, 7), card(3, 0)], 1, call.event.keyword === '二' ? 1 : 3)),
      'contest.votesLeft': leftFor,
    });
    const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1' });
    expect(callsOf('contest', 'entries')).toEqual([{ roundId: 'r3', keyword: '', page: 1, pageSize: 10 }]);
    // One votesLeft call for the page's entries.
    expect(callsOf('contest', 'votesLeft')).toEqual([{ roundId: 'r3', entryIds: ['e1', 'e2', 'e3'] }]);
    expect(texts(list.querySelectorAll('.entry'))).toEqual(['作品1作者112 票投票', '作品2二队 · 作者27 票今日已投', '作品3作者30 票']);
    expect(text(list.querySelector('.voting-note'))).toBe('投票进行中，可在列表或作品页投票');

    await tap(simulate, list.querySelectorAll('.entry')[1]!);
    expect(wxStub().navigations).toEqual(['/packageContest/entry/index?entryId=e2']);

    await input(simulate, list.querySelector('.search-input'), ' 二 ');
    await tap(simulate, list.querySelector('.search-button')!);
    expect(callsOf('contest', 'entries')[1]).toEqual({ roundId: 'r3', keyword: '二', page: 1, pageSize: 10 });
    expect(list.querySelectorAll('.entry')).toHaveLength(1);

    await pick(simulate, list.querySelector('.round-picker'), 'r1');
    expect(callsOf('contest', 'entries')[2]).toEqual({ roundId: 'r1', keyword: '二', page: 1, pageSize: 10 });
    expect(text(list.querySelector('.voting-note'))).toBe('本轮不设大众投票');
  });

  test('人气榜 lists by votes with ranks; an empty board says so', async () => {
    const rows: VoteRankRow[] = [
      { rank: 1, entryId: 'e1', title: '作品1', ownerName: '作者1', teamName: null, votes: 12, ownerLevel: null },
      { rank: 2, entryId: 'e2', title: '作品2', ownerName: '作者2', teamName: '二队', votes: 7, ownerLevel: null },
    ];
    let empty = false;
    backend({
      'contest.detail': () => ok(votingContest),
      'contest.entries': () => ok(page([card(3, 0)], 1, 1)),
      'contest.voteLeaderboard': () => ok(page(empty ? [] : rows, 1, empty ? 0 : 2)),
      'contest.votesLeft': leftFor,
    });
    const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1', roundId: 'r3' });
    await switchTab(simulate, list, 1);
    expect(callsOf('contest', 'voteLeaderboard')).toEqual([{ roundId: 'r3', page: 1, pageSize: 10 }]);
    expect(texts(list.querySelectorAll('.rank'))).toEqual(['1', '2']);
    expect(texts(list.querySelectorAll('.entry-owner'))).toEqual(['作者1', '二队 · 作者2']);
    expect(list.querySelector('.search-input')).toBeFalsy();

    empty = true;
    await switchTab(simulate, list, 0);
    await switchTab(simulate, list, 1);
    expect(text(inStatus(list, '.state-empty'))).toContain('暂无投票');
  });

  test('a contest that fails to load offers retry, which loads the rounds then the list', async () => {
    let calls = 0;
    backend({
      'contest.detail': () => (calls++ === 0 ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(votingContest)),
      'contest.entries': () => ok(page([card(1, 1)], 1, 1)),
      'contest.votesLeft': () => failure('INTERNAL', '服务器开小差了，请稍后重试'),
    });
    const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1' });
    expect(text(inStatus(list, '.state-error'))).toContain('服务器开小差了');
    expect(callsOf('contest', 'entries')).toEqual([]);
    await tap(simulate, inStatus(list, '.retry')!);
    // The rounds, the entries, then votes left.
    await settle(simulate);
    expect(callsOf('contest', 'entries')).toEqual([{ roundId: 'r3', keyword: '', page: 1, pageSize: 10 }]);
    expect(list.querySelectorAll('.entry')).toHaveLength(1);
    // Votes left failed: the list is shown without vote buttons.
    expect(list.querySelector('.vote-inline')).toBeFalsy();
  });

  test('voting from the list: the count from the answer, the card marked, a lost answer retried with its id', async () => {
    let attempt = 0;
    backend({
      'contest.detail': () => ok(votingContest),
      'contest.entries': () => ok(page([card(1, 12), card(2, 7), card(3, 0)], 1, 3)),
      'contest.votesLeft': leftFor,
      'contest.vote': () =>
        attempt++ === 0
          ? { networkError: 'timeout' }
          : ok({ ballotId: 'b1', entryId: 'e1', roundId: 'r3', day: '2026-05-12', firstTime: true, votes: 20, entryLeft: 0, totalLeft: null }),
    });
    const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1' });
    expect(list.querySelectorAll('.vote-inline')).toHaveLength(1);
    await tap(simulate, list.querySelector('.vote-inline')!);
    expect(wxStub().toasts).toEqual(['网络连接失败，请检查网络后重试']);
    await tap(simulate, list.querySelector('.vote-inline')!);
    const calls = callsOf('contest', 'vote');
    expect(calls.map((call) => call.entryId)).toEqual(['e1', 'e1']);
    expect(calls[1]!.requestId).toBe(calls[0]!.requestId);
    // The tap voted, it did not open the entry.
    expect(wxStub().navigations).toEqual([]);
    expect(texts(list.querySelectorAll('.votes-count'))).toEqual(['20', '7', '0']);
    expect(texts(list.querySelectorAll('.vote-done'))).toEqual(['今日已投', '今日已投']);
    expect(list.querySelector('.vote-inline')).toBeFalsy();
  });

  test('total mode: the votes left over all entries above the list; none left leaves no buttons', async () => {
    backend({
      'contest.detail': () => ok(votingContest),
      'contest.entries': () => ok(page([card(1, 12), card(2, 7)], 1, 2)),
      'contest.votesLeft': (call) =>
        ok(
          votesLeft({
            mode: 'total',
            perDay: 3,
            totalLeft: 1,
            usedToday: 2,
            entries: (call.event.entryIds as string[]).map((entryId) => ({ entryId, left: 1, votedToday: 0 })),
          }),
        ),
      'contest.vote': () => ok({ ballotId: 'b1', entryId: 'e2', roundId: 'r3', day: '2026-05-12', firstTime: true, votes: 8, entryLeft: 0, totalLeft: 0 }),
    });
    const { page: list, simulate } = await openPage('packageContest/entries/index', { contestId: 'k1' });
    expect(text(list.querySelector('.total-note'))).toBe('今日还可投 1 票（所有作品共用）');
    await tap(simulate, list.querySelectorAll('.vote-inline')[1]!);
    expect(callsOf('contest', 'vote')).toEqual([{ entryId: 'e2', requestId: expect.any(String) }]);
    expect(text(list.querySelector('.total-note'))).toBe('今日还可投 0 票（所有作品共用）');
    expect(list.querySelector('.vote-inline')).toBeFalsy();
    expect(wxStub().toasts).toEqual(['投票成功']);
  });
});

// 作品详情 with the 投票 button: votes left today shown and updated after a vote, the count from the answer, one request id per tap reused only when the answer never came, and the messages for the quota, the window and one's own entry. The page is shareable (utils/share.ts).
describe('entry', () => {
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
    pitchVideo: { fileID: 'cloud://env/pitch.mp4', seconds: 90, url: 'http://127.0.0.1:8787/storage/pitch.mp4', review: null },
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
      'contest.votesLeft': () =>
        ok(
          asked++ === 0
            ? votesLeft({ mode: 'total', perDay: 3, totalLeft: 1 }, { left: 1 })
            : votesLeft({ mode: 'total', perDay: 3, totalLeft: 0, usedToday: 3 }, { left: 0 }),
        ),
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
      'contest.vote': () => failure('VOTING_CLOSED', '投票时间为 2026-05-11 至 2026-05-13（北京时间）'),
    });
    const { page, simulate } = await open();
    await tap(simulate, page.querySelector('.vote-button')!);
    expect(text(page.querySelector('.vote-error'))).toBe('投票时间为 2026-05-11 至 2026-05-13（北京时间）');
    expect(page.querySelector('.vote-button')).toBeFalsy();
  });

  test('joined the team under the page: OWN_ENTRY says so and asks again, and the button goes', async () => {
    let asked = 0;
    backend({
      'contest.entry': () => ok(other),
      'contest.votesLeft': () => ok(asked++ === 0 ? votesLeft() : votesLeft({}, { left: 0 })),
      'contest.vote': () => failure('OWN_ENTRY', '本轮不能给自己参与的作品投票'),
    });
    const { page, simulate } = await open();
    await tap(simulate, page.querySelector('.vote-button')!);
    expect(text(page.querySelector('.vote-error'))).toBe('本轮不能给自己参与的作品投票');
    expect(callsOf('contest', 'votesLeft')).toHaveLength(2);
    expect(page.querySelector('.vote-button')).toBeFalsy();
  });
});

// An entry's course as submitted: video, an article with its narration, and an H5 link to copy.
describe('entry-course', () => {
  const course = (format: CourseFormat, content: Partial<CourseContentView>): EntryCourseView => ({
    entryId: 'e1',
    courseId: 'c1',
    revision: 2,
    title: '安全第一课',
    summary: '岗位安全要点',
    coverUrl: null,
    format,
    durationMinutes: 8,
    content: { blocks: [], mediaUrl: null, narrationUrl: null, h5Url: null, mediaSeconds: null, ...content },
  });

  test('a video course plays the submitted media; the meta says which revision was submitted', async () => {
    backend({ 'contest.entryCourse': () => ok(course('video', { mediaUrl: 'http://127.0.0.1:8787/storage/v.mp4', mediaSeconds: 300 })) });
    const { page } = await openPage('packageContest/entry-course/index', { entryId: 'e1', courseId: 'c1' });
    expect(callsOf('contest', 'entryCourse')).toEqual([{ entryId: 'e1', courseId: 'c1' }]);
    expect(text(page.querySelector('.course-meta'))).toBe('视频 · 8 分钟 · 第 2 版');
    expect(page.querySelector('.video')).toBeTruthy();
    expect(page.querySelector('.audio')).toBeFalsy();
  });

  test('an article shows its blocks and offers its narration; an H5 course offers its link to copy', async () => {
    backend({
      'contest.entryCourse': () =>
        ok(
          course('narrated_article', {
            narrationUrl: 'http://127.0.0.1:8787/storage/n.wav',
            blocks: [
              { type: 'heading', text: '一、总则' },
              { type: 'paragraph', text: '安全第一。' },
              { type: 'image', url: 'http://127.0.0.1:8787/storage/p.png', caption: '示意图' },
            ],
          }),
        ),
    });
    const { page, simulate } = await openPage('packageContest/entry-course/index', { entryId: 'e1', courseId: 'c1' });
    expect(texts(page.querySelectorAll('.block'))).toEqual(['一、总则', '安全第一。', '示意图']);
    await tap(simulate, page.querySelector('.audio-toggle')!);
    expect(wxStub().audios.map((audio) => [audio.src, audio.played])).toEqual([['http://127.0.0.1:8787/storage/n.wav', 1]]);

    backend({ 'contest.entryCourse': () => ok(course('h5', { h5Url: 'https://example.com/h5' })) });
    const h5 = await openPage('packageContest/entry-course/index', { entryId: 'e1', courseId: 'c1' });
    await tap(h5.simulate, h5.page.querySelector('.copy-h5')!);
    expect(wxStub().clipboard).toEqual(['https://example.com/h5']);
  });
});
