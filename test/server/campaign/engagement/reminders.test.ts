/**
 * Reminder subscriptions and the `campaignReminder` timer against the local cloud's outbox: one subscription
 * per accepted panel (request id); the timer sends at the campaign's reminder time (Beijing) only to enrolled
 * members who have not checked in that day and have a subscription left, spends one per send, gives it back
 * when WeChat refuses the send, and never sends twice for a member, campaign and day — run again, run
 * concurrently, across Beijing midnight, whatever the process time zone.
 * subscribeMessage.send: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CampaignDoc, MemberDoc, ReminderSubscriptionDoc } from '../../../../typings/domain';
import type { ReminderRunResult } from '../../../../typings/functions/campaign-engagement';
import { runReminders } from '../../../../server/campaign/engagement/reminder-run';
import { REMINDER_TEMPLATE_ENV, subscriptionId } from '../../../../server/campaign/engagement/reminders';
import { quit } from '../../../../server/campaign/enrollment';
import { campaignReminderFunction } from '../../../../server/campaignReminder/actions';
import { getCloud } from '../../../../server/core/cloud';
import { invoke } from '../../../helpers/invoke';
import { useTestCloud } from '../../../helpers/local-cloud';
import { testDb } from '../../../helpers/db';
import { codeOf, dataOf } from '../../../helpers/envelope';
import { freezeClock } from '../../../helpers/clock';
import { runConcurrently } from '../../../helpers/concurrency';
import { actionOf, beijing, call, campaignFields, makeCampaign, openidOf, readDoc, requestId, seedMembers, seedTrainer } from '../helpers';
import { checkInOn, signUpAll } from './helpers';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../../..');
const configOf = (fn: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8')) as { envVariables?: Record<string, string> };
const TEMPLATE = configOf('campaignReminder').envVariables?.[REMINDER_TEMPLATE_ENV] as string;

const cloud = useTestCloud();
let trainer: MemberDoc;

beforeAll(async () => {
  trainer = await seedTrainer();
  process.env[REMINDER_TEMPLATE_ENV] = TEMPLATE;
});

afterEach(() => {
  jest.useRealTimers();
});

afterAll(async () => {
  delete process.env[REMINDER_TEMPLATE_ENV];
});

const run = (at: Date): Promise<ReminderRunResult> => runReminders(testDb(), getCloud(), at);
const remaining = async (memberId: string) =>
  (await readDoc<ReminderSubscriptionDoc>('campaignReminderSubscriptions', subscriptionId(memberId, TEMPLATE)))?.remaining ?? 0;

/** Subscribes `times` times, as the app does after each accepted panel. */
async function subscribe(member: MemberDoc, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) dataOf(await call('subscribeReminder', { templateId: TEMPLATE, requestId: requestId() }, member._id));
}

describe('subscriptions', () => {
  it('carries the same template in both functions’ configuration', () => {
    expect(TEMPLATE).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(configOf('campaign').envVariables?.[REMINDER_TEMPLATE_ENV]).toBe(TEMPLATE);
  });

  it('counts one subscription per accepted panel, however often the app retries it', async () => {
    const [member] = await seedMembers(['sub-member']);
    expect(dataOf(await call('reminderSettings', {}, member!._id))).toEqual({ templateId: TEMPLATE, remaining: 0 });
    const panel = requestId();
    const codes = await Promise.all(
      Array.from({ length: 10 }, () => runConcurrently(actionOf('subscribeReminder'), { templateId: TEMPLATE, requestId: panel }, openidOf(member!._id))),
    );
    expect(new Set(codes)).toEqual(new Set(['OK']));
    expect(await remaining(member!._id)).toBe(1);
    expect(dataOf(await call('subscribeReminder', { templateId: TEMPLATE, requestId: requestId() }, member!._id))).toEqual({
      templateId: TEMPLATE,
      remaining: 2,
    });
    expect(codeOf(await call('subscribeReminder', { templateId: 'another-template', requestId: requestId() }, member!._id))).toBe('INVALID_INPUT');
    expect(await readDoc('campaignReminderSubscriptions', subscriptionId(member!._id, TEMPLATE))).toMatchObject({
      remaining: 2,
      granted: 2,
      used: 0,
      openid: openidOf(member!._id),
    });
    // Without a configured template the app is told so, and nothing can be subscribed.
    delete process.env[REMINDER_TEMPLATE_ENV];
    try {
      expect(dataOf(await call('reminderSettings', {}, member!._id))).toEqual({ templateId: null, remaining: 0 });
      expect(codeOf(await call('subscribeReminder', { templateId: TEMPLATE, requestId: requestId() }, member!._id))).toBe('INVALID_INPUT');
    } finally {
      process.env[REMINDER_TEMPLATE_ENV] = TEMPLATE;
    }
  });
});

describe('the reminder timer', () => {
  async function reminderCampaign(tag: string, startDay: string, reminderTime = '20:00'): Promise<CampaignDoc> {
    return makeCampaign(
      trainer,
      campaignFields(startDay, 5, { title: `晨读打卡 ${tag}：二十一天养成早起读书的好习惯`, reminderTime }),
      beijing(startDay, '07:00'),
    );
  }

  it('reminds subscribed members who have not checked in, at the reminder time, once, spending one subscription', async () => {
    const day = '2026-08-03';
    const campaign = await reminderCampaign('once', day);
    // Member ids without ':' make WeChat-shaped OPENIDs; the last one's OPENID is refused by WeChat (40003).
    const [due, done, unsubscribed, quitter, refused] = await seedMembers(['rem-due', 'rem-done', 'rem-none', 'rem-quit', 'm:rem-bad']);
    await signUpAll(campaign, [due!, done!, unsubscribed!, quitter!, refused!], beijing(day, '07:00'));
    await subscribe(due!, 2);
    await subscribe(done!, 1);
    await subscribe(quitter!, 1);
    await subscribe(refused!, 1);
    await quit(testDb(), quitter!, campaign._id, beijing(day, '08:00'));
    await checkInOn(campaign, done!, day, '12:00');
    cloud.openapi.clearOutbox();

    expect(await run(beijing(day, '19:59'))).toEqual({ campaigns: 0, sent: 0, noSubscription: 0, failed: 0, more: false });
    expect(cloud.openapi.outbox()).toEqual([]);
    expect(await run(beijing(day, '20:00'))).toEqual({ campaigns: 1, sent: 1, noSubscription: 1, failed: 1, more: false });
    const [message, ...others] = cloud.openapi.outbox();
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      touser: openidOf(due!._id),
      templateId: TEMPLATE,
      page: `packageCampaign/checkin/index?id=${encodeURIComponent(campaign._id)}`,
    });
    expect(message!.data).toEqual({
      thing1: { value: expect.any(String) },
      thing2: { value: '第1天：第 1 天：写下今天的收获' },
      time3: { value: '2026年8月3日 20:00' },
      thing4: { value: '今天还没有打卡，点击去打卡' },
    });
    // thing values are at most 20 characters (WeChat refuses longer ones).
    expect([...message!.data.thing1!.value]).toHaveLength(20);
    expect(message!.data.thing1!.value.endsWith('…')).toBe(true);
    expect(await remaining(due!._id)).toBe(1);
    expect(await remaining(done!._id)).toBe(1);
    expect(await remaining(quitter!._id)).toBe(1);
    // WeChat refused the send: the subscription is given back and the send is recorded as failed, once.
    expect(await remaining(refused!._id)).toBe(1);
    expect(await readDoc('campaignReminderSends', `${campaign._id}:${day}:${refused!._id}`)).toMatchObject({ status: 'failed', errCode: 40003 });

    // Later runs the same day send nothing more.
    expect(await run(beijing(day, '20:05'))).toMatchObject({ sent: 0 });
    expect(await run(beijing(day, '23:59'))).toMatchObject({ sent: 0 });
    expect(cloud.openapi.outbox()).toHaveLength(1);
    expect(await remaining(due!._id)).toBe(1);
  });

  it('sends once per member when runs overlap', async () => {
    const day = '2026-08-10';
    const campaign = await reminderCampaign('overlap', day, '07:30');
    const members = await seedMembers(Array.from({ length: 12 }, (_, i) => `rem-overlap-${i}`));
    await signUpAll(campaign, members, beijing(day, '06:00'));
    for (const member of members) await subscribe(member, 3);
    cloud.openapi.clearOutbox();
    const results = await Promise.all(Array.from({ length: 4 }, () => run(beijing(day, '07:30'))));
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(12);
    const outbox = cloud.openapi.outbox();
    expect(outbox).toHaveLength(12);
    expect(new Set(outbox.map((message) => message.touser))).toEqual(new Set(members.map((member) => openidOf(member._id))));
    for (const member of members) expect(await remaining(member._id)).toBe(2);
  });

  it('starts a new day at Beijing midnight whatever the process time zone, and stops when subscriptions run out', async () => {
    const zone = process.env.TZ;
    // UTC+14 and UTC-10: local midnight is nowhere near Beijing's.
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Honolulu']) {
      process.env.TZ = tz;
      try {
        const tag = tz === 'Pacific/Kiritimati' ? 'kiri' : 'hono';
        const first = tz === 'Pacific/Kiritimati' ? '2026-08-30' : '2026-09-06';
        const campaign = await reminderCampaign(`midnight-${tag}`, first, '23:50');
        const [member] = await seedMembers([`rem-midnight-${tag}`]);
        await signUpAll(campaign, [member!], beijing(first, '06:00'));
        await subscribe(member!, 2);
        cloud.openapi.clearOutbox();
        expect(await run(beijing(first, '23:55'))).toMatchObject({ sent: 1 });
        // 00:00 Beijing is a new day, but its reminder time has not come.
        const next = beijing(first, '23:55').getTime() + 10 * 60_000;
        expect(await run(new Date(next))).toMatchObject({ campaigns: 0, sent: 0 });
        const second = new Date(next + 23 * 3_600_000 + 50 * 60_000);
        expect(await run(second)).toMatchObject({ campaigns: 1, sent: 1 });
        expect(cloud.openapi.outbox().map((message) => message.data.time3?.value)).toEqual([
          `${Number(first.slice(0, 4))}年${Number(first.slice(5, 7))}月${Number(first.slice(8))}日 23:50`,
          expect.stringMatching(/ 23:50$/),
        ]);
        expect(await remaining(member!._id)).toBe(0);
        // The third day: no subscription left, nothing sent and nothing spent.
        expect(await run(new Date(second.getTime() + 86_400_000))).toMatchObject({ campaigns: 1, sent: 0, noSubscription: 1 });
        expect(cloud.openapi.outbox()).toHaveLength(2);
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    }
  });

  it('runs from the timer trigger, and a member cannot reach the timer path', async () => {
    const day = '2026-09-14';
    const campaign = await reminderCampaign('trigger', day, '09:00');
    const [member] = await seedMembers(['rem-trigger']);
    await signUpAll(campaign, [member!], beijing(day, '06:00'));
    await subscribe(member!, 1);
    cloud.openapi.clearOutbox();
    freezeClock(beijing(day, '09:02'));
    const timer = { Type: 'Timer', TriggerName: 'everyFiveMinutes', Time: new Date().toISOString() };
    expect(await invoke(campaignReminderFunction.main, timer, {})).toMatchObject({ ok: true, data: { campaigns: 1, sent: 1 } });
    expect(await invoke(campaignReminderFunction.main, timer, { openid: openidOf(member!._id) })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(cloud.openapi.outbox()).toHaveLength(1);
  });
});
