/**
 * Audience cases around Beijing midnight, shared by the in-process test and the probe that the test runs in
 * child processes under other time zones (jest's sandboxed process.env cannot switch the zone in-process).
 */
import { type Audience, deriveAudiences } from '../../../server/roster';
import { beijingDate } from '../../../server/core/time';

export interface ZoneCase {
  label: string;
  /** An instant written as Beijing wall-clock time. */
  beijingTime: string;
  hireDate: string;
  newHireDays?: number;
  expected: Audience[];
}

// Hired 2025-03-03: that day is day 0; with the default 90 days, day 89 (2025-05-31) is the last new-hire day.
export const ZONE_CASES: ZoneCase[] = [
  { label: 'last second of day 89', beijingTime: '2025-05-31T23:59:59', hireDate: '2025-03-03', expected: ['new_hire', 'individual'] },
  { label: 'first second of day 90', beijingTime: '2025-06-01T00:00:00', hireDate: '2025-03-03', expected: ['individual'] },
  { label: 'the hire day itself', beijingTime: '2025-03-03T00:00:00', hireDate: '2025-03-03', expected: ['new_hire', 'individual'] },
  { label: 'a future hire date', beijingTime: '2025-03-02T23:59:59', hireDate: '2025-03-03', expected: ['new_hire', 'individual'] },
  { label: 'last day of a 7-day window', beijingTime: '2025-03-09T23:59:59', hireDate: '2025-03-03', newHireDays: 7, expected: ['new_hire', 'individual'] },
  { label: 'after a 7-day window', beijingTime: '2025-03-10T00:00:00', hireDate: '2025-03-03', newHireDays: 7, expected: ['individual'] },
  { label: 'across a year end', beijingTime: '2026-01-01T00:30:00', hireDate: '2025-10-03', expected: ['individual'] },
  { label: 'across a year end, one day earlier', beijingTime: '2025-12-31T23:30:00', hireDate: '2025-10-03', expected: ['new_hire', 'individual'] },
];

export const beijingInstant = (local: string) => new Date(`${local}+08:00`);

export interface ZoneProbeAnswer {
  timezoneOffset: number;
  audiences: Audience[][];
  beijingDates: string[];
}

export function runZoneCases(): ZoneProbeAnswer {
  return {
    timezoneOffset: beijingInstant('2025-06-01T12:00:00').getTimezoneOffset(),
    audiences: ZONE_CASES.map((c) =>
      deriveAudiences(
        { jobLevel: 'individual', hireDate: c.hireDate },
        beijingInstant(c.beijingTime),
        c.newHireDays === undefined ? {} : { newHireDays: c.newHireDays },
      ),
    ),
    beijingDates: ZONE_CASES.map((c) => beijingDate(beijingInstant(c.beijingTime))),
  };
}

if (require.main === module) process.stdout.write(JSON.stringify(runZoneCases()));
