/**
 * The list tabs (打卡, 大赛) share utils/paged-list.ts (学习 is the home, test/miniprogram/pages/learn.test.ts); each is rendered from a stubbed function
 * answer through the real transport (local mode, the default config) in every state.
 */
import { failure, ok } from '../wx-stub';
import { inStatus, loadComponent, settle, tap, wxStub, type RenderedComponent } from '../harness';
import { backend, page as pageOfItems, type ActionRoute } from '../../helpers/backend';
import type { ContestSummary } from '../../../typings/functions/contest';

interface ListTab {
  page: string;
  fn: string;
  /** Answers the tab's list action with `route`. */
  serve(route: ActionRoute<'contest', 'list'>): void;
  item(n: number): ContestSummary;
  /** What the card shows for item n (title and meta line). */
  shows(n: number): string[];
  emptyText: string;
  /** What one card is on the page ('.card' unless the tab renders a card component). */
  cardSelector?: string;
}

const TABS: ListTab[] = [
  // 打卡 shows my campaigns above the list, so its states are tested in campaigns.test.ts.
  {
    page: 'pages/contests/index',
    fn: 'contest',
    serve: (route) => backend({ 'contest.list': route }),
    item: (n) => ({
      id: `k${n}`,
      title: `大赛${n}`,
      theme: `主题${n}`,
      summary: `赛制${n}`,
      poster: null,
      currentRoundName: '初赛',
      currentPhase: n % 2 === 0 ? 'voting' : 'submission',
      finished: false,
      publishedAt: null,
    }),
    shows: (n) => [`大赛${n}`, `主题${n}`, n % 2 === 0 ? '初赛 · 投票中' : '初赛 · 作品提交中'],
    emptyText: '暂无大赛',
    cardSelector: '.contest',
  },
];

function pageOf(tab: ListTab, page: number, count: number, total: number) {
  const first = (page - 1) * 10 + 1;
  const items = Array.from({ length: count }, (_, i) => tab.item(first + i));
  return pageOfItems(items, page, total, 10);
}

function text(component: RenderedComponent): string {
  return component.dom?.textContent ?? '';
}

function cards(component: RenderedComponent, selector = '.card'): string[] {
  return component.querySelectorAll(selector).map((card) => (card.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

async function open(tab: ListTab) {
  const loaded = loadComponent(tab.page);
  const page = loaded.render();
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  await settle(loaded.simulate);
  return { ...loaded, page };
}

describe.each(TABS)('$page', (tab) => {
  test('renders the items of the first page and asks for page 1', async () => {
    tab.serve(() => ok(pageOf(tab, 1, 2, 2)));
    const { page } = await open(tab);

    expect(wxStub().calls).toEqual([expect.objectContaining({ name: tab.fn, event: { action: 'list', page: 1, pageSize: 10 } })]);
    const shown = cards(page, tab.cardSelector);
    expect(shown).toHaveLength(2);
    for (const fragment of [...tab.shows(1)]) expect(shown[0]).toContain(fragment);
    for (const fragment of [...tab.shows(2)]) expect(shown[1]).toContain(fragment);
    expect(text(page)).toContain('没有更多了');
  });

  test('shows the loading state until the answer arrives', async () => {
    tab.serve(() => ok(pageOf(tab, 1, 1, 1)));
    const loaded = loadComponent(tab.page);
    const page = loaded.render();
    // The stubbed backend answers on a later timer tick, so the page is still waiting here.
    const loading = (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
    expect(inStatus(page, '.state-loading')).toBeTruthy();
    await loading;
    await settle(loaded.simulate);
    expect(inStatus(page, '.state-loading')).toBeFalsy();
  });

  test('shows the empty state', async () => {
    tab.serve(() => ok(pageOf(tab, 1, 0, 0)));
    const { page } = await open(tab);
    expect(cards(page, tab.cardSelector)).toHaveLength(0);
    expect(inStatus(page, '.state-empty')).toBeTruthy();
    expect(text(page)).toContain(tab.emptyText);
  });

  test('on NOT_MEMBER the gate relaunches the binding page; the 请先绑定员工身份 state leads there too', async () => {
    tab.serve(() => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份'));
    const { page, simulate } = await open(tab);
    expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member']);
    expect(inStatus(page, '.state-not-member')).toBeTruthy();
    expect(text(page)).toContain('请先绑定员工身份');
    await tap(simulate, inStatus(page, '.bind')!);
    expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member', '/pages/bind/index?reason=not-member']);
    expect(wxStub().switchTabs).toEqual([]);
  });

  test('shows the error message and retries', async () => {
    tab.serve(() => failure('INTERNAL', '服务器开小差了，请稍后重试'));
    const { page, simulate } = await open(tab);
    expect(inStatus(page, '.state-error')).toBeTruthy();
    expect(text(page)).toContain('服务器开小差了，请稍后重试');

    tab.serve(() => ok(pageOf(tab, 1, 1, 1)));
    await tap(simulate, inStatus(page, '.retry')!);
    await settle(simulate);
    expect(inStatus(page, '.state-error')).toBeFalsy();
    expect(cards(page, tab.cardSelector)).toHaveLength(1);
  });

  test('"加载更多" requests page 2 and appends it', async () => {
    tab.serve((call) => {
      const requested = call.event.page as number;
      return ok(requested === 1 ? pageOf(tab, 1, 10, 12) : pageOf(tab, 2, 2, 12));
    });
    const { page, simulate } = await open(tab);
    expect(cards(page, tab.cardSelector)).toHaveLength(10);
    expect(text(page)).not.toContain('没有更多了');

    await tap(simulate, inStatus(page, '.load-more')!);
    await settle(simulate);

    expect(wxStub().calls.map((call) => call.event.page)).toEqual([1, 2]);
    const shown = cards(page, tab.cardSelector);
    expect(shown).toHaveLength(12);
    expect(shown[11]).toContain(tab.shows(12)[0]);
    expect(text(page)).toContain('没有更多了');
  });

  test('reaching the bottom loads the next page; a failed next page keeps the list and toasts', async () => {
    tab.serve((call) => (call.event.page === 1 ? ok(pageOf(tab, 1, 10, 30)) : failure('RATE_LIMITED', '操作过于频繁，请稍后再试')));
    const { page, simulate } = await open(tab);
    await (page.instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
    await settle(simulate);
    expect(wxStub().calls.map((call) => call.event.page)).toEqual([1, 2]);
    expect(cards(page, tab.cardSelector)).toHaveLength(10);
    expect(wxStub().toasts).toEqual(['操作过于频繁，请稍后再试']);
    expect(inStatus(page, '.load-more')).toBeTruthy();
  });

  test('pull-down refresh reloads page 1 and stops the indicator', async () => {
    let round = 0;
    tab.serve(() => {
      round += 1;
      return ok(pageOf(tab, 1, round, round));
    });
    const { page, simulate } = await open(tab);
    expect(cards(page, tab.cardSelector)).toHaveLength(1);
    await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
    await settle(simulate);
    expect(cards(page, tab.cardSelector)).toHaveLength(2);
    expect(wxStub().calls.map((call) => call.event.page)).toEqual([1, 1]);
    expect(wxStub().stopPullDownRefreshCount).toBe(1);
  });
});
