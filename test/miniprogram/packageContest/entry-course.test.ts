/** An entry's course as submitted: video, an article with its narration, and an H5 link to copy. */
import { backend, callsOf, ok, openPage, text, texts } from './contest-fixtures';
import { tap, wxStub } from '../harness';

const course = (format: string, content: Record<string, unknown>) => ({
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
  const audio = { src: '', play: jest.fn(), pause: jest.fn(), destroy: jest.fn(), onPlay: jest.fn(), onPause: jest.fn(), onStop: jest.fn(), onEnded: jest.fn(), onError: jest.fn() };
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const original = wx.createInnerAudioContext;
  wx.createInnerAudioContext = () => audio;
  try {
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
    expect(audio.src).toBe('http://127.0.0.1:8787/storage/n.wav');
    expect(audio.play).toHaveBeenCalledTimes(1);
  } finally {
    wx.createInnerAudioContext = original;
  }

  backend({ 'contest.entryCourse': () => ok(course('h5', { h5Url: 'https://example.com/h5' })) });
  const { page, simulate } = await openPage('packageContest/entry-course/index', { entryId: 'e1', courseId: 'c1' });
  await tap(simulate, page.querySelector('.copy-h5')!);
  expect(wxStub().clipboard).toEqual(['https://example.com/h5']);
});
