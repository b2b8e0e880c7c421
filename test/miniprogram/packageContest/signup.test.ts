/**
 * 报名 and 我的作品: individual and team sign-up (teammates by 工号, one request id across retries), refusals,
 * then the entry form: courses from my studio courses in the round's formats, the pitch video checked to
 * 1–2 minutes before uploading, submitting, and a closed window that leaves the entry read-only.
 */
import { backend, callsOf, contest, entry, input, media, ok, openPage, page, text, texts } from './contest-fixtures';
import { failure } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';

const open = () => openPage('packageContest/signup/index', { contestId: 'k1' });

const myCourse = (n: number, format = 'article') => ({
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
  await input(simulate, form.querySelector('.topic-picker'), 1, 'change');
  await tap(simulate, form.querySelector('.sign-up-button')!);

  const [sent] = callsOf('contest', 'signUp');
  expect(sent).toEqual({
    contestId: 'k1',
    kind: 'individual',
    teamName: null,
    teammateEmployeeNos: [],
    title: '三分钟讲清安全规程',
    topicId: 't1',
    requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
  });
  expect(wxStub().toasts).toEqual(['报名成功']);
  expect(form.instance.data.mode).toBe('entry');
  expect(text(form.querySelector('.formats-hint'))).toContain('本轮要求课程形式：图文、图文配音');
});

test('a team needs a name and at least one teammate; a refusal says why and the retry keeps the request id', async () => {
  let attempt = 0;
  backend({
    'contest.detail': () => ok(contest()),
    'contest.myEntry': () => ok(null),
    'contest.signUp': () => (attempt++ === 0 ? failure('ALREADY_ENTERED', '已报名本次大赛的其他作品') : ok(entry({ kind: 'team', teamName: '安全小分队' }))),
  });
  const { page: form, simulate } = await open();
  await tap(simulate, form.querySelector('.kind-team')!);
  await input(simulate, form.querySelector('.title-input'), '安全规程');
  await tap(simulate, form.querySelector('.sign-up-button')!);
  expect(text(form.querySelector('.teammates-error'))).toBe('团队报名请至少填写一位队友的工号');
  expect(callsOf('contest', 'signUp')).toEqual([]);

  await tap(simulate, form.querySelector('.add-teammate')!);
  await tap(simulate, form.querySelector('.add-teammate')!);
  await input(simulate, form.querySelectorAll('.teammate-no')[0], 'E002');
  await input(simulate, form.querySelectorAll('.teammate-no')[1], 'Ｅ００２');
  await tap(simulate, form.querySelector('.sign-up-button')!);
  // Full-width digits fold to the same 工号.
  expect(text(form.querySelector('.teammates-error'))).toBe('队友工号重复了');

  await input(simulate, form.querySelectorAll('.teammate-no')[1], 'E003');
  await tap(simulate, form.querySelector('.sign-up-button')!);
  expect(text(form.querySelector('.team-name-error'))).toBe('请填写队名');
  expect(callsOf('contest', 'signUp')).toEqual([]);

  await input(simulate, form.querySelector('.team-name'), '安全小分队');
  await tap(simulate, form.querySelector('.sign-up-button')!);
  expect(text(form.querySelector('.form-error'))).toBe('你或队友已报名本次大赛的其他作品');
  await tap(simulate, form.querySelector('.sign-up-button')!);
  const calls = callsOf('contest', 'signUp');
  expect(calls).toHaveLength(2);
  expect(calls[0]).toMatchObject({ kind: 'team', teamName: '安全小分队', teammateEmployeeNos: ['E002', 'E003'], topicId: null });
  expect(calls[1]!.requestId).toBe(calls[0]!.requestId);
  expect(form.instance.data.mode).toBe('entry');
});

test('the entry form: courses in the round formats, a pitch video of 1–2 minutes, then submit', async () => {
  backend({
    'contest.detail': () => ok(contest()),
    'contest.myEntry': () => ok(entry()),
    'authoring.listMyCourses': () => ok(page([myCourse(1), myCourse(2, 'video'), myCourse(3, 'narrated_article')], 1, 3, 50)),
    'contest.submitEntry': (call) => ok(entry({ submitted: true, courses: [{ courseId: 'c1', title: '我的课程1', format: 'article', submittedRevision: 1 }] , title: call.event.title })),
  });
  const { page: form, simulate } = await open();
  expect(form.instance.data.mode).toBe('entry');
  // Nothing chosen yet.
  await tap(simulate, form.querySelector('.submit-button')!);
  expect(text(form.querySelector('.courses-error'))).toBe('请至少选择一门参赛课程');
  expect(callsOf('contest', 'submitEntry')).toEqual([]);

  await tap(simulate, form.querySelector('.open-picker')!);
  expect(callsOf('authoring', 'listMyCourses')).toEqual([{ page: 1, pageSize: 50 }]);
  const choices = form.querySelectorAll('.choice');
  expect(texts(choices)).toEqual(['☐ 我的课程1 图文', '☐ 我的课程2 视频（本轮不可用）', '☐ 我的课程3 图文配音']);
  await tap(simulate, choices[1]!);
  await tap(simulate, choices[2]!);
  await tap(simulate, choices[0]!);
  expect(texts(form.querySelectorAll('.course-title'))).toEqual(['1. 我的课程3', '2. 我的课程1']);
  await tap(simulate, form.querySelectorAll('.remove-course')[0]!);
  expect(texts(form.querySelectorAll('.course-title'))).toEqual(['1. 我的课程1']);

  // 45 seconds is too short: refused before any upload.
  media.chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/pitch.mp4', duration: 45.2 }];
  wxStub().files.set('wxfile://tmp/pitch.mp4', 'video bytes');
  await tap(simulate, form.querySelector('.choose-video')!);
  expect(media.chooseMediaOptions[0]).toMatchObject({ mediaType: ['video'], maxDuration: 120 });
  expect(text(form.querySelector('.pitch-error'))).toBe('路演视频须为 1–2 分钟，所选视频时长 45 秒');
  expect(wxStub().uploads).toEqual([]);

  media.chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/pitch.mp4', duration: 95.4 }];
  await tap(simulate, form.querySelector('.choose-video')!);
  // Choosing, reading the temp file and uploading take a few ticks.
  await settle(simulate, 6);
  expect(wxStub().uploads).toHaveLength(1);
  expect(wxStub().uploads[0]!.cloudPath).toMatch(/^contest-pitch\/[A-Za-z0-9_-]+\.mp4$/);
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
  await tap(simulate, form.querySelector('.open-picker')!);
  expect(text(form.querySelector('.choices-error'))).toContain('你还没有课程制作权限');
  await tap(simulate, form.querySelector('.open-studio')!);
  expect(wxStub().navigations).toEqual(['/packageStudio/courses/index']);

  backend({ 'contest.detail': () => ok(contest()), 'contest.myEntry': () => ok(entry({ editable: false, submitted: true })) });
  const { page: closed } = await open();
  expect(text(closed.querySelector('.locked'))).toBe('当前不在作品提交时间，作品不可修改。');
  expect(closed.querySelector('.submit-button')).toBeFalsy();
  expect(closed.querySelector('.open-picker')).toBeFalsy();
  expect(closed.querySelector('.choose-video')).toBeFalsy();
});

test('a pitch video the round requires is asked for; a submit after the window closed says so', async () => {
  backend({
    'contest.detail': () => ok(contest()),
    'contest.myEntry': () =>
      ok(entry({ currentRoundId: 'r2', currentRoundName: '复赛', courses: [{ courseId: 'c1', title: '我的课程1', format: 'article', submittedRevision: 1 }] })),
    'contest.submitEntry': () => failure('CONTEST_PHASE', '大赛当前阶段不能进行此操作'),
  });
  const { page: form, simulate } = await open();
  expect(text(form.querySelector('.formats-hint'))).toContain('本轮不限课程形式');
  await tap(simulate, form.querySelector('.submit-button')!);
  expect(text(form.querySelector('.pitch-error'))).toBe('本轮需要上传 1–2 分钟的路演视频');
  expect(callsOf('contest', 'submitEntry')).toEqual([]);

  media.chooseMediaAnswer = [{ tempFilePath: 'wxfile://tmp/p.mp4', duration: 120 }];
  wxStub().files.set('wxfile://tmp/p.mp4', 'v');
  await tap(simulate, form.querySelector('.choose-video')!);
  await settle(simulate, 6);
  await tap(simulate, form.querySelector('.submit-button')!);
  expect(callsOf('contest', 'submitEntry')).toHaveLength(1);
  expect(text(form.querySelector('.form-error'))).toBe('作品提交时间已结束，作品不能再修改');
});
