/**
 * submitOnce (miniprogram/utils/submit-once.ts): one send at a time, one request id per intent, kept only
 * when the answer never came (or on any failure that is not final: a creation until it is accepted, a page that
 * names its refusals on any other), and the server's message on a refusal.
 */
import {
  initialSubmitState,
  onlyRefusals,
  pendingIdAt,
  renewRequest,
  submitOnce,
  submitWithToast,
  untilAccepted,
  type SubmitState,
} from '../../../miniprogram/utils/submit-once';
import { wxStub } from '../harness';
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

test('a page that names its final refusals keeps the request id for every other failure', async () => {
  const page = host();
  const ids: string[] = [];
  const failWith = (code: 'INTERNAL' | 'ALREADY_CHECKED_IN') => async (id: string) => {
    ids.push(id);
    throw new ApiError(code, '失败');
  };
  const options = { where: 'test', isFinal: (failure: { code: string | null }) => failure.code === 'ALREADY_CHECKED_IN' };
  expect(await submitOnce(page, failWith('INTERNAL'), options)).toMatchObject({ ok: false, unsure: true });
  await submitOnce(page, failWith('INTERNAL'), options);
  expect(ids[1]).toBe(ids[0]);
  expect(await submitOnce(page, failWith('ALREADY_CHECKED_IN'), options)).toMatchObject({ ok: false, unsure: false });
  expect(page.data.pendingRequestId).toBe('');
  await submitOnce(page, failWith('INTERNAL'), options);
  expect(ids[3]).not.toBe(ids[2]);
});

test('submitWithToast: the answer shown, then its success said (worded from the answer when given as a function); a refusal said instead', async () => {
  const page = host();
  const shown: string[] = [];
  const options = { where: 'test', done: (value: string) => shown.push(value), success: (value: string) => `已分到${value}` };
  await submitWithToast(page, async () => '蓝队', options);
  await submitWithToast(
    page,
    async () => {
      throw new ApiError('CAMPAIGN_STATE', '活动已结束，不能调整分组');
    },
    options,
  );
  await submitWithToast(page, async () => '红队', { ...options, success: '已保存' });
  expect(shown).toEqual(['蓝队', '红队']);
  expect(wxStub().toasts).toEqual(['已分到蓝队', '活动已结束，不能调整分组', '已保存']);
});

test('pendingIdAt: an unanswered send keeps its id at its own path, apart from the other sends of the page', async () => {
  const page = {
    data: { submitting: false, pendingRequestId: '', reminder: { pendingRequestId: '' } } as Record<string, unknown> & { submitting: boolean },
    setData(patch: Record<string, unknown>) {
      for (const [path, value] of Object.entries(patch)) {
        const keys = path.split('.');
        const last = keys.pop()!;
        let target = page.data as Record<string, unknown>;
        for (const key of keys) target = target[key] as Record<string, unknown>;
        target[last] = value;
      }
    },
  };
  const ids: string[] = [];
  const unanswered = async (id: string) => {
    ids.push(id);
    throw new ApiError('NETWORK_ERROR', '网络异常');
  };
  await submitOnce(pendingIdAt(page, 'reminder.pendingRequestId'), unanswered, { where: 'test' });
  expect((page.data.reminder as { pendingRequestId: string }).pendingRequestId).toBe(ids[0]);
  expect(page.data.pendingRequestId).toBe('');
  expect(page.data.submitting).toBe(false);
  await submitOnce(pendingIdAt(page, 'reminder.pendingRequestId'), unanswered, { where: 'test' });
  expect(ids[1]).toBe(ids[0]);
});

test('a creation keeps its request id through refusals until the server accepts; a renewal starts a new one', async () => {
  const page = host();
  const ids: string[] = [];
  const answers = ['refuse', 'refuse', 'accept', 'accept'];
  const send = async (id: string) => {
    ids.push(id);
    if (answers.shift() === 'refuse') throw new ApiError('INTERNAL', '服务器开小差了，请稍后重试');
    return 'created';
  };
  const options = { where: 'test', isFinal: untilAccepted };
  expect(await submitOnce(page, send, options)).toMatchObject({ ok: false, unsure: true });
  renewRequest(page);
  await submitOnce(page, send, options);
  expect(ids[1]).not.toBe(ids[0]);
  expect(await submitOnce(page, send, options)).toEqual({ ok: true, value: 'created' });
  expect(ids[2]).toBe(ids[1]);
  await submitOnce(page, send, options);
  expect(ids[3]).not.toBe(ids[2]);
});

test('with its refusals named, only those settle the intent: any other failure keeps the request id', async () => {
  const page = host();
  const ids: string[] = [];
  const failWith = (code: 'INTERNAL' | 'POINTS_INSUFFICIENT') => async (id: string) => {
    ids.push(id);
    throw new ApiError(code, code === 'INTERNAL' ? '服务器开小差了' : '积分不足');
  };
  const options = { where: 'test', isFinal: onlyRefusals(['POINTS_INSUFFICIENT']) };
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
