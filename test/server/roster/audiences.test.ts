import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { deriveAudiences } from '../../../server/roster';
import { beijingInstant, runZoneCases, ZONE_CASES, type ZoneProbeAnswer } from './zone-cases';

const ROOT = path.join(__dirname, '../../..');

/** Zones with their UTC offset in minutes on 2025-06-01, as `getTimezoneOffset` reports it. */
const ZONES: [string, number][] = [
  ['UTC', 0],
  ['Asia/Shanghai', -480],
  ['America/Los_Angeles', 420],
  ['Pacific/Kiritimati', -840],
];

/** Child processes load TypeScript through tsx, about a second each on a small machine. */
const CHILD_PROCESS_TIMEOUT_MS = 30_000;

async function probe(zone: string): Promise<ZoneProbeAnswer> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, 'zone-cases.ts')], {
    cwd: ROOT,
    env: { ...process.env, TZ: zone },
  });
  return JSON.parse(stdout) as ZoneProbeAnswer;
}

describe('deriveAudiences', () => {
  const now = beijingInstant('2025-06-01T12:00:00');

  it('gives each employee the audience of their job level', () => {
    expect(deriveAudiences({ jobLevel: 'individual', hireDate: '2010-01-01' }, now)).toEqual(['individual']);
    expect(deriveAudiences({ jobLevel: 'first_line_manager', hireDate: '2010-01-01' }, now)).toEqual(['first_line_manager']);
    expect(deriveAudiences({ jobLevel: 'middle_senior_manager', hireDate: '2010-01-01' }, now)).toEqual(['middle_senior_manager']);
  });

  it('gives external partners only the partner audience', () => {
    expect(deriveAudiences({ external: true }, now)).toEqual(['external_partner']);
    expect(deriveAudiences({ external: true, hireDate: '2025-06-01', jobLevel: 'individual' }, now)).toEqual(['external_partner']);
  });

  it.each(ZONE_CASES.map((c, index) => [c.label, index] as const))('counts Beijing days: %s', (_label, index) => {
    expect(runZoneCases().audiences[index]).toEqual(ZONE_CASES[index]?.expected);
  });

  it(
    'gives the same answers whatever the process time zone',
    async () => {
      const answers = await Promise.all(ZONES.map(([zone]) => probe(zone)));
      answers.forEach((answer, index) => {
        // The child really ran in the zone: otherwise this test would prove nothing.
        expect(answer.timezoneOffset).toBe(ZONES[index]?.[1]);
        expect(answer.audiences).toEqual(ZONE_CASES.map((c) => c.expected));
        expect(answer.beijingDates).toEqual(ZONE_CASES.map((c) => c.beijingTime.slice(0, 10)));
      });
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );
});
