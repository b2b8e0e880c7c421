/**
 * 打卡 tab: my campaigns first (not repeated below), then the campaigns open to me with phase, my status and
 * seats, in every list state; tapping opens the detail page. Also 我的打卡 and the 我的 entries.
 */
import { failure, ok } from '../wx-stub';
import { inStatus, openPage, page, settle, tap, text, texts, wxStub } from '../harness';
import { backend, callsOf, detail, enrollment, summary } from '../../helpers/pages/campaign';
import { PROFILE, meBackend } from '../../helpers/pages/profile';
import { runningDayText } from '../../../miniprogram/services/campaign';
import { beijingToday } from '../../../miniprogram/utils/time';

const open = () => openPage('pages/campaigns/index');

test('my active campaigns come first, each campaign once, with phase, my status and seats', async () => {
  backend({
    mine: () =>
      ok(page([summary(1, { myStatus: 'enrolled' }), summary(2, { myStatus: 'quit', phase: 'ended' }), summary(3, { myStatus: 'waitlisted' })], 1, 8, 5)),
    list: () =>
      ok(
        page([
          summary(1, { myStatus: 'enrolled' }),
          summary(4, { phase: 'upcoming', signUpOpen: true, capacity: null, enrolledCount: 12, startDay: '2026-04-01', endDay: '2026-04-14', totalDays: 14 }),
          summary(5, { phase: 'ended' }),
        ]),
      ),
  });
  const { page: tab, simulate } = await open();
  expect(callsOf('mine')).toEqual([{ action: 'mine', page: 1, pageSize: 5 }]);
  expect(callsOf('list')).toEqual([{ action: 'list', page: 1, pageSize: 10 }]);

  const mine = tab.querySelectorAll('.mine');
  expect(mine).toHaveLength(2);
  expect(text(mine[0])).toContain('21 天阅读打卡 1');
  expect(text(mine[0])).toContain('已报名');
  expect(text(mine[1])).toContain('候补中');
  expect(text(tab.querySelector('.all-mine'))).toBe('查看全部 ›');

  const all = tab.querySelectorAll('.campaign');
  expect(all).toHaveLength(2);
  expect(text(all[0])).toContain('21 天阅读打卡 4');
  // Phases and seats in page order: the two of mine first.
  expect(texts(tab.querySelectorAll('.phase'))).toEqual(['进行中', '进行中', '报名中', '已结束']);
  expect(texts(tab.querySelectorAll('.seats'))).toEqual(['已报名 12 人 · 共 14 天', '已报名 30/50 人 · 共 21 天']);
  expect(text(all[0])).toContain('2026-04-01 至 2026-04-14');
  expect(texts(tab.querySelectorAll('.my-status'))).toEqual(['已报名', '候补中']);
  // Running campaigns say how far they are (by the phone's Beijing day, clamped to the campaign's days).
  expect(texts(tab.querySelectorAll('.progress'))).toEqual([expect.stringMatching(/^进行到第 \d+\/21 天$/), expect.stringMatching(/^进行到第 \d+\/21 天$/)]);

  await tap(simulate, all[0]);
  await tap(simulate, tab.querySelector('.all-mine')!);
  expect(wxStub().navigations).toEqual(['/packageCampaign/detail/index?id=c4', '/packageCampaign/mine/index']);
});

test('without campaigns of mine the tab is the list alone; a failing 我的 part does not hide it', async () => {
  backend({ mine: () => failure('INTERNAL', '服务器开小差了，请稍后重试'), list: () => ok(page([summary(7, { phase: 'running' })])) });
  const { page: tab } = await open();
  expect(tab.querySelector('.section-title')).toBeFalsy();
  expect(tab.querySelectorAll('.campaign')).toHaveLength(1);
  expect(text(tab.querySelector('.phase'))).toBe('进行中');
});

test('covers resolve through temporary URLs', async () => {
  backend({ mine: () => ok(page([])), list: () => ok(page([summary(1, { cover: 'cloud://local-bucket/covers/c1.png' })])) });
  const { page: tab } = await open();
  expect(tab.querySelectorAll('.cover')).toHaveLength(1);
  const items = (tab.instance as unknown as { data: { items: { cover: string }[] } }).data.items;
  expect(items[0]?.cover).toBe('http://127.0.0.1:8787/storage/covers/c1.png');
});

test('pull-down refresh reloads both parts and stops the indicator', async () => {
  backend({ mine: () => ok(page([])), list: () => ok(page([summary(1)])) });
  const { page: tab, simulate } = await open();
  await (tab.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  await settle(simulate);
  expect(callsOf('mine')).toHaveLength(2);
  expect(callsOf('list')).toHaveLength(2);
  expect(wxStub().stopPullDownRefreshCount).toBe(1);
});

describe('list states', () => {
  test('empty: says there is no campaign', async () => {
    backend({ mine: () => ok(page([])), list: () => ok(page([])) });
    const { page: tab } = await open();
    expect(inStatus(tab, '.state-empty')).toBeTruthy();
    expect(text(tab)).toContain('暂无打卡活动');
  });

  test('NOT_MEMBER: relaunches the binding page and offers binding', async () => {
    backend({
      mine: () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份'),
      list: () => failure('NOT_MEMBER', '仅限企业员工使用，请先绑定员工身份'),
    });
    const { page: tab } = await open();
    expect(wxStub().relaunches[0]).toBe('/pages/bind/index?reason=not-member');
    expect(inStatus(tab, '.state-not-member')).toBeTruthy();
  });

  test('error: shows the message, retry loads again', async () => {
    let fail = true;
    backend({ mine: () => ok(page([])), list: () => (fail ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(page([summary(1)]))) });
    const { page: tab, simulate } = await open();
    expect(inStatus(tab, '.state-error')).toBeTruthy();
    expect(text(tab)).toContain('服务器开小差了，请稍后重试');
    fail = false;
    await tap(simulate, inStatus(tab, '.retry')!);
    await settle(simulate);
    expect(tab.querySelectorAll('.campaign')).toHaveLength(1);
  });

  test('reaching the bottom loads page 2, still leaving out my campaigns', async () => {
    backend({
      mine: () => ok(page([summary(12, { myStatus: 'enrolled' })])),
      list: (call) =>
        call.event.page === 1
          ? ok(
              page(
                Array.from({ length: 10 }, (_, i) => summary(i + 1)),
                1,
                13,
              ),
            )
          : ok(page([summary(11), summary(12, { myStatus: 'enrolled' }), summary(13)], 2, 13)),
    });
    const { page: tab, simulate } = await open();
    await (tab.instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
    await settle(simulate);
    expect(callsOf('list').map((call) => call.page)).toEqual([1, 2]);
    expect(tab.querySelectorAll('.campaign')).toHaveLength(12);
    expect(text(tab)).toContain('没有更多了');
  });
});

describe('我的 entries', () => {
  test('every member has 我的打卡; a trainer has 打卡活动管理', async () => {
    meBackend(() => ok({ ...PROFILE, roles: [{ role: 'learner' }, { role: 'trainer' }] }));
    const { page: me, simulate } = await openPage('pages/me/index');
    await tap(simulate, me.querySelector('.my-campaigns')!);
    const manage = me.querySelectorAll('.entry').find((entry) => text(entry).startsWith('打卡活动管理'));
    await tap(simulate, manage!);
    expect(wxStub().navigations).toEqual(['/packageCampaign/mine/index', '/packageCampaignAdmin/campaigns/index']);
  });
});

test('我的打卡 lists my campaigns with phase and my status and opens one', async () => {
  backend({ mine: () => ok(page([summary(1, { myStatus: 'enrolled' }), summary(2, { myStatus: 'pending', phase: 'upcoming', signUpOpen: true })])) });
  const { page: mine, simulate } = await openPage('packageCampaign/mine/index');
  expect(callsOf('mine')).toEqual([{ action: 'mine', page: 1, pageSize: 10 }]);
  expect(texts(mine.querySelectorAll('.phase'))).toEqual(['进行中', '报名中']);
  expect(texts(mine.querySelectorAll('.my-status'))).toEqual(['已报名', '待审核']);
  await tap(simulate, mine.querySelectorAll('.campaign')[1]!);
  expect(wxStub().navigations).toEqual(['/packageCampaign/detail/index?id=c2']);
});

test("how far a running campaign is, by the Beijing day whatever the phone's zone", () => {
  const campaign = { phase: 'running' as const, startDay: '2026-03-01', totalDays: 21 };
  // 16:30 UTC on 3/6 is already 00:30 on 3/7 in Beijing.
  const today = beijingToday(new Date('2026-03-06T16:30:00.000Z'));
  expect(today).toBe('2026-03-07');
  expect(runningDayText(campaign, today)).toBe('进行到第 7/21 天');
  expect(runningDayText(campaign, '2026-04-30')).toBe('进行到第 21/21 天');
  expect(runningDayText({ ...campaign, phase: 'upcoming' }, today)).toBe('');
});

/** The theme each t-tag under `selector` shows: TDesign's class t-tag--<theme>, which the simulator prefixes with the component's name. */
function tagThemes(root: { querySelectorAll(selector: string): { dom?: Element }[] }, selector: string): string[] {
  return root.querySelectorAll(selector).map((found) => /t-tag--(default|primary|success|warning|danger)\b/.exec(found.dom?.innerHTML ?? '')?.[1] ?? '');
}

test('a campaign state has one colour on the list and on the detail page (one status-to-colour map)', async () => {
  const running = summary(1, { myStatus: 'enrolled' });
  backend({
    mine: () => ok(page([running])),
    list: () => ok(page([summary(4, { phase: 'upcoming', signUpOpen: true })])),
    detail: () => ok(detail()),
    reminderSettings: () => ok({ templateId: null, remaining: 0 }),
  });
  const { page: tab } = await open();
  expect(texts(tab.querySelectorAll('.phase'))).toEqual(['进行中', '报名中']);
  expect(tagThemes(tab, '.phase')).toEqual(['success', 'primary']);
  expect(tagThemes(tab, '.my-status')).toEqual(['success']);

  const { page: shown } = await openPage('packageCampaign/detail/index', { id: 'c1' });
  expect(text(shown.querySelector('.phase'))).toBe('进行中');
  expect(text(shown.querySelector('.my-status'))).toBe('已报名');
  expect(tagThemes(shown, '.phase')).toEqual(['success']);
  expect(tagThemes(shown, '.my-status')).toEqual(['success']);

  backend({
    detail: () => ok(detail({ phase: 'upcoming', signUpOpen: true, myEnrollment: enrollment({ status: 'waitlisted', waitPosition: 2 }) })),
    reminderSettings: () => ok({ templateId: null, remaining: 0 }),
  });
  const { page: waiting } = await openPage('packageCampaign/detail/index', { id: 'c1' });
  expect(text(waiting.querySelector('.phase'))).toBe('报名中');
  expect(tagThemes(waiting, '.phase')).toEqual(['primary']);
  expect(tagThemes(waiting, '.my-status')).toEqual(['warning']);
});
