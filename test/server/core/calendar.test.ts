/**
 * The Beijing calendar of the analytics, whatever the process time zone (CI runs this with TZ=UTC and
 * others): ISO weeks across year ends, weekdays and time slots at Beijing midnight and slot boundaries.
 */
import { isoWeek, isoWeekday } from '../../../server/core/time';
import { beijingMoment, lastWeeks, slotOfHour } from '../../../server/core/calendar';
import { TIME_SLOTS } from '../../../typings/docs/report';

describe('ISO weeks of Beijing days', () => {
  it.each([
    ['2026-01-01', '2026-W01', 4],
    ['2025-12-29', '2026-W01', 1],
    ['2027-01-03', '2026-W53', 7],
    ['2027-01-04', '2027-W01', 1],
    ['2021-01-03', '2020-W53', 7],
    ['2026-03-02', '2026-W10', 1],
  ])('%s is in %s, weekday %i', (day, week, weekday) => {
    expect(isoWeek(day)).toBe(week);
    expect(isoWeekday(day)).toBe(weekday);
  });

  it('lists the last weeks oldest first with their Mondays, across a year end', () => {
    expect(lastWeeks('2027-01-06', 3)).toEqual([
      { week: '2026-W52', monday: '2026-12-21' },
      { week: '2026-W53', monday: '2026-12-28' },
      { week: '2027-W01', monday: '2027-01-04' },
    ]);
  });
});

describe('time slots', () => {
  it('puts every hour in exactly one slot, with the documented boundaries', () => {
    const slots = Array.from({ length: 24 }, (_, hour) => slotOfHour(hour));
    expect(slots).toEqual([
      ...Array(6).fill('night'),
      ...Array(3).fill('before_work'),
      ...Array(3).fill('working_hours'),
      'lunch',
      ...Array(4).fill('working_hours'),
      'before_leaving',
      ...Array(4).fill('after_work'),
      'night',
      'night',
    ]);
    expect(new Set(slots)).toEqual(new Set(TIME_SLOTS));
  });

  it('reads instants on the Beijing clock: Sunday 23:59 UTC+8 is still Sunday night, a minute later Monday', () => {
    // 2026-03-08T15:59Z = Sunday 23:59 in Beijing; 16:00Z = Monday 00:00 (ISO week 11).
    expect(beijingMoment(new Date('2026-03-08T15:59:00Z'))).toEqual({ day: '2026-03-08', week: '2026-W10', weekday: 7, slot: 'night' });
    expect(beijingMoment(new Date('2026-03-08T16:00:00Z'))).toEqual({ day: '2026-03-09', week: '2026-W11', weekday: 1, slot: 'night' });
    // 09:00 UTC is 17:00 in Beijing (before leaving), 04:30 UTC is 12:30 (lunch), 22:00 UTC is 06:00 (before work).
    expect(beijingMoment(new Date('2026-03-09T09:00:00Z')).slot).toBe('before_leaving');
    expect(beijingMoment(new Date('2026-03-09T04:30:00Z')).slot).toBe('lunch');
    expect(beijingMoment(new Date('2026-03-09T22:00:00Z'))).toMatchObject({ day: '2026-03-10', weekday: 2, slot: 'before_work' });
  });
});
