/** 媒体审核: uploads waiting for a person (a player for videos, the picture for images), approve or refuse each, the list reloaded after a verdict. */
import { failure } from '../wx-stub';
import { tap, wxStub } from '../harness';
import { backend, callsOf, ok, openPage, page, text, texts } from './studio-fixtures';

function video(n: number, kind: 'image' | 'video' = 'video') {
  return {
    checkId: `mc_${String(n).repeat(40)}`,
    kind,
    url: `http://127.0.0.1:8787/storage/pitch-${n}.mp4`,
    uploaderName: `作者${n}`,
    createdAt: '2026-03-01T02:00:00.000Z',
  };
}

test('lists uploads under review and sends a verdict, then reloads the queue', async () => {
  let left = [video(1), video(2, 'image')];
  backend({
    'mediaCheck.pendingReviews': () => ok(page(left, 1, 1)),
    'mediaCheck.review': (call) => {
      left = left.filter((one) => one.checkId !== call.event.checkId);
      return ok({ changed: true });
    },
  });
  const { page: rendered, simulate } = await openPage('packageStudio/media-review/index');
  expect(texts(rendered.querySelectorAll('.upload-meta'))).toEqual(['作者1 · 上传于 2026-03-01 10:00', '作者2 · 上传于 2026-03-01 10:00']);
  expect(rendered.querySelectorAll('.player')).toHaveLength(1);
  expect(rendered.querySelectorAll('.picture')).toHaveLength(1);
  await tap(simulate, rendered.querySelector('.approve')!);
  expect(callsOf('mediaCheck', 'review')).toEqual([{ checkId: video(1).checkId, verdict: 'pass' }]);
  expect(texts(rendered.querySelectorAll('.upload-meta'))).toEqual(['作者2 · 上传于 2026-03-01 10:00']);
  await tap(simulate, rendered.querySelector('.reject')!);
  expect(callsOf('mediaCheck', 'review')[1]).toEqual({ checkId: video(2).checkId, verdict: 'risky' });
  expect(text(rendered.querySelector('#status'))).toContain('暂无待审核的图片或视频');
});

test('a refused verdict is shown and the queue stays', async () => {
  backend({
    'mediaCheck.pendingReviews': () => ok(page([video(3)], 1, 1)),
    'mediaCheck.review': () => failure('NOT_FOUND', '内容不存在或已删除'),
  });
  const { page: rendered, simulate } = await openPage('packageStudio/media-review/index');
  await tap(simulate, rendered.querySelector('.approve')!);
  expect(wxStub().toasts).toContain('内容不存在或已删除');
  expect(rendered.querySelectorAll('.upload')).toHaveLength(1);
});
