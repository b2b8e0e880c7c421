/**
 * The app's date module reads Beijing's calendar whatever zone the phone is in (TZ is switched per case:
 * Node reads it at every date operation), and no other mini-program file does day maths by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addDays, beijingDateTime, beijingDay, beijingDayEnd, beijingToday, daysInclusive, timeAgo } from '../../../miniprogram/utils/time';
import { filesUnder, relativePosix } from '../../helpers/files';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
const originalZone = process.env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

describe.each(ZONES)('on a phone in %s', (zone) => {
  beforeEach(() => {
    process.env.TZ = zone;
  });

  it('shows instants on the Beijing clock', () => {
    expect(beijingDateTime('2026-03-06T16:30:00.000Z')).toBe('2026-03-07 00:30');
    expect(beijingDateTime('2026-11-01T05:59:00.000Z')).toBe('2026-11-01 13:59');
    expect(beijingDateTime('not a time')).toBe('');
  });

  it('tells the Beijing day, today or some days on', () => {
    const lateEvening = Date.parse('2026-03-07T15:59:59.000Z');
    expect(beijingDay(lateEvening)).toBe('2026-03-07');
    expect(beijingDay(lateEvening + 1000)).toBe('2026-03-08');
    expect(beijingDay(lateEvening, 14)).toBe('2026-03-21');
    expect(beijingToday(new Date('2026-03-06T16:30:00.000Z'))).toBe('2026-03-07');
  });

  it('adds and counts calendar days across months, leap days and daylight-saving changes', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-02', -3)).toBe('2026-10-30');
    expect(daysInclusive('2026-03-01', '2026-03-31')).toBe(31);
    expect(daysInclusive('2026-10-30', '2026-11-02')).toBe(4);
    expect(daysInclusive('2026-03-07', '2026-03-07')).toBe(1);
  });

  it('ends a Beijing day at the next Beijing midnight', () => {
    expect(beijingDayEnd('2026-03-06')).toBe('2026-03-06T16:00:00.000Z');
  });

  it('tells how long ago within a week, then the Beijing date and time', () => {
    const now = Date.parse('2026-03-10T04:00:00.000Z');
    expect(timeAgo('2026-03-10T03:59:50.000Z', now)).toBe('几秒前');
    expect(timeAgo('2026-03-10T04:00:30.000Z', now)).toBe('几秒前');
    expect(timeAgo('2026-03-10T03:57:00.000Z', now)).toBe('3 分钟前');
    expect(timeAgo('2026-03-10T02:00:00.000Z', now)).toBe('2 小时前');
    expect(timeAgo('2026-03-07T04:00:00.000Z', now)).toBe('3 天前');
    expect(timeAgo('2026-03-04T04:00:00.000Z', now)).toBe('6 天前');
    expect(timeAgo('2026-03-03T04:00:00.000Z', now)).toBe('2026-03-03 12:00');
    expect(timeAgo('yesterday', now)).toBe('');
  });
});

it('is the only place that does day maths by hand', () => {
  const root = path.join(__dirname, '../../../miniprogram');
  const handWritten = /86_?400_?000|24 \* 60 \* 60|toISOString\(\)\.slice|BEIJING_OFFSET_MS/;
  const found = filesUnder(root, '.ts', ['miniprogram_npm'])
    .map((file) => relativePosix(root, file))
    .filter((file) => file !== 'utils/time.ts')
    .filter((file) => handWritten.test(fs.readFileSync(path.join(root, file), 'utf8')));
  expect(found).toEqual([]);
});
