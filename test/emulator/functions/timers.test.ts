/**
 * Timer triggers: CloudBase's seven-field cron dialect read in UTC+8, and the scheduler that fires each
 * matching second once with the documented timer event.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.md
 */
import fs from 'node:fs';
import path from 'node:path';
import { cronMatches, parseCron, readTimerTriggers, TimerScheduler, type timerEvent } from '../../../emulator/functions/timers';
import { makeTempDir } from '../../helpers/local-cloud';

const at = (iso: string) => new Date(iso);

describe('the cron dialect', () => {
  it.each([
    ['0 0 2 1 * * *'],
    ['*/5 * * * * * *'],
    ['0 15 10 * * MON-FRI *'],
    ['0 0 10,14,16 * * * *'],
    ['0 */30 9-17 * * * *'],
    ['0 0 12 * * WED *'],
    ['0 1/10 * * JAN-MAR * 2026-2030'],
  ])('accepts the documented form %s', (expression) => {
    expect(() => parseCron(expression)).not.toThrow();
  });

  it.each([
    ['0 0 2 1 * *', /7 fields/],
    ['60 * * * * * *', /second value "60"/],
    ['0 0 24 * * * *', /hour value "24"/],
    ['0 0 0 0 * * *', /day value "0"/],
    ['0 0 0 * 13 * *', /month value "13"/],
    ['0 0 0 * * 7 *', /week value "7"/],
    ['0 0 0 * * * 2100', /year value "2100"/],
    ['0 /5 * * * * *', /bad minute field/],
    ['0 1/0 * * * * *', /bad minute step/],
    ['0 30-10 * * * * *', /runs backwards/],
    ['0 0 0 * * FUNDAY *', /week value "FUNDAY"/],
  ])('refuses %s with the reason', (expression, reason) => {
    expect(() => parseCron(expression)).toThrow(reason);
  });

  it('reads the rule in UTC+8 whatever the process zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const monthly = parseCron('0 0 2 1 * * *');
      // Beijing 2026-02-01 02:00 is 2026-01-31 18:00 UTC.
      expect(cronMatches(monthly, at('2026-01-31T18:00:00Z'))).toBe(true);
      expect(cronMatches(monthly, at('2026-02-01T02:00:00Z'))).toBe(false);
      expect(cronMatches(monthly, at('2026-01-31T18:00:01Z'))).toBe(false);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('steps from a start value and lists ranges and names', () => {
    const steps = parseCron('0 1/10 * * * * *');
    const minutes = [...Array(60).keys()].filter((m) => cronMatches(steps, new Date(Date.UTC(2026, 0, 5, 3, m, 0))));
    expect(minutes).toEqual([1, 11, 21, 31, 41, 51]);
    const weekdays = parseCron('0 15 10 * * MON-FRI *');
    // 2026-11-27 is a Friday, 2026-11-28 a Saturday (Beijing 10:15 = 02:15 UTC).
    expect(cronMatches(weekdays, at('2026-11-27T02:15:00Z'))).toBe(true);
    expect(cronMatches(weekdays, at('2026-11-28T02:15:00Z'))).toBe(false);
  });

  it('fires on either a restricted day or a restricted week day', () => {
    const firstOrMonday = parseCron('0 0 9 1 * MON *');
    expect(cronMatches(firstOrMonday, at('2026-11-30T01:00:00Z'))).toBe(true); // Monday 30th
    expect(cronMatches(firstOrMonday, at('2026-11-01T01:00:00Z'))).toBe(true); // Sunday 1st
    expect(cronMatches(firstOrMonday, at('2026-11-03T01:00:00Z'))).toBe(false); // Tuesday 3rd
    // With only the week restricted, every day of the month is allowed and the week decides.
    expect(cronMatches(parseCron('0 0 9 * * MON *'), at('2026-11-03T01:00:00Z'))).toBe(false);
  });
});

describe('the scheduler', () => {
  function functionsDirWith(configs: Record<string, object>): string {
    const dir = makeTempDir('weike-timers-');
    for (const [name, config] of Object.entries(configs)) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));
    }
    return dir;
  }

  it('reads timer triggers from config.json and reports a bad rule instead of running it', () => {
    const dir = functionsDirWith({
      every5s: { triggers: [{ name: 'fast', type: 'timer', config: '*/5 * * * * * *' }] },
      broken: { triggers: [{ name: 'bad', type: 'timer', config: '* * *' }] },
      plain: { timeout: 5 },
    });
    const warnings: string[] = [];
    const triggers = readTimerTriggers(dir, (message) => warnings.push(message));
    expect(triggers.map((t) => [t.functionName, t.triggerName])).toEqual([['every5s', 'fast']]);
    expect(warnings).toEqual([expect.stringContaining('broken')]);
  });

  it("parses every trigger of this project's functions", () => {
    const warnings: string[] = [];
    const triggers = readTimerTriggers(path.resolve(__dirname, '../../../cloudfunctions'), (message) => warnings.push(message));
    expect(warnings).toEqual([]);
    expect(triggers.map((t) => t.functionName)).toEqual(expect.arrayContaining(['pointsExpiry']));
  });

  it('fires each matching second once with the timer event, catching up after a late tick', () => {
    let now = at('2026-11-27T00:00:00.400Z');
    const calls: [string, ReturnType<typeof timerEvent>][] = [];
    const scheduler = new TimerScheduler({
      triggers: [{ functionName: 'sweep', triggerName: 'everyTwo', schedule: parseCron('*/2 * * * * * *') }],
      invoke: async (name, event) => {
        calls.push([name, event]);
      },
      now: () => now,
    });
    expect(scheduler.tick()).toEqual([]);
    now = at('2026-11-27T00:00:05.100Z');
    expect(scheduler.tick()).toHaveLength(2); // seconds 2 and 4
    expect(scheduler.tick()).toHaveLength(0); // the same second again fires nothing
    now = at('2026-11-27T00:00:06.900Z');
    scheduler.tick();
    expect(calls.map(([, event]) => event.Time)).toEqual(['2026-11-27T00:00:02Z', '2026-11-27T00:00:04Z', '2026-11-27T00:00:06Z']);
    expect(calls[0]).toEqual(['sweep', { Type: 'Timer', TriggerName: 'everyTwo', Time: '2026-11-27T00:00:02Z', Message: '' }]);
  });

  it('keeps firing when a run fails', async () => {
    let now = at('2026-11-27T00:00:00Z');
    const logged: string[] = [];
    let runs = 0;
    const scheduler = new TimerScheduler({
      triggers: [{ functionName: 'flaky', triggerName: 'each', schedule: parseCron('* * * * * * *') }],
      invoke: async () => {
        runs += 1;
        throw new Error('boom');
      },
      now: () => now,
      log: (message) => logged.push(message),
    });
    now = at('2026-11-27T00:00:02Z');
    scheduler.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
    expect(logged.filter((line) => line.includes('failed: boom'))).toHaveLength(2);
  });

  it('announces a trigger firing within the minute once, and one firing at most once a minute at every run', async () => {
    let now = at('2026-11-27T00:00:00Z');
    const logged: string[] = [];
    const scheduler = new TimerScheduler({
      triggers: [
        { functionName: 'contest', triggerName: 'tally', schedule: parseCron('*/10 * * * * * *') },
        { functionName: 'report', triggerName: 'rollup', schedule: parseCron('0 * * * * * *') },
      ],
      invoke: async () => undefined,
      now: () => now,
      log: (message) => logged.push(message),
    });
    now = at('2026-11-27T00:02:00Z');
    scheduler.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged.filter((line) => line.includes('contest.tally'))).toEqual([
      '[local-cloud] timer contest.tally runs within the minute (*/10 * * * * * *); further runs are logged only when they fail',
    ]);
    expect(logged.filter((line) => line.includes('report.rollup'))).toHaveLength(2);
  });
});
