/**
 * Beijing time on dayjs. The answers must not depend on the process zone (cloud functions run in UTC,
 * laptops and CI anywhere), so the whole file runs again in a child process in a zone with daylight saving:
 * dayjs's `.tz()` fails the spring-forward cases below there, which is why server/core/time.ts reads
 * instants at a fixed UTC+8.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  addDays,
  afterDays,
  beijingDate,
  beijingDateTime,
  beijingHour,
  beijingMonth,
  beijingTime,
  beijingYear,
  daysBetween,
  isCalendarDay,
  isoWeek,
  isoWeekday,
  mondayOf,
  startOfBeijingDay,
  startOfBeijingYear,
} from '../../../server/core/time';

const ROOT = resolve(__dirname, '../../..');
const IN_CHILD = process.env.WEIKE_TIME_TEST_CHILD === '1';

describe('Beijing time', () => {
  (IN_CHILD ? it.skip : it)(
    'gives the same answers in America/New_York',
    () => {
      const jest = resolve(ROOT, 'node_modules/jest/bin/jest.js');
      const zone = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(new Date("2026-03-08T12:00:00Z").getTimezoneOffset()))'], {
        env: { ...process.env, TZ: 'America/New_York' },
      }).toString();
      expect(zone).toBe('240');
      // Throws (failing this test) when any test fails in the child.
      execFileSync(process.execPath, [jest, '--selectProjects', 'node', '--', __filename], {
        cwd: ROOT,
        env: { ...process.env, TZ: 'America/New_York', WEIKE_TIME_TEST_CHILD: '1' },
        stdio: 'pipe',
      });
    },
    60_000,
  );

  it.each([
    // New York skips 02:00–03:00 on 2026-03-08 and repeats 01:00–02:00 on 2026-11-01: Beijing wall-clock
    // times that New York skips or repeats are where a conversion through local time goes wrong.
    ['2026-03-07T18:30:00Z', '2026-03-08', '02:30', 2],
    ['2026-10-31T17:30:00Z', '2026-11-01', '01:30', 1],
    ['2026-03-08T06:30:00Z', '2026-03-08', '14:30', 14],
    ['2026-03-08T07:30:00Z', '2026-03-08', '15:30', 15],
    ['2026-11-01T05:30:00Z', '2026-11-01', '13:30', 13],
    ['2026-11-01T06:30:00Z', '2026-11-01', '14:30', 14],
    ['2025-12-31T15:59:59Z', '2025-12-31', '23:59', 23],
    ['2025-12-31T16:00:00Z', '2026-01-01', '00:00', 0],
  ])('reads %s on the Beijing clock', (iso, day, time, hour) => {
    const instant = new Date(iso);
    expect(beijingDate(instant)).toBe(day);
    expect(beijingTime(instant)).toBe(time);
    expect(beijingDateTime(instant)).toBe(`${day} ${time}`);
    expect(beijingHour(instant)).toBe(hour);
  });

  it('reads Beijing years and months', () => {
    expect(beijingYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(beijingMonth(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03');
    expect(startOfBeijingYear(2027).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('starts Beijing days at UTC 16:00 the day before, and refuses days that do not exist', () => {
    expect(startOfBeijingDay('2026-03-08')?.toISOString()).toBe('2026-03-07T16:00:00.000Z');
    expect(startOfBeijingDay('2024-02-29')?.toISOString()).toBe('2024-02-28T16:00:00.000Z');
    expect(startOfBeijingDay('2026-02-29')).toBeNull();
    expect(startOfBeijingDay('2026-2-3')).toBeNull();
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
  });

  it('does day arithmetic on the date alone', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 366)).toBe('2025-02-28');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-11-02', '2026-10-31')).toBe(-2);
    expect(afterDays(new Date('2026-03-07T12:00:00Z'), 2).toISOString()).toBe('2026-03-09T12:00:00.000Z');
  });

  it.each([
    // ISO 8601: week 1 holds the year's first Thursday.
    ['2026-01-01', '2026-W01', 4, '2025-12-29'],
    ['2027-01-01', '2026-W53', 5, '2026-12-28'],
    ['2021-01-03', '2020-W53', 7, '2020-12-28'],
    ['2024-12-30', '2025-W01', 1, '2024-12-30'],
  ])('places %s in ISO week %s', (day, week, weekday, monday) => {
    expect(isoWeek(day)).toBe(week);
    expect(isoWeekday(day)).toBe(weekday);
    expect(mondayOf(day)).toBe(monday);
  });
});
