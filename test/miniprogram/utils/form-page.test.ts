/**
 * defineFormPage (miniprogram/utils/form-page.ts) and checkFields: every field checked with the contract's
 * limits before a send, each error beside its field; one send at a time; the request id kept only when the
 * answer never came; the server's refusal shown with what was typed kept; an editing form loads first.
 */
import { checkFields, defineFormPage } from '../../../miniprogram/utils/form-page';
import { readInteger, readText } from '../../../miniprogram/utils/form';
import { ADMIN_LIMITS } from '../../../miniprogram/utils/limits';
import { ApiError } from '../../../miniprogram/services/transport';
import { fieldEvent, instantiate } from '../../helpers/page-kind';
import { wxStub } from '../wx-stub';

interface Input {
  name: string;
  points: number | null;
}

function formPage(submit: jest.Mock<Promise<string>, [Input, string]>, load?: () => Promise<Partial<{ name: string; points: string }>>) {
  const done = jest.fn();
  const page = instantiate(() =>
    defineFormPage({
      where: 'test',
      form: { name: '', points: '' },
      ...(load ? { load } : {}),
      validate: (form) =>
        checkFields({
          name: readText(form.name, '名称', ADMIN_LIMITS.keyword, true),
          points: readInteger(form.points, { label: '积分', min: 1, max: 100, optional: true }),
        }),
      submit: (input, requestId) => submit(input, requestId),
      done,
      successText: '已保存',
    }),
  );
  return { page, done };
}

test('checkFields gives every value, or every error at once', () => {
  expect(checkFields({ a: readText(' x ', 'A', 5, true), b: readInteger('3', { label: 'B', min: 1, max: 5 }) })).toEqual({ ok: true, value: { a: 'x', b: 3 } });
  expect(checkFields({ a: readText('', 'A', 5, true), b: readInteger('9', { label: 'B', min: 1, max: 5 }) })).toEqual({
    ok: false,
    errors: { a: '请填写A', b: 'B须为 1 到 5 之间的整数' },
  });
});

test('errors are shown beside their fields and nothing is sent; typing clears the field error', async () => {
  const submit = jest.fn(async (_input: Input, _id: string) => 'ok');
  const { page } = formPage(submit);
  await page.onLoad({});
  expect(page.data.status).toBe('ready');
  page.onField(fieldEvent('name', 'x'.repeat(ADMIN_LIMITS.keyword + 1)));
  page.onField(fieldEvent('points', '0'));
  await page.onSubmit();
  expect(page.data.errors).toEqual({ name: `名称最多 ${ADMIN_LIMITS.keyword} 个字`, points: '积分须为 1 到 100 之间的整数' });
  expect(submit).not.toHaveBeenCalled();
  page.onField(fieldEvent('points', '5'));
  expect(page.data.errors.points).toBe('');
});

test('a good form is sent once with a request id, then done runs after the toast', async () => {
  const submit = jest.fn(async (_input: Input, _id: string) => 'saved');
  const { page, done } = formPage(submit);
  await page.onLoad({});
  page.onField(fieldEvent('name', ' 张三 '));
  page.onField(fieldEvent('points', '5'));
  await Promise.all([page.onSubmit(), page.onSubmit()]);
  expect(submit).toHaveBeenCalledTimes(1);
  expect(submit.mock.calls[0]![0]).toEqual({ name: '张三', points: 5 });
  expect(submit.mock.calls[0]![1]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(done).toHaveBeenCalledWith('saved', { name: '张三', points: 5 });
  expect(wxStub().toasts).toContain('已保存');
  expect(page.data).toMatchObject({ submitting: false, pendingRequestId: '' });
});

test("a refusal shows the server's message and keeps what was typed; a new try is a new request", async () => {
  const submit = jest.fn<Promise<string>, [Input, string]>(async () => {
    throw new ApiError('CONFLICT', '名称已存在');
  });
  const { page, done } = formPage(submit);
  await page.onLoad({});
  page.onField(fieldEvent('name', '张三'));
  await page.onSubmit();
  expect(page.data).toMatchObject({ formError: '名称已存在', form: { name: '张三' }, submitting: false });
  await page.onSubmit();
  expect(submit.mock.calls[1]![1]).not.toBe(submit.mock.calls[0]![1]);
  expect(done).not.toHaveBeenCalled();
});

test('when the answer never came the retry carries the same request id, until a field changes', async () => {
  const submit = jest.fn<Promise<string>, [Input, string]>(async () => {
    throw new ApiError('NETWORK_ERROR', '网络异常');
  });
  const { page } = formPage(submit);
  await page.onLoad({});
  page.onField(fieldEvent('name', '张三'));
  await page.onSubmit();
  await page.onSubmit();
  expect(submit.mock.calls[1]![1]).toBe(submit.mock.calls[0]![1]);
  page.onField(fieldEvent('name', '李四'));
  await page.onSubmit();
  expect(submit.mock.calls[2]![1]).not.toBe(submit.mock.calls[0]![1]);
});

test('an editing form loads what it edits first, with retry on failure', async () => {
  const load = jest.fn<Promise<Partial<{ name: string; points: string }>>, []>(async () => {
    throw new ApiError('INTERNAL', '加载出错');
  });
  const { page } = formPage(
    jest.fn(async (_input: Input, _id: string) => 'ok'),
    load,
  );
  await page.onLoad({});
  expect(page.data).toMatchObject({ status: 'error', message: '加载出错' });
  load.mockImplementation(async () => ({ name: '旧名称' }));
  await page.onRetry();
  expect(page.data).toMatchObject({ status: 'ready', form: { name: '旧名称', points: '' } });
});
