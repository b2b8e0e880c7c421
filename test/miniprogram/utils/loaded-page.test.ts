/**
 * defineLoadedPage (miniprogram/utils/loaded-page.ts): the query read before the first load, the states
 * (loading, ready, empty, error with the server's message, NOT_MEMBER), what is shown staying while it
 * reloads, pull-down refresh stopping its indicator, a superseded answer dropped, reload on show; the page's
 * own words for some failures.
 */
import { defineLoadedPage } from '../../../miniprogram/utils/loaded-page';
import { ApiError } from '../../../miniprogram/services/transport';
import { instantiate } from '../../helpers/page-kind';
import { wxStub } from '../wx-stub';

interface Answer {
  title: string;
  items: string[];
}

function loadedPage(fetch: jest.Mock<Promise<Answer>, []>, extra: { reloadOnShow?: boolean; failureMessages?: Record<string, string> } = {}) {
  return instantiate(() =>
    defineLoadedPage({
      where: 'test',
      data: { id: '', title: '', items: [] as string[] },
      readQuery: (query) => ({ id: query.id ?? '' }),
      refuse() {
        return this.data.id ? '' : '内容不存在或已删除';
      },
      fetch,
      show: (answer: Answer) => ({ title: answer.title, items: answer.items }),
      isEmpty: (answer) => answer.items.length === 0,
      ...extra,
    }),
  );
}

const answer = (title: string, items = ['a']): Answer => ({ title, items });

test('reads the query, loads, and shows the answer', async () => {
  const fetch = jest.fn(async () => answer('标题'));
  const page = loadedPage(fetch);
  expect(page.data.status).toBe('loading');
  await page.onLoad({ id: 'c1' });
  expect(page.data).toMatchObject({ id: 'c1', status: 'ready', message: '', title: '标题', items: ['a'] });
  expect(fetch).toHaveBeenCalledTimes(1);
});

test('an answer with nothing in it is the empty state', async () => {
  const page = loadedPage(jest.fn(async () => answer('标题', [])));
  await page.onLoad({ id: 'c1' });
  expect(page.data.status).toBe('empty');
});

test('a missing id is refused without a call', async () => {
  const fetch = jest.fn(async () => answer('x'));
  const page = loadedPage(fetch);
  await page.onLoad({});
  expect(page.data).toMatchObject({ status: 'error', message: '内容不存在或已删除' });
  expect(fetch).not.toHaveBeenCalled();
});

test("a failure shows the server's message; retry loads again", async () => {
  const fetch = jest.fn<Promise<Answer>, []>(async () => {
    throw new ApiError('INTERNAL', '服务器开小差了');
  });
  const page = loadedPage(fetch);
  await page.onLoad({ id: 'c1' });
  expect(page.data).toMatchObject({ status: 'error', message: '服务器开小差了' });
  fetch.mockImplementation(async () => answer('好了'));
  await page.onRetry();
  expect(page.data).toMatchObject({ status: 'ready', title: '好了' });
});

test('NOT_MEMBER is its own state', async () => {
  const page = loadedPage(
    jest.fn(async () => {
      throw new ApiError('NOT_MEMBER', '请先绑定');
    }),
  );
  await page.onLoad({ id: 'c1' });
  expect(page.data.status).toBe('not-member');
});

test('a reload keeps what is shown until the answer comes; pull-down refresh stops its indicator', async () => {
  let release: (value: Answer) => void = () => undefined;
  const fetch = jest.fn(async () => answer('第一次'));
  const page = loadedPage(fetch);
  await page.onLoad({ id: 'c1' });
  fetch.mockImplementation(() => new Promise<Answer>((resolve) => (release = resolve)));
  const refreshing = page.onPullDownRefresh();
  expect(page.data).toMatchObject({ status: 'ready', title: '第一次' });
  const before = wxStub().stopPullDownRefreshCount;
  release(answer('第二次'));
  await refreshing;
  expect(page.data.title).toBe('第二次');
  expect(wxStub().stopPullDownRefreshCount).toBe(before + 1);
});

test('the answer of a superseded load is dropped', async () => {
  const releases: ((value: Answer) => void)[] = [];
  const fetch = jest.fn(() => new Promise<Answer>((resolve) => releases.push(resolve)));
  const page = loadedPage(fetch);
  const first = page.onLoad({ id: 'c1' });
  const second = page.load();
  releases[1]!(answer('新的'));
  await second;
  releases[0]!(answer('旧的'));
  await first;
  expect(page.data.title).toBe('新的');
});

test('reloadOnShow loads again on every show after the first', async () => {
  const fetch = jest.fn(async () => answer('x'));
  const page = loadedPage(fetch, { reloadOnShow: true });
  await page.onLoad({ id: 'c1' });
  await page.onShow();
  expect(fetch).toHaveBeenCalledTimes(1);
  await page.onShow();
  expect(fetch).toHaveBeenCalledTimes(2);
});

test("a page's own afterLoad runs after the answer is shown", async () => {
  const seen: string[] = [];
  const page = instantiate(() =>
    defineLoadedPage({
      where: 'test',
      data: { title: '' },
      fetch: async () => answer('标题'),
      show: (value: Answer) => ({ title: value.title }),
      methods: {
        afterLoad(this: { data: { title: string; status: string } }) {
          seen.push(`${this.data.status}:${this.data.title}`);
        },
      },
    }),
  );
  await page.onLoad({});
  expect(seen).toEqual(['ready:标题']);
});

test("the page's own words for a failure replace the server's; other failures keep the server's message", async () => {
  const failures = [new ApiError('NOT_FOUND', '内容不存在或已删除'), new ApiError('INTERNAL', '服务器开小差了')];
  const fetch = jest.fn<Promise<Answer>, []>(async () => {
    throw failures.shift();
  });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const page = loadedPage(fetch, { failureMessages: { NOT_FOUND: '礼品不存在或已删除' } });
  await page.onLoad({ id: 'c1' });
  expect(page.data).toMatchObject({ status: 'error', message: '礼品不存在或已删除' });
  await page.onRetry();
  expect(page.data).toMatchObject({ status: 'error', message: '服务器开小差了' });
  warn.mockRestore();
});
