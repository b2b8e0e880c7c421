/**
 * Timer triggers (定时触发器) as CloudBase runs them: each function's `config.json` may declare
 * `triggers: [{ name, type: "timer", config: "<cron>" }]`, and at every matching second the function is
 * invoked with `{ Type: 'Timer', TriggerName, Time, Message }` and no WeChat user.
 *
 * The cron dialect is CloudBase's: seven required fields (second minute hour day month week year), each
 * with `,` `-` `*` `/` (`/` needs a start: `*\/5` or `1/10`); months also JAN–DEC, weeks 0–6 (0 = Sunday)
 * or SUN–SAT; when both the day and the week field are restricted, either one matching suffices; the rules
 * are read in UTC+8 whatever the server's zone.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.md
 * https://docs.cloudbase.net/cli-v1/functions/trigger
 */
import fs from 'node:fs';
import path from 'node:path';

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'week', min: 0, max: 6, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2099 },
];

/** The values each field allows, and whether day and week were restricted (for their "or"). */
export interface CronSchedule {
  expression: string;
  fields: ReadonlySet<number>[];
  dayRestricted: boolean;
  weekRestricted: boolean;
}

/** CloudBase reads trigger rules in UTC+8. */
const RULE_OFFSET_MS = 8 * 3_600_000;

function valueOf(token: string, spec: FieldSpec, expression: string): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  // Month names count from 1 (JAN = 1); weekday names from 0 (SUN = 0).
  const value = named >= 0 ? named + spec.min : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new Error(`cron "${expression}": ${spec.name} value "${token}" is not in ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec, expression: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === '' || range === undefined) throw new Error(`cron "${expression}": bad ${spec.name} field "${text}"`);
    let step = 1;
    if (stepText !== undefined) {
      step = Number(stepText);
      if (!/^\d+$/.test(stepText) || step < 1) throw new Error(`cron "${expression}": bad ${spec.name} step "${stepText}"`);
    }
    let low: number;
    let high: number;
    if (range === '*') {
      low = spec.min;
      high = spec.max;
    } else if (range.includes('-')) {
      const [from, to] = range.split('-');
      low = valueOf(from ?? '', spec, expression);
      high = valueOf(to ?? '', spec, expression);
      if (low > high) throw new Error(`cron "${expression}": ${spec.name} range "${range}" runs backwards`);
    } else {
      low = valueOf(range, spec, expression);
      // "1/10" runs from 1 to the end of the field; a plain value is only itself.
      high = stepText === undefined ? low : spec.max;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

/** Parses a CloudBase cron expression; throws with the reason when it is not one. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length)
    throw new Error(`cron "${expression}": needs ${FIELDS.length} fields (second minute hour day month week year), has ${parts.length}`);
  return {
    expression,
    fields: parts.map((part, i) => parseField(part, FIELDS[i]!, expression)),
    dayRestricted: parts[3] !== '*',
    weekRestricted: parts[5] !== '*',
  };
}

/** Whether the schedule fires in the second that `at` falls in. */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const t = new Date(at.getTime() + RULE_OFFSET_MS);
  const [second, minute, hour, day, month, week, year] = schedule.fields as ReadonlySet<number>[] as [
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
  ];
  if (!second.has(t.getUTCSeconds()) || !minute.has(t.getUTCMinutes()) || !hour.has(t.getUTCHours())) return false;
  if (!month.has(t.getUTCMonth() + 1) || !year.has(t.getUTCFullYear())) return false;
  const dayOk = day.has(t.getUTCDate());
  const weekOk = week.has(t.getUTCDay());
  if (schedule.dayRestricted && schedule.weekRestricted) return dayOk || weekOk;
  return dayOk && weekOk;
}

export interface TimerTrigger {
  functionName: string;
  triggerName: string;
  schedule: CronSchedule;
}

/** The timer triggers declared in `<functionsDir>/<name>/config.json`; a bad rule is reported, not run. */
export function readTimerTriggers(functionsDir: string, warn: (message: string) => void = console.warn): TimerTrigger[] {
  if (!fs.existsSync(functionsDir)) return [];
  const triggers: TimerTrigger[] = [];
  for (const name of fs.readdirSync(functionsDir).sort()) {
    const file = path.join(functionsDir, name, 'config.json');
    if (!fs.existsSync(file)) continue;
    try {
      const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: { name?: unknown; type?: unknown; config?: unknown }[] };
      for (const trigger of config.triggers ?? []) {
        if (trigger.type !== 'timer' || typeof trigger.name !== 'string' || typeof trigger.config !== 'string') continue;
        triggers.push({ functionName: name, triggerName: trigger.name, schedule: parseCron(trigger.config) });
      }
    } catch (err) {
      warn(`[local-cloud] ignoring the triggers of ${file}: ${(err as Error).message}`);
    }
  }
  return triggers;
}

/** The event CloudBase passes a function its timer invokes. */
export function timerEvent(trigger: TimerTrigger, at: Date): { Type: 'Timer'; TriggerName: string; Time: string; Message: string } {
  return { Type: 'Timer', TriggerName: trigger.triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
}

export interface TimerSchedulerOptions {
  triggers: readonly TimerTrigger[];
  /** Runs the function as its timer does (no WeChat user); failures are the function's own business. */
  invoke(functionName: string, event: ReturnType<typeof timerEvent>): Promise<unknown>;
  now?: () => Date;
  log?: (message: string) => void;
}

/**
 * Fires the triggers once a second, for every whole second that passed since the last tick (a late tick
 * never skips a run, and a second never fires twice). Calls are asynchronous like CloudBase's: a run that
 * is still going does not hold the next one back.
 */
export class TimerScheduler {
  private timer?: NodeJS.Timeout;
  private lastSecond: number;
  private readonly now: () => Date;
  private current: readonly TimerTrigger[];
  private started = false;

  get triggers(): readonly TimerTrigger[] {
    return this.current;
  }

  /** Replaces the triggers (a deployment created or deleted some); a started scheduler keeps running. */
  setTriggers(triggers: readonly TimerTrigger[]): void {
    this.current = triggers;
    if (this.started) {
      this.stop();
      this.start();
    }
  }

  constructor(private readonly options: TimerSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.current = options.triggers;
    this.lastSecond = Math.floor(this.now().getTime() / 1000);
  }

  private readonly announced = new Set<string>();

  /** Fires what is due between the last tick and now; answers the runs started. */
  tick(): TimerTrigger[] {
    const current = Math.floor(this.now().getTime() / 1000);
    const fired: TimerTrigger[] = [];
    for (let second = this.lastSecond + 1; second <= current; second += 1) {
      const at = new Date(second * 1000);
      for (const trigger of this.current) {
        if (!cronMatches(trigger.schedule, at)) continue;
        fired.push(trigger);
        const name = `${trigger.functionName}.${trigger.triggerName}`;
        // Triggers that fire within the minute (the tallies, every 10 s) are announced once, then heard of
        // only when a run fails, so `npm start`'s output stays readable.
        const frequent = (trigger.schedule.fields[0]?.size ?? 1) > 1;
        if (!frequent) this.options.log?.(`[local-cloud] timer ${name} at ${at.toISOString()}`);
        else if (!this.announced.has(name)) {
          this.announced.add(name);
          this.options.log?.(
            `[local-cloud] timer ${name} runs within the minute (${trigger.schedule.expression}); further runs are logged only when they fail`,
          );
        }
        this.options.invoke(trigger.functionName, timerEvent(trigger, at)).catch((err: unknown) => {
          this.options.log?.(`[local-cloud] timer ${trigger.functionName}.${trigger.triggerName} failed: ${(err as Error).message}`);
        });
      }
    }
    this.lastSecond = Math.max(this.lastSecond, current);
    return fired;
  }

  start(): void {
    this.started = true;
    if (this.timer || this.current.length === 0) return;
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
