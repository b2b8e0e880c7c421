/** 积分商城 list, 我的订单 (filter, cancel with confirmation, code reveal and copy) and 积分排行 (tabs, paging). */
import { failure, ok } from '../wx-stub';
import { inStatus, settle, activeTab, switchTab, tap, wxStub, openPage, text, texts, page } from '../harness';
import { backend, callsOf, itemDetail, order } from '../../helpers/pages/points';
import { malformed } from '../../helpers/backend';

describe('积分商城', () => {
  test('lists items with cover, price and stock, pages on, and opens an item', async () => {
    backend({
      // An answer without the balance (outside the contract): the page shows no header rather than failing.
      listItems: (call) =>
        Number(call.event.page) === 1
          ? malformed(page([itemDetail(), itemDetail({ id: 'item-book', name: '管理学书籍', pictures: [], stock: 0, kind: 'virtual' })], 1, 3, 2))
          : malformed(page([itemDetail({ id: 'item-leave', name: '半天假期' })], 2, 3, 2)),
    });
    const { page: rendered, simulate } = await openPage('packagePoints/mall/index');
    expect(texts(rendered.querySelectorAll('.item-name'))).toEqual(['定制马克杯', '管理学书籍']);
    expect(texts(rendered.querySelectorAll('.item-price'))).toEqual(['200 积分', '200 积分']);
    expect(texts(rendered.querySelectorAll('.item-stock'))).toEqual(['库存 8', '已兑完']);
    expect(rendered.querySelectorAll('.cover-empty')).toHaveLength(1);
    // No balance in the answer, no header.
    expect(rendered.querySelector('.balance-card')).toBeUndefined();
    await tap(simulate, inStatus(rendered, '.load-more')!);
    expect(callsOf('listItems').map((call) => call.page)).toEqual([1, 2]);
    expect(rendered.querySelectorAll('.item')).toHaveLength(3);
    await tap(simulate, rendered.querySelectorAll('.item')[2]!);
    expect(wxStub().navigations).toEqual(['/packagePoints/item/index?id=item-leave']);
  });

  test('shows my balance on top, with the way to its history and to my orders', async () => {
    backend({ listItems: () => ok({ ...page([itemDetail()], 1, 1), myBalance: 320 }) });
    const { page: rendered, simulate } = await openPage('packagePoints/mall/index');
    expect(text(rendered.querySelector('.balance-value'))).toBe('320');
    await tap(simulate, rendered.querySelector('.points-link')!);
    await tap(simulate, rendered.querySelector('.orders-link')!);
    expect(wxStub().navigations).toEqual(['/packagePoints/points/index', '/packagePoints/orders/index']);
  });

  test('back from an item page, the items and my balance load again', async () => {
    let balance = 320;
    backend({ listItems: () => ok({ ...page([itemDetail({ stock: balance === 320 ? 8 : 7 })], 1, 1), myBalance: balance }) });
    const { page: rendered, simulate } = await openPage('packagePoints/mall/index');
    const show = () => (rendered.instance as unknown as { onShow(): Promise<void> }).onShow();
    // WeChat shows the page right after loading it: that first show loads nothing more.
    await show();
    expect(callsOf('listItems')).toHaveLength(1);
    balance = 120;
    await show();
    await settle(simulate);
    expect(callsOf('listItems')).toHaveLength(2);
    expect(text(rendered.querySelector('.balance-value'))).toBe('120');
    expect(texts(rendered.querySelectorAll('.item-stock'))).toEqual(['库存 7']);
  });

  test('an empty mall says so', async () => {
    backend({ listItems: () => ok({ ...page([], 1, 0), myBalance: 0 }) });
    const { page: rendered } = await openPage('packagePoints/mall/index');
    expect(text(inStatus(rendered, '.state-empty'))).toContain('商城暂无可兑换的礼品');
  });
});

describe('我的订单', () => {
  const ORDERS = [
    order('o1'),
    order('o2', { kind: 'virtual', status: 'fulfilled', code: 'CARD-1234', itemName: '培训券', fulfilledAt: '2026-03-02T02:00:00.000Z' }),
    order('o3', { status: 'cancelled', cancelledAt: '2026-03-03T02:00:00.000Z', cancelledBy: 'admin' }),
  ];

  test('shows status, outcome and only lets pending orders be cancelled; the code is revealed and copied', async () => {
    backend({ myOrders: () => ok(page(ORDERS, 1, 3)) });
    const { page: rendered, simulate } = await openPage('packagePoints/orders/index');
    expect(texts(rendered.querySelectorAll('.order-status'))).toEqual(['待发放', '已发放', '已取消']);
    expect(texts(rendered.querySelectorAll('.order-outcome'))).toEqual(['2026-03-02 10:00 已发放', '2026-03-03 10:00 已取消（管理员取消，积分已退回）']);
    expect(rendered.querySelectorAll('.cancel')).toHaveLength(1);
    expect(rendered.querySelector('.order-code')).toBeFalsy();
    await tap(simulate, rendered.querySelector('.reveal')!);
    expect(text(rendered.querySelector('.order-code'))).toBe('CARD-1234');
    await tap(simulate, rendered.querySelector('.copy')!);
    expect(wxStub().clipboard).toEqual(['CARD-1234']);
  });

  test('cancelling asks first; confirmed, the order shows cancelled and the points come back', async () => {
    backend({
      myOrders: () => ok(page([order('o1')], 1, 1)),
      cancelOrder: () => ok(order('o1', { status: 'cancelled', cancelledAt: '2026-03-03T02:00:00.000Z', cancelledBy: 'member' })),
    });
    const { page: rendered, simulate } = await openPage('packagePoints/orders/index');
    wxStub().modalAnswers.push(false);
    await tap(simulate, rendered.querySelector('.cancel')!);
    expect(wxStub().modals[0]?.content).toBe('取消「定制马克杯」的兑换？200 积分将退回到你的账户。');
    expect(callsOf('cancelOrder')).toEqual([]);

    wxStub().modalAnswers.push(true);
    await tap(simulate, rendered.querySelector('.cancel')!);
    await settle(simulate);
    expect(callsOf('cancelOrder')).toEqual([{ action: 'cancelOrder', orderId: 'o1' }]);
    expect(text(rendered.querySelector('.order-status'))).toBe('已取消');
    expect(text(rendered.querySelector('.order-outcome'))).toBe('2026-03-03 10:00 已取消（积分已退回）');
    expect(rendered.querySelector('.cancel')).toBeFalsy();
    expect(wxStub().toasts).toEqual(['订单已取消，积分已退回']);
  });

  test('an order that changed meanwhile cannot be cancelled: said clearly and the list reloads', async () => {
    let fulfilled = false;
    backend({
      myOrders: () => ok(page([order('o1', fulfilled ? { status: 'fulfilled', fulfilledAt: '2026-03-02T02:00:00.000Z' } : {})], 1, 1)),
      cancelOrder: () => {
        fulfilled = true;
        return failure('ORDER_STATE', '订单状态已变化，无法进行此操作');
      },
    });
    const { page: rendered, simulate } = await openPage('packagePoints/orders/index');
    wxStub().modalAnswers.push(true);
    await tap(simulate, rendered.querySelector('.cancel')!);
    await settle(simulate);
    expect(wxStub().toasts).toEqual(['订单已发放或已取消，无法取消']);
    expect(text(rendered.querySelector('.order-status'))).toBe('已发放');
  });

  test('the status filter asks the server for that status from page 1', async () => {
    backend({
      myOrders: (call) =>
        ok(
          page(
            ORDERS.filter((item) => !call.event.status || item.status === call.event.status),
            1,
            1,
          ),
        ),
    });
    const { page: rendered, simulate } = await openPage('packagePoints/orders/index');
    await switchTab(simulate, rendered, 1, '#filters');
    expect(callsOf('myOrders')).toEqual([
      { action: 'myOrders', page: 1, pageSize: 10 },
      { action: 'myOrders', page: 1, pageSize: 10, status: 'pending' },
    ]);
    expect(texts(rendered.querySelectorAll('.order-status'))).toEqual(['待发放']);
  });
});

describe('积分排行', () => {
  const row = (rank: number, isMe = false, level: string | null = null) => ({
    rank,
    memberId: `m${rank}`,
    name: `员工${rank}`,
    departmentPath: ['总部', '人力资源部'],
    balance: 1000 - rank,
    level,
    isMe,
  });

  test('the company board with my rank; the department tab asks for that scope; pages on', async () => {
    backend({
      leaderboard: (call) =>
        call.event.scope === 'company'
          ? ok({
              ...page([row(1), row(2, true)], Number(call.event.page), 12),
              items: Number(call.event.page) === 1 ? [row(1), row(2, true)] : [row(11)],
              myRank: 2,
              myBalance: 998,
            })
          : ok({ ...page([], 1, 0), myRank: null, myBalance: 0 }),
    });
    const { page: rendered, simulate } = await openPage('packagePoints/leaderboard/index');
    expect(text(rendered.querySelector('.mine'))).toBe('我的排名 第 2 名 · 998 积分');
    expect(texts(rendered.querySelectorAll('.rank-name'))).toEqual(['员工1', '员工2（我）']);
    expect(rendered.querySelectorAll('.me')).toHaveLength(1);
    await tap(simulate, inStatus(rendered, '.load-more')!);
    expect(texts(rendered.querySelectorAll('.rank'))).toEqual(['1', '2', '11']);

    expect(activeTab(rendered)).toBe('全公司');
    await switchTab(simulate, rendered, 1);
    expect(activeTab(rendered)).toBe('本部门');
    expect(callsOf('leaderboard').map((call) => [call.scope, call.page])).toEqual([
      ['company', 1],
      ['company', 2],
      ['department', 1],
    ]);
    expect(text(rendered.querySelector('.mine'))).toBe('我的积分 0，暂未上榜');
    expect(text(inStatus(rendered, '.state-empty'))).toContain('还没有人获得积分');
  });

  test("shows each member's learner level beside the name", async () => {
    backend({ leaderboard: () => ok({ ...page([row(1, false, '学习大师'), row(2, true)], 1, 2), myRank: 2, myBalance: 998 }) });
    const { page: rendered } = await openPage('packagePoints/leaderboard/index');
    expect(texts(rendered.querySelectorAll('.rank-name'))).toEqual(['员工1学习大师', '员工2（我）']);
    expect(texts(rendered.querySelectorAll('.level-tag'))).toEqual(['学习大师']);
  });
});
