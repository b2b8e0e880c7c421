/**
 * Course page: each player reports through the study reporter (play / pause / hide / leave), resumes from the
 * saved position; the locked state, the quiz entry and the H5 page.
 */
import { ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text } from '../harness';
import { callsOf, courseBackend, detail, progress, reportResult } from '../../helpers/pages/course';
import type { CourseContentView } from '../../../typings/functions/course';

type Lifetimes = { onShow(): void; onHide(): void; onUnload(): void };
const lifetimes = (page: { instance: unknown }) => page.instance as Lifetimes;
const reports = () => callsOf('learning.report');
const dataOf = <T>(page: { instance: unknown }, key: string): T => (page.instance as { data: Record<string, T> }).data[key];
const states = () => reports().map((report) => [report.state, report.position]);

async function openCourse(course: ReturnType<typeof detail>) {
  courseBackend({ 'course.detail': () => ok(course) });
  return openPage('packageCourse/course/index', { id: String(course.id) });
}

test('video: resumes at the saved position; play, progress, pause and hide are reported in one session', async () => {
  const { page, simulate } = await openCourse(detail({ progress: progress({ position: 120, percent: 40 }) }));
  expect(callsOf('course.detail')).toEqual([{ action: 'detail', courseId: 'c1' }]);
  expect(text(page.querySelector('.course-meta'))).toBe('视频 · 1 分钟 · 领导力');
  expect(text(page.querySelector('.completion-rule'))).toBe('播放到 90% 即完成');
  const video = page.querySelector('.video')!;
  expect(dataOf(page, 'resumeAt')).toBe(120);
  expect(dataOf(page, 'mediaUrl')).toBe('https://media.example/v.mp4');
  expect(reports()).toEqual([]);

  video.dispatchEvent('play');
  await settle(simulate);
  video.dispatchEvent('timeupdate', { detail: { currentTime: 131.5, duration: 300 } });
  video.dispatchEvent('pause');
  await settle(simulate);
  video.dispatchEvent('play');
  await settle(simulate);
  lifetimes(page).onHide();
  // Reports go out one after another, each answered on a later tick.
  await settle(simulate, 10);
  expect(states()).toEqual([
    ['playing', 120],
    ['paused', 131.5],
    ['playing', 131.5],
    ['background', 131.5],
  ]);
  expect(reports().map((report) => report.seq)).toEqual([0, 1, 2, 3]);
  expect(new Set(reports().map((report) => report.sessionId)).size).toBe(1);
  lifetimes(page).onUnload();
});

test('a video played to its end starts again from the beginning', async () => {
  const { page } = await openCourse(detail({ progress: progress({ position: 298, percent: 100, completed: true }) }));
  expect(dataOf(page, 'resumeAt')).toBe(0);
  lifetimes(page).onUnload();
});

test('audio: an inner audio context starts at the saved position; its play and pause are reported; leaving destroys it', async () => {
  const { page, simulate } = await openCourse(
    detail({ format: 'audio', progress: progress({ position: 30 }) }, { mediaUrl: 'https://media.example/a.mp3', mediaSeconds: 90 }),
  );
  const audio = wxStub().audios[0]!;
  expect(audio.src).toBe('https://media.example/a.mp3');
  expect(audio.startTime).toBe(30);
  expect(text(page.querySelector('.audio-time'))).toBe('0:30 / 1:30');

  await tap(simulate, page.querySelector('.audio-toggle')!);
  expect(audio.played).toBe(1);
  expect(dataOf(page, 'audioPlaying')).toBe(true);
  audio.currentTime = 45;
  audio.emit('timeUpdate');
  await tap(simulate, page.querySelector('.audio-toggle')!);
  await settle(simulate);
  expect(states()).toEqual([
    ['playing', 30],
    ['paused', 45],
  ]);
  expect(text(page.querySelector('.audio-current'))).toBe('0:45');
  lifetimes(page).onUnload();
  expect(audio.destroyed).toBe(true);
});

test('article: reading reports from the start, 读完了 reports 100%, leaving sends the final report; progress updates', async () => {
  const blocks: CourseContentView['blocks'] = [
    { type: 'heading', text: '第一节' },
    { type: 'paragraph', text: '正文内容' },
    { type: 'image', url: 'https://media.example/p.png', caption: '示意图' },
  ];
  courseBackend({
    'course.detail': () => ok(detail({ format: 'article' }, { blocks, mediaUrl: null, mediaSeconds: null })),
    'learning.report': (call) =>
      ok(
        reportResult({
          progress: progress({ percent: Number(call.event.position), studySeconds: 75, completed: call.event.position === 100 }),
          justCompleted: call.event.position === 100,
        }),
      ),
  });
  const { page, simulate } = await openPage('packageCourse/course/index', { id: 'c1' });
  expect(page.querySelectorAll('.block').map(text)).toEqual(['第一节', '正文内容', '示意图']);
  expect(dataOf<{ url: string }[]>(page, 'blocks')[2]?.url).toBe('https://media.example/p.png');

  await tap(simulate, page.querySelector('.finish-reading')!);
  await settle(simulate);
  expect(text(page.querySelector('.read-percent'))).toBe('已读 100%');
  lifetimes(page).onUnload();
  await settle(simulate, 10);
  expect(states()).toEqual([
    ['reading', 0],
    ['reading', 100],
    ['paused', 100],
  ]);
  expect(text(page.querySelector('.progress-state'))).toBe('已完成');
  expect(text(page.querySelector('.progress-time'))).toBe('1 分钟');
  expect(wxStub().toasts).toContain('恭喜，已完成本课程');
});

test('a locked course shows why and reports nothing; the quiz entry and the series link open their pages', async () => {
  const { page, simulate } = await openCourse(
    detail({
      locked: true,
      content: null,
      lockedReason: '请先完成上一课',
      quiz: { questionCount: 5, passMark: 60, attemptLimit: 3, attemptsLeft: 2, requiredForCompletion: true },
      series: [{ seriesId: 's1', title: '新员工之旅', index: 1, count: 4, stepUnlock: true, previousCourseId: 'c0', nextCourseId: 'c2' }],
    }),
  );
  expect(text(page.querySelector('.locked'))).toContain('请先完成上一课');
  expect(page.querySelector('.video')).toBeFalsy();
  expect(text(page.querySelector('.quiz-info'))).toBe('共 5 题 · 60 分及格 · 剩余 2 次 · 通过后才算完成');
  expect(page.querySelector('.start-quiz')).toBeFalsy();
  expect(text(page.querySelector('.series-label'))).toBe('系列：新员工之旅 · 第 2/4 课 ›');
  await tap(simulate, page.querySelector('.series-next')!);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=c2']);
  expect(reports()).toEqual([]);
});

test('the quiz button opens the quiz; an H5 course opens its web-view page, which reports while shown', async () => {
  const quiz = { questionCount: 3, passMark: 80, attemptLimit: 0, attemptsLeft: null, requiredForCompletion: false };
  const { page, simulate } = await openCourse(detail({ format: 'h5', quiz }, { h5Url: 'https://h5.example/course', mediaUrl: null }));
  await tap(simulate, page.querySelector('.start-quiz')!);
  await tap(simulate, page.querySelector('.open-h5')!);
  expect(wxStub().navigations).toEqual(['/packageCourse/quiz/index?id=c1', '/packageCourse/h5/index?id=c1']);
  expect(reports()).toEqual([]);

  const h5 = await openPage('packageCourse/h5/index', { id: 'c1' });
  expect(h5.page.querySelector('.web')).toBeTruthy();
  expect(dataOf(h5.page, 'url')).toBe('https://h5.example/course');
  lifetimes(h5.page).onHide();
  lifetimes(h5.page).onShow();
  lifetimes(h5.page).onUnload();
  await settle(h5.simulate, 10);
  expect(states()).toEqual([
    ['reading', 0],
    ['background', 0],
    ['reading', 0],
    ['paused', 0],
  ]);
});
