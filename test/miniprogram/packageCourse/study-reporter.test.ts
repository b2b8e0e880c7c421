/**
 * The study reporter with fake timers: reports every interval while playing or reading in the foreground,
 * a report when learning starts and a final one when it stops, nothing while paused or hidden, one session id
 * and an increasing seq.
 */
import type { StudyReportInput, StudyReportResult } from '../../../miniprogram/services/learning';
import { StudyReporter, type StudyMode } from '../../../miniprogram/packageCourse/utils/study-reporter';

type Listener = () => void;

const RESULT: StudyReportResult = {
  progress: {
    position: 0,
    furthest: 0,
    percent: 0,
    studySeconds: 0,
    completed: false,
    completedAt: null,
    quizPassed: false,
    quizAttempts: 0,
    quizBestScore: null,
    lastStudiedAt: null,
  },
  creditedMs: 0,
  justCompleted: false,
  ignored: false,
};

const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
let appHide: Listener[] = [];
let appShow: Listener[] = [];

beforeEach(() => {
  jest.useFakeTimers();
  appHide = [];
  appShow = [];
  wxGlobal.onAppHide = (listener: Listener) => appHide.push(listener);
  wxGlobal.onAppShow = (listener: Listener) => appShow.push(listener);
  wxGlobal.offAppHide = (listener: Listener) => (appHide = appHide.filter((l) => l !== listener));
  wxGlobal.offAppShow = (listener: Listener) => (appShow = appShow.filter((l) => l !== listener));
});

afterEach(() => {
  jest.useRealTimers();
  for (const key of ['onAppHide', 'onAppShow', 'offAppHide', 'offAppShow']) delete wxGlobal[key];
});

function reporter(mode: StudyMode, intervalMs = 10_000) {
  const sent: StudyReportInput[] = [];
  let position = 0;
  const results: StudyReportResult[] = [];
  const instance = new StudyReporter({
    courseId: 'c1',
    mode,
    intervalMs,
    position: () => position,
    onResult: (result) => results.push(result),
    send: (input) => {
      sent.push(input);
      return Promise.resolve(RESULT);
    },
  });
  return {
    instance,
    sent,
    results,
    states: () => sent.map((input) => input.state),
    at(seconds: number) {
      position = seconds;
    },
  };
}

test('media: nothing before play; a report on play, every interval while playing, a final one on pause', async () => {
  const r = reporter('media');
  jest.advanceTimersByTime(30_000);
  expect(r.sent).toEqual([]);

  r.at(12);
  r.instance.play();
  r.at(22);
  jest.advanceTimersByTime(10_000);
  r.at(32);
  jest.advanceTimersByTime(10_000);
  r.at(35);
  r.instance.pause();
  jest.advanceTimersByTime(60_000);
  await r.instance.flush();

  expect(r.states()).toEqual(['playing', 'playing', 'playing', 'paused']);
  expect(r.sent.map((input) => input.position)).toEqual([12, 22, 32, 35]);
  expect(r.sent.map((input) => input.seq)).toEqual([0, 1, 2, 3]);
  expect(new Set(r.sent.map((input) => input.sessionId))).toEqual(new Set([r.instance.sessionId]));
  expect(r.instance.sessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(r.sent.every((input) => input.courseId === 'c1')).toBe(true);
  expect(r.results).toHaveLength(4);
});

test('reading: reports from the start while shown; page hide stops with a background report, show resumes', async () => {
  const r = reporter('reading');
  jest.advanceTimersByTime(10_000);
  r.instance.pageHide();
  jest.advanceTimersByTime(50_000);
  await r.instance.flush();
  expect(r.states()).toEqual(['reading', 'reading', 'background']);

  r.instance.pageShow();
  jest.advanceTimersByTime(10_000);
  r.instance.close();
  jest.advanceTimersByTime(50_000);
  await r.instance.flush();
  expect(r.states()).toEqual(['reading', 'reading', 'background', 'reading', 'reading', 'paused']);
  expect(r.sent.map((input) => input.seq)).toEqual([0, 1, 2, 3, 4, 5]);
});

test('the app going to the background stops reporting; coming back resumes; close stops listening', async () => {
  const r = reporter('media');
  r.instance.play();
  for (const listener of appHide) listener();
  jest.advanceTimersByTime(40_000);
  await r.instance.flush();
  expect(r.states()).toEqual(['playing', 'background']);

  for (const listener of appShow) listener();
  await r.instance.flush();
  expect(r.states()).toEqual(['playing', 'background', 'playing']);
  r.instance.close();
  expect(appHide).toEqual([]);
  expect(appShow).toEqual([]);
  for (const listener of appShow) listener();
  jest.advanceTimersByTime(40_000);
  await r.instance.flush();
  expect(r.states()).toEqual(['playing', 'background', 'playing', 'paused']);
});

test('paused media hidden and shown again stays silent; pausing twice reports once', async () => {
  const r = reporter('media');
  r.instance.play();
  r.instance.pause();
  r.instance.pause();
  r.instance.pageHide();
  r.instance.pageShow();
  jest.advanceTimersByTime(60_000);
  r.instance.close();
  await r.instance.flush();
  expect(r.states()).toEqual(['playing', 'paused']);
});

test('a seek reports at once while playing, not while paused', async () => {
  const r = reporter('media');
  r.instance.moved();
  r.instance.play();
  r.at(90);
  r.instance.moved();
  await r.instance.flush();
  expect(r.sent.map((input) => [input.state, input.position])).toEqual([
    ['playing', 0],
    ['playing', 90],
  ]);
});

test('reports go out in seq order even when an answer is slow, and a failed one does not stop the rest', async () => {
  const order: number[] = [];
  let calls = 0;
  const instance = new StudyReporter({
    courseId: 'c1',
    mode: 'reading',
    intervalMs: 1_000,
    position: () => 0,
    send: async (input) => {
      calls += 1;
      if (calls === 2) throw new Error('network');
      order.push(input.seq);
      return RESULT;
    },
  });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.advanceTimersByTime(2_000);
  instance.close();
  await instance.flush();
  warn.mockRestore();
  expect(order).toEqual([0, 2, 3]);
  expect(calls).toBe(4);
});
