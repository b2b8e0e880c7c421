/** 打卡活动管理: my campaigns by status with approvals waiting; opens the editor, members and dashboard. */
import { ok } from '../wx-stub';
import { settle, tap, wxStub } from '../harness';
import { backend, callsOf, managed, openPage, page, text, texts } from '../packageCampaign/fixtures';

test('lists managed campaigns with status, seats and waiting sign-ups; tabs filter by status', async () => {
  backend({
    managed: (call) =>
      ok(
        call.event.status === 'draft'
          ? page([managed(3, { status: 'draft', phase: 'draft', title: '草稿活动' })])
          : page([managed(1, { pendingCount: 3, waitlistedCount: 2 }), managed(2, { status: 'ended', phase: 'ended' })]),
      ),
  });
  const { page: list, simulate } = await openPage('packageCampaignAdmin/campaigns/index');
  expect(callsOf('managed')).toEqual([{ action: 'managed', page: 1, pageSize: 10 }]);
  expect(texts(list.querySelectorAll('.campaign-state'))).toEqual(['已发布 · 进行中 · 2026-03-01 至 2026-03-21', '已结束 · 2026-03-01 至 2026-03-21']);
  expect(texts(list.querySelectorAll('.waiting'))).toEqual(['待审核 3 · 候补 2']);
  expect(text(list.querySelector('.campaign-seats'))).toBe('已报名 30/50 人 · 更新于 2026-02-11 10:00');

  await tap(simulate, list.querySelectorAll('.tab')[1]!);
  await settle(simulate);
  expect(callsOf('managed')[1]).toEqual({ action: 'managed', page: 1, pageSize: 10, status: 'draft' });
  expect(texts(list.querySelectorAll('.campaign-title'))).toEqual(['草稿活动']);
});

test('opens the editor, members, dashboard and a new campaign', async () => {
  backend({ managed: () => ok(page([managed(1)])) });
  const { page: list, simulate } = await openPage('packageCampaignAdmin/campaigns/index');
  await tap(simulate, list.querySelector('.campaign')!);
  await tap(simulate, list.querySelector('.open-members')!);
  await tap(simulate, list.querySelector('.open-dashboard')!);
  await tap(simulate, list.querySelector('.new-campaign')!);
  expect(wxStub().navigations).toEqual([
    '/packageCampaignAdmin/editor/index?id=c1',
    '/packageCampaignAdmin/members/index?id=c1',
    '/packageCampaignAdmin/dashboard/index?id=c1',
    '/packageCampaignAdmin/editor/index',
  ]);
});
