/**
 * 线下课 for members: the list opens a session; the session page signs up (the server's pre-test refusal
 * shown), scans the code with wx.scanCode to attend, answers the survey and opens a take-away file with
 * wx.openDocument; the attend page (opened by WeChat's scan) sends the code's scene.
 */
import { failure, ok } from '../wx-stub';
import { openPage, page, settle, tap, text, texts, wxStub } from '../harness';
import { backend, inputsOf } from '../../helpers/backend';
import { sessionSummary, sessionView } from '../../helpers/pages/classroom';

test('lists sessions with their phase and my part, and opens one', async () => {
  backend({ 'classroom.list': () => ok(page([sessionSummary('s1'), sessionSummary('s2', { phase: 'in_progress', mine: 'attended' })])) });
  const { page: rendered, simulate } = await openPage('packageClassroom/list/index');
  expect(texts(rendered.querySelectorAll('.session-phase'))).toEqual(['报名中', '签到中']);
  expect(texts(rendered.querySelectorAll('.session-mine'))).toEqual(['· 已签到']);
  expect(text(rendered.querySelector('.session-when'))).toBe('2026-06-10 14:00-16:00');
  await tap(simulate, rendered.querySelectorAll('.session')[1]!);
  expect(wxStub().navigations).toEqual(['/packageClassroom/session/index?id=s2']);
});

test('signs up, showing the server’s pre-test refusal first, then cancels', async () => {
  let passed = false;
  backend({
    'classroom.detail': () => ok(sessionView('s1')),
    'classroom.signUp': () =>
      passed ? ok(sessionView('s1', { mine: 'signed_up', signedUp: 13 })) : failure('PRETEST_REQUIRED', '请先通过课前测验「沟通课前测验」再报名'),
    'classroom.cancelSignUp': () => ok(sessionView('s1')),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/session/index', { id: 's1' });
  expect(text(rendered.querySelector('.pre-test'))).toContain('通过后才能报名');
  await tap(simulate, rendered.querySelector('.sign-up')!);
  expect(wxStub().toasts).toContain('请先通过课前测验「沟通课前测验」再报名');
  passed = true;
  await tap(simulate, rendered.querySelector('.sign-up')!);
  expect(text(rendered.querySelector('.session-mine'))).toBe('已报名');
  expect(rendered.querySelector('.sign-up')).toBeFalsy();
  await tap(simulate, rendered.querySelector('.cancel')!);
  expect(inputsOf('classroom', 'cancelSignUp')).toEqual([{ sessionId: 's1' }]);
  await tap(simulate, rendered.querySelector('.pre-test')!);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=c-quiz']);
});

test('scans the trainer’s code to attend, then answers the survey and opens a file', async () => {
  let attended = false;
  backend({
    'classroom.detail': () =>
      ok(
        attended
          ? sessionView('s1', { phase: 'in_progress', mine: 'attended', surveyOpen: true })
          : sessionView('s1', { phase: 'in_progress', mine: 'signed_up' }),
      ),
    'classroom.attend': () => {
      attended = true;
      return ok({ sessionId: 's1', title: '高效沟通工作坊', attendedAt: '2026-06-10T05:40:00.000Z', firstTime: true, points: 20 });
    },
    'classroom.submitSurvey': () => ok(sessionView('s1', { phase: 'in_progress', mine: 'attended', surveyed: true })),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/session/index', { id: 's1' });
  // Not a code of ours: nothing is sent.
  wxStub().scans.push({ result: 'https://example.com' });
  await tap(simulate, rendered.querySelector('.scan')!);
  expect(wxStub().toasts).toContain('这不是签到码');
  wxStub().scans.push({ path: 'packageClassroom/attend/index?scene=abcdefabcdef.zzz1.0123456789' });
  await tap(simulate, rendered.querySelector('.scan')!);
  // The scan, the attendance and the session's new state answer on later ticks.
  await settle(simulate, 6);
  expect(inputsOf('classroom', 'attend')).toEqual([{ token: 'abcdefabcdef.zzz1.0123456789' }]);
  expect(text(rendered.querySelector('.session-mine'))).toBe('已签到');
  // Every rating question is needed before sending.
  await tap(simulate, rendered.querySelector('.submit-survey')!);
  expect(wxStub().toasts).toContain('请为「课程整体满意度」评分');
  await tap(simulate, rendered.querySelectorAll('.score')[3]!);
  await tap(simulate, rendered.querySelector('.submit-survey')!);
  expect(inputsOf('classroom', 'submitSurvey')).toEqual([{ sessionId: 's1', ratings: { q1: 4 }, answers: {} }]);
  expect(rendered.querySelector('.surveyed')).toBeTruthy();
  await tap(simulate, rendered.querySelector('.takeaway-files')!.querySelector('.file')!);
  await settle(simulate, 6);
  expect(wxStub().deviceCalls.slice(-2)).toEqual(['downloadFile https://files.example/handout.pdf', `openDocument ${wxStub().downloadTempFilePath}`]);
  expect(wxStub().openedDocuments[0]).toMatchObject({ fileType: 'pdf' });
});

test('the attend page sends the scanned scene and says how it went', async () => {
  backend({ 'classroom.attend': () => ok({ sessionId: 's1', title: '高效沟通工作坊', attendedAt: '2026-06-10T05:40:00.000Z', firstTime: true, points: 20 }) });
  const { page: rendered, simulate } = await openPage('packageClassroom/attend/index', { scene: encodeURIComponent('abcdefabcdef.zzz1.0123456789') });
  expect(inputsOf('classroom', 'attend')).toEqual([{ token: 'abcdefabcdef.zzz1.0123456789' }]);
  expect(text(rendered.querySelector('.result-attended'))).toBe('签到成功 2026-06-10 13:40');
  expect(text(rendered.querySelector('.result-points'))).toBe('获得 20 积分');
  await tap(simulate, rendered.querySelector('.open-session')!);
  expect(wxStub().navigations).toEqual(['/packageClassroom/session/index?id=s1']);
  backend({ 'classroom.attend': () => failure('ATTEND_CODE_INVALID', '签到码已失效，请扫描讲师屏幕上最新的二维码') });
  const stale = await openPage('packageClassroom/attend/index', { scene: 'old' });
  expect(text(stale.page.querySelector('.result-error'))).toBe('签到码已失效，请扫描讲师屏幕上最新的二维码');
});
