/**
 * submitOnce (miniprogram/utils/submit-once.ts): one send at a time, one request id per intent, kept only
 * when the answer never came (or, for a page that names its refusals, on any other failure), and the server's
 * message on a refusal.
 */
import { initialSubmitState, renewRequest, submitOnce, type SubmitState } from '../../../miniprogram/utils/submit-once';
import { ApiError } from '../../../miniprogram/services/transport';

function host() {
  const page = {
    data: initialSubmitState(),
    setData(patch: Partial<SubmitState>) {
      page.data = { ...page.data, ...patch };
    },
  };
  return page;
}

test('a second tap while the first send runs does nothing', async () => {
  const page = host();
  let release: () => void = () => undefined;
  const send = jest.fn((_id: string) => new Promise<string>((resolve) => (release = () => resolve('done'))));
  const first = submitOnce(page, send, { where: 'test' });
  expect(page.data.submitting).toBe(true);
  expect(await submitOnce(page, send, { where: 'test' })).toBeNull();
  release();
  expect(await first).toEqual({ ok: true, value: 'done' });
  expect(send).toHaveBeenCalledTimes(1);
  expect(page.data).toEqual({ submitting: false, pendingRequestId: '' });
});

test('an unsure failure keeps the request id for the retry; an answer or a renewal drops it', async () => {
  const page = host();
  const ids: string[] = [];
  const failWith = (code: 'NETWORK_ERROR' | 'CONFLICT') => async (id: string) => {
    ids.push(id);
    throw new ApiError(code, code === 'CONFLICT' ? '请稍后重试' : '网络异常');
  };
  const unsure = await submitOnce(page, failWith('NETWORK_ERROR'), { where: 'test' });
  expect(unsure).toMatchObject({ ok: false, unsure: true, failure: { code: 'NETWORK_ERROR', message: '网络异常' } });
  await submitOnce(page, failWith('NETWORK_ERROR'), { where: 'test' });
  expect(ids[1]).toBe(ids[0]);
  renewRequest(page);
  await submitOnce(page, failWith('CONFLICT'), { where: 'test' });
  expect(ids[2]).not.toBe(ids[0]);
  expect(page.data.pendingRequestId).toBe('');
  await submitOnce(page, failWith('CONFLICT'), { where: 'test' });
  expect(ids[3]).not.toBe(ids[2]);
});

test('with its refusals named, only those settle the intent: any other failure keeps the request id', async () => {
  const page = host();
  const ids: string[] = [];
  const failWith = (code: 'INTERNAL' | 'POINTS_INSUFFICIENT') => async (id: string) => {
    ids.push(id);
    throw new ApiError(code, code === 'INTERNAL' ? '服务器开小差了' : '积分不足');
  };
  const options = { where: 'test', refusals: ['POINTS_INSUFFICIENT'] as const };
  expect(await submitOnce(page, failWith('INTERNAL'), options)).toMatchObject({ ok: false, unsure: true, failure: { code: 'INTERNAL' } });
  await submitOnce(page, failWith('INTERNAL'), options);
  expect(ids[1]).toBe(ids[0]);
  expect(await submitOnce(page, failWith('POINTS_INSUFFICIENT'), options)).toMatchObject({ ok: false, unsure: false });
  expect(ids[2]).toBe(ids[0]);
  expect(page.data.pendingRequestId).toBe('');
  // A failure that is not the server's (a bug) may have come after the write as well.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(await submitOnce(page, () => Promise.reject(new Error('boom')), options)).toMatchObject({ ok: false, unsure: true });
  warn.mockRestore();
  expect(page.data.pendingRequestId).not.toBe('');
});
