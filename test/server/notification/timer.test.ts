/**
 * The `notification` timer against the local cloud's outbox: notifications derived from assignments
 * (新的必修课 at once; 明天截止 and 已逾期 from 09:00 Beijing) and from published contest results, each
 * created once per event and member however often or concurrently the timer runs; subscribe messages sent
 * once per notification from the shared subscription counter, given back when WeChat refuses the send, and
 * never sent for a kind the member turned off or without a subscription left.
 * subscribeMessage.send: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AssignmentDoc, AssignmentTargetDoc, CertificateDoc, MemberDoc, NotificationDoc, ReminderSubscriptionDoc } from '../../../typings/domain';
import type { NOTIFICATION_KINDS } from '../../../typings/domain';
import type { NotificationRunResult } from '../../../typings/functions/notification';
import { getCloud } from '../../../server/core/cloud';
import { notify, notificationId } from '../../../server/core/notify';
import { subscriptionId } from '../../../server/core/subscriptions';
import { notificationFunction, runNotifications } from '../../../server/notification/actions';
import { templateEnvOf } from '../../../server/notification/settings';
import { callAction, invoke } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, readDoc, readWhere, testDb } from '../../helpers/db';
import { as, openidOf, seedMembers } from '../../helpers/identities';
import { beijing, freezeClock } from '../../helpers/clock';
import { codeOf, dataOf } from '../../helpers/envelope';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const ENV = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions/notification/config.json'), 'utf8')) as { envVariables: Record<string, string> })
  .envVariables;
const TEMPLATE = (kind: (typeof NOTIFICATION_KINDS)[number]): string => ENV[templateEnvOf(kind)] as string;

const cloud = useTestCloud();

beforeAll(() => {
  Object.assign(process.env, ENV);
});

afterEach(() => {
  jest.useRealTimers();
});

afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key];
});

const run = (at: Date): Promise<NotificationRunResult> => runNotifications(testDb(), getCloud(), at);
const kindsOf = async (memberId: string): Promise<string[]> => (await readWhere<NotificationDoc>('notifications', { memberId })).map((doc) => doc.kind).sort();
const requestId = (): string => `req-${Math.random().toString(36).slice(2, 12)}`;

let sequence = 0;
async function assignment(dueDay: string, members: readonly MemberDoc[], doneIds: readonly string[] = []): Promise<AssignmentDoc> {
  sequence += 1;
  const at = beijing('2026-06-01', '08:00');
  const doc: AssignmentDoc = {
    _id: `as-n${sequence}`,
    kind: 'course',
    courseId: 'c:safety',
    seriesId: null,
    title: '安全生产必修课',
    courseIds: ['c:safety'],
    departmentIds: [],
    departmentNames: [],
    roles: [],
    audiences: [],
    scopeDepartmentIds: null,
    dueDay,
    status: 'active',
    assignedCount: members.length,
    completedCount: doneIds.length,
    createdById: 'm:trainer',
    createdByName: '培训师',
    createdAt: at,
    updatedAt: at,
  };
  await insertAll('assignments', [doc]);
  await insertAll(
    'assignmentTargets',
    members.map((member): AssignmentTargetDoc => {
      const done = doneIds.includes(member._id);
      return {
        _id: `${doc._id}:${member._id}`,
        assignmentId: doc._id,
        memberId: member._id,
        name: member.name,
        employeeNo: null,
        departmentId: member.departmentId,
        departmentPath: member.departmentPath,
        courseIds: doc.courseIds,
        completedCourseIds: done ? doc.courseIds : [],
        done,
        doneAt: done ? at : null,
        createdAt: at,
      };
    }),
  );
  return doc;
}

/** Pushes wait for a subscription; clear the queue of earlier tests' notifications first. */
async function drainPushes(): Promise<void> {
  await run(beijing('2026-01-01', '10:00'));
  cloud.openapi.clearOutbox();
}

describe('assignments', () => {
  it('tells members not done of a new required course at once, the day before the due day and the day after it from 09:00, once each', async () => {
    const members = await seedMembers(['na-1', 'na-2', 'na-done']);
    const task = await assignment('2026-06-10', members, ['na-done']);
    expect(await run(beijing('2026-06-08', '23:00'))).toMatchObject({ created: 2 });
    expect(await kindsOf('na-1')).toEqual(['required_course']);
    // The member who completed it gets the assignment's certificate (and is told), not the reminders.
    expect(await kindsOf('na-done')).toEqual(['certificate_issued']);
    const [certificate, ...more] = await readWhere<CertificateDoc>('certificates', { memberId: 'na-done' });
    expect(more).toEqual([]);
    expect(certificate).toMatchObject({
      kind: 'assignment',
      source: task._id,
      achievement: '安全生产必修课',
      detail: '完成必修课',
      number: expect.stringMatching(/^BX20260601-[0-9A-F]{8}$/),
    });
    // The day before: nothing at 08:59, then 明天截止 from 09:00, once.
    expect(await run(beijing('2026-06-09', '08:59'))).toMatchObject({ created: 0 });
    expect(await run(beijing('2026-06-09', '09:00'))).toMatchObject({ created: 2 });
    expect(await run(beijing('2026-06-09', '09:10'))).toMatchObject({ created: 0 });
    expect(await kindsOf('na-2')).toEqual(['due_tomorrow', 'required_course']);
    // The due day itself adds nothing; the day after, 已逾期 — from two runs at once, one each.
    expect(await run(beijing('2026-06-10', '10:00'))).toMatchObject({ created: 0 });
    // A second member completes meanwhile: one certificate, whatever the overlap.
    await testDb()
      .collection('assignmentTargets')
      .doc(`${task._id}:na-2`)
      .update({ data: { done: true, doneAt: beijing('2026-06-10', '20:00') } });
    await testDb()
      .collection('assignments')
      .doc(task._id)
      .update({ data: { completedCount: 2 } });
    const overlapping = await Promise.all(Array.from({ length: 3 }, () => run(beijing('2026-06-11', '09:30'))));
    expect(overlapping.reduce((sum, result) => sum + result.created, 0)).toBe(1);
    expect(await readWhere<CertificateDoc>('certificates', { memberId: 'na-2' })).toHaveLength(1);
    expect(await kindsOf('na-2')).toEqual(['certificate_issued', 'due_tomorrow', 'required_course']);
    expect(await kindsOf('na-1')).toEqual(['due_tomorrow', 'overdue', 'required_course']);
    const overdue = await readDoc<NotificationDoc>('notifications', notificationId('overdue', task._id, 'na-1'));
    expect(overdue).toMatchObject({
      title: '必修课已逾期：安全生产必修课',
      body: '2026-06-10 已截止，请尽快完成',
      page: `packageCourse/course/index?id=c%3Asafety`,
      read: false,
    });
    // Two days after: the assignment is no longer scanned.
    expect(await run(beijing('2026-06-12', '10:00'))).toMatchObject({ created: 0 });
  });

  it('scans again when members are added to the assignment the same day', async () => {
    const [first, late] = await seedMembers(['nb-first', 'nb-late']);
    const task = await assignment('2026-07-20', [first!]);
    expect(await run(beijing('2026-07-01', '10:00'))).toMatchObject({ created: 1 });
    // A new hire gets a target (as refreshTargets writes it) and the count changes.
    await insertAll('assignmentTargets', [
      { ...(await readDoc<AssignmentTargetDoc>('assignmentTargets', `${task._id}:nb-first`)), _id: `${task._id}:nb-late`, memberId: late!._id },
    ]);
    await testDb()
      .collection('assignments')
      .doc(task._id)
      .update({ data: { assignedCount: 2 } });
    expect(await run(beijing('2026-07-01', '10:10'))).toMatchObject({ created: 1 });
    expect(await kindsOf('nb-late')).toEqual(['required_course']);
  });
});

describe('contest results', () => {
  it('tells every member of every entry of a round whose results were published, once', async () => {
    const published = beijing('2026-08-01', '12:00');
    await insertAll('contests', [{ _id: 'ct-n1', title: '微课大赛' }]);
    await insertAll('contestRounds', [
      { _id: 'ct-n1:r1', contestId: 'ct-n1', index: 0, name: '初赛', resultsStatus: 'published', resultsPublishedAt: published, entryCount: 2 },
      { _id: 'ct-n1:r2', contestId: 'ct-n1', index: 1, name: '决赛', resultsStatus: 'open', resultsPublishedAt: null, entryCount: 1 },
    ]);
    await insertAll('contestEntries', [
      { _id: 'en-n1', contestId: 'ct-n1', roundIds: ['ct-n1:r1', 'ct-n1:r2'], memberIds: ['nc-lead', 'nc-mate'] },
      { _id: 'en-n2', contestId: 'ct-n1', roundIds: ['ct-n1:r1'], memberIds: ['nc-solo'] },
    ]);
    const results = await Promise.all([run(beijing('2026-08-01', '12:10')), run(beijing('2026-08-01', '12:10'))]);
    expect(results[0]!.created + results[1]!.created).toBe(3);
    expect(await readDoc<NotificationDoc>('notifications', notificationId('vote_results', 'ct-n1:r1', 'nc-mate'))).toMatchObject({
      title: '初赛结果已公布',
      body: '微课大赛',
      page: 'packageContest/results/index?contestId=ct-n1',
    });
    expect(await run(beijing('2026-08-01', '12:20'))).toMatchObject({ created: 0 });
  });
});

describe('subscribe messages', () => {
  it('counts one subscription per accepted template and panel, and refuses templates that are not ours', async () => {
    const [member] = await seedMembers(['np-sub']);
    const panel = requestId();
    const templates = [TEMPLATE('order_shipped'), TEMPLATE('due_tomorrow')];
    await Promise.all(Array.from({ length: 5 }, () => callAction('notification', 'subscribe', { templateIds: templates, requestId: panel }, as(member!._id))));
    const settings = dataOf(await callAction('notification', 'settings', {}, as(member!._id)));
    // due_tomorrow and overdue share a template: one subscription serves both.
    expect(settings.kinds.filter((kind) => kind.remaining > 0).map((kind) => kind.kind)).toEqual(['due_tomorrow', 'overdue', 'order_shipped']);
    expect(settings.kinds.find((kind) => kind.kind === 'order_shipped')).toEqual({
      kind: 'order_shipped',
      enabled: true,
      templateId: TEMPLATE('order_shipped'),
      remaining: 1,
    });
    expect(
      codeOf(await callAction('notification', 'subscribe', { templateIds: ['weike-campaign-checkin-reminder'], requestId: requestId() }, as(member!._id))),
    ).toBe('INVALID_INPUT');
  });

  it('sends once per notification with a subscription left, from overlapping runs; skips the rest; gives a subscription back when WeChat refuses', async () => {
    await drainPushes();
    // The last member's OPENID (with ':') is refused by WeChat (40003).
    const members = await seedMembers(['np-1', 'np-2', 'np-3', 'np-4', 'np-none', 'np-off', 'm:np-bad']);
    const template = TEMPLATE('order_shipped');
    for (const member of members.filter((each) => each._id !== 'np-none')) {
      dataOf(await callAction('notification', 'subscribe', { templateIds: [template], requestId: requestId() }, as(member._id)));
    }
    dataOf(await callAction('notification', 'setKind', { kind: 'order_shipped', enabled: false }, as('np-off')));
    const at = beijing('2026-09-01', '10:00');
    await notify(
      testDb(),
      members.map((member) => ({
        memberId: member._id,
        kind: 'order_shipped',
        source: `order-${member._id}`,
        title: '礼品已发放：马克杯',
        body: '请留意领取',
        page: 'packagePoints/orders/index',
      })),
      at,
    );
    const results = await Promise.all(Array.from({ length: 4 }, () => run(at)));
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(4);
    expect(results.reduce((sum, result) => sum + result.failed, 0)).toBe(1);
    const outbox = cloud.openapi.outbox();
    expect(outbox.map((message) => message.touser).sort()).toEqual(['np-1', 'np-2', 'np-3', 'np-4'].map(openidOf).sort());
    expect(outbox[0]).toMatchObject({
      templateId: template,
      page: 'packagePoints/orders/index',
      data: { thing1: { value: '礼品已发放：马克杯' }, thing2: { value: '请留意领取' }, time3: { value: '2026-09-01 10:00' } },
    });
    const remaining = async (memberId: string) =>
      (await readDoc<ReminderSubscriptionDoc>('campaignReminderSubscriptions', subscriptionId(memberId, template)))?.remaining;
    expect(await remaining('np-1')).toBe(0);
    // Refused by WeChat: given back; turned off: never spent.
    expect(await remaining('m:np-bad')).toBe(1);
    expect(await remaining('np-off')).toBe(1);
    const push = async (memberId: string) =>
      (await readDoc<NotificationDoc>('notifications', notificationId('order_shipped', `order-${memberId}`, memberId)))?.push;
    expect(await push('np-1')).toBe('sent');
    expect(await push('np-none')).toBe('skipped');
    expect(await push('np-off')).toBe('skipped');
    expect(await push('m:np-bad')).toBe('failed');
    // Nothing is sent again.
    expect(await run(at)).toMatchObject({ sent: 0, failed: 0 });
    expect(cloud.openapi.outbox()).toHaveLength(4);
  });

  it('runs from the timer trigger, and a member cannot reach the timer path', async () => {
    await drainPushes();
    const [member] = await seedMembers(['np-trigger']);
    dataOf(await callAction('notification', 'subscribe', { templateIds: [TEMPLATE('certificate_issued')], requestId: requestId() }, as(member!._id)));
    await notify(
      testDb(),
      [{ memberId: member!._id, kind: 'certificate_issued', source: 'cert-1', title: '证书已颁发', body: '安全生产', page: null }],
      new Date(),
    );
    freezeClock(beijing('2026-09-14', '09:02'));
    const timer = { Type: 'Timer', TriggerName: 'everyTenMinutes', Time: new Date().toISOString() };
    expect(await invoke(notificationFunction.main, timer, {})).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(await invoke(notificationFunction.main, timer, as(member!._id))).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(cloud.openapi.outbox()).toHaveLength(1);
    expect(cloud.openapi.outbox()[0]!.page).toBeUndefined();
  });
});
