/**
 * 打卡日历: each planned day's status laid out by week, streaks and cards, 补卡 from a day that can be made
 * up, 打卡 from today; nothing from the other days.
 */
import { ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, text, texts } from '../harness';
import { backend, calendar, callsOf, checkin } from '../../helpers/pages/campaign';
import type { CalendarDay } from '../../../typings/functions/campaign';

// 2026-03-01 is a Sunday: six blanks before it in a week starting on Monday.
const DAYS: CalendarDay[] = [
  { day: '2026-03-01', index: 1, status: 'done', canMakeUp: false },
  { day: '2026-03-02', index: 2, status: 'made_up', canMakeUp: false },
  { day: '2026-03-03', index: 3, status: 'missed', canMakeUp: false },
  { day: '2026-03-04', index: 4, status: 'missed', canMakeUp: true },
  { day: '2026-03-05', index: 5, status: 'today', canMakeUp: false },
  { day: '2026-03-06', index: 6, status: 'upcoming', canMakeUp: false },
];

test('every day with its status after the blanks of its first week, streaks, cards and totals', async () => {
  backend({ calendar: () => ok(calendar(DAYS)) });
  const { page } = await openPage('packageCampaign/calendar/index', { id: 'c1' });
  expect(callsOf('calendar')).toEqual([{ action: 'calendar', campaignId: 'c1' }]);
  expect(page.querySelectorAll('.cell-blank')).toHaveLength(6);
  const days = page.querySelectorAll('.cell').filter((cell) => text(cell) !== '');
  expect(texts(days)).toEqual(['3/1已打卡', '3/2已补卡', '3/3未打卡', '3/4可补卡', '3/5今天', '3/6未开始']);
  expect(page.querySelectorAll('.cell-make-up')).toHaveLength(1);
  expect(text(page.querySelector('.current-streak'))).toBe('3');
  expect(text(page.querySelector('.longest-streak'))).toBe('4');
  expect(text(page.querySelector('.cards-left'))).toBe('2');
  expect(text(page.querySelector('.totals'))).toBe('共 6 天 · 已打卡 1 天 · 补卡 1 天 · 未打卡 2 天');
});

test('a day that can be made up opens 补卡, today opens 打卡, missed and upcoming days do nothing', async () => {
  backend({ calendar: () => ok(calendar(DAYS)), myCheckin: () => ok(null) });
  const { page, simulate } = await openPage('packageCampaign/calendar/index', { id: 'c1' });
  const cells = page.querySelectorAll('.cell').filter((cell) => text(cell) !== '');
  for (const cell of cells.slice(2)) await tap(simulate, cell);
  expect(wxStub().navigations).toEqual(['/packageCampaign/checkin/index?id=c1&day=2026-03-04', '/packageCampaign/checkin/index?id=c1']);
  expect(callsOf('myCheckin')).toEqual([]);
});

test('a done or made-up day shows what I wrote, with pictures and the review', async () => {
  backend({
    calendar: () => ok(calendar(DAYS)),
    myCheckin: (call) =>
      ok(
        call.event.day === '2026-03-02'
          ? checkin({
              day: '2026-03-02',
              dayIndex: 2,
              kind: 'made_up',
              text: '补上的心得',
              pictures: ['cloud://local-bucket/campaign-checkins/c1/1.jpg'],
              review: { text: '很好', reviewerName: '王培训', at: '2026-03-03T02:00:00.000Z' },
            })
          : null,
      ),
  });
  const { page, simulate } = await openPage('packageCampaign/calendar/index', { id: 'c1' });
  const cells = page.querySelectorAll('.cell').filter((cell) => text(cell) !== '');
  await tap(simulate, cells[1]!);
  await settle(simulate);
  expect(callsOf('myCheckin')).toEqual([{ action: 'myCheckin', campaignId: 'c1', day: '2026-03-02' }]);
  expect(text(page.querySelector('.day-checkin'))).toContain('第 2 天 · 2026-03-02');
  expect(text(page.querySelector('.day-checkin-text'))).toBe('补上的心得');
  expect(page.querySelectorAll('.day-picture')).toHaveLength(1);
  expect(text(page.querySelector('.day-review'))).toBe('王培训 点评：很好');
  await tap(simulate, cells[0]!);
  await settle(simulate);
  expect(page.querySelector('.day-checkin')).toBeFalsy();
  expect(text(page.querySelector('.selected-error'))).toBe('没有找到这一天的打卡记录');
});

test('showing again after a make-up reloads', async () => {
  backend({ calendar: () => ok(calendar(DAYS)) });
  const { page } = await openPage('packageCampaign/calendar/index', { id: 'c1' });
  const lifetimes = page.instance as unknown as { onShow(): Promise<void> };
  await lifetimes.onShow();
  await lifetimes.onShow();
  expect(callsOf('calendar')).toHaveLength(2);
});
