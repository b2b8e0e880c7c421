/**
 * The daily reminder (打卡提醒), sent by the `campaignReminder` timer every few minutes: for each running
 * campaign whose reminder time (Beijing) has come today, every enrolled member who has not checked in today
 * and has a subscription left gets one subscribe message, and the subscription loses one.
 *
 * Exactly once per member, campaign and Beijing day, however often or concurrently the timer runs: the send
 * record `<campaignId>:<day>:<memberId>` and the subscription's decrement commit in one transaction, which
 * also re-reads the enrollment (a member who checked in meanwhile is skipped). WeChat is called after the
 * commit; a failed send gives the subscription back (a 43101 refusal — the user has no subscription at
 * WeChat — sets it to 0 instead), and the send record's status makes that happen once. A process that dies
 * between the commit and WeChat's answer leaves the record `sending`: that reminder is lost, never doubled.
 *
 * A campaign and day keep a cursor (`campaignReminderRuns`), so a run stopped by its time budget resumes
 * where it was and a finished day is skipped with one read.
 */
import type { CampaignDoc, EnrollmentDoc, ReminderRunDoc, ReminderSendDoc, ReminderSubscriptionDoc } from '../../../typings/domain';
import type { ReminderRunResult } from '../../../typings/functions/campaign-engagement';
import { COLLECTIONS, findById, runTransaction, txGet } from '../../core';
import type { Database, WxCloud } from '../../core';
import { beijingDate, beijingTime } from '../../core/time';
import { enrollmentId, isEnrolled } from '../access';
import { retryOnConflict } from '../contention';
import { dayIndex } from '../days';
import { taskOf } from '../checkin';
import { inParallel } from '../../core/parallel';
import { errCodeOf, SUBSCRIPTION_REFUSED, thingValue, txReturnSubscription, txSpendSubscription } from '../../core/subscriptions';
import { reminderMiniprogramState, reminderTemplateId, REMINDER_TEMPLATE_KEYS, subscriptionId } from './reminders';

/** Enrollments handled per query (CloudBase's maximum); a timer run handles several pages. */
const PAGE = 1000;
/** Sends in flight at once (WeChat calls are the slow part). */
const PARALLEL_SENDS = 10;
/** The page the message opens: today's check-in of the campaign (its `id` query). */
const REMINDER_PAGE = 'packageCampaign/checkin/index';

export { thingValue };

export const sendId = (campaignId: string, day: string, memberId: string): string => `${campaignId}:${day}:${memberId}`;
export const runId = (campaignId: string, day: string): string => `${campaignId}:${day}`;

/** The message of one campaign and day (the same for every member). */
export function reminderData(campaign: CampaignDoc, day: string): Record<string, { value: string }> {
  const task = taskOf(campaign, day);
  const what = task ? task.prompt || task.courseTitle || '完成今日任务' : '完成今日任务';
  const [year, month, date] = day.split('-').map(Number);
  return {
    [REMINDER_TEMPLATE_KEYS.campaign]: { value: thingValue(campaign.title) },
    [REMINDER_TEMPLATE_KEYS.task]: { value: thingValue(`第${dayIndex(campaign, day)}天：${what}`) },
    [REMINDER_TEMPLATE_KEYS.time]: { value: `${year}年${month}月${date}日 ${campaign.reminderTime ?? ''}`.trim() },
    [REMINDER_TEMPLATE_KEYS.tip]: { value: '今天还没有打卡，点击去打卡' },
  };
}

/** Published campaigns running today whose reminder time has come (a company runs tens at once). */
async function dueCampaigns(db: Database, today: string, time: string): Promise<CampaignDoc[]> {
  const _ = db.command;
  const result = (await db
    .collection(COLLECTIONS.campaigns)
    .where({ status: 'published', endDay: _.gte(today), startDay: _.lte(today) })
    .orderBy('_id', 'asc')
    .limit(1000)
    .get()) as unknown as { data: CampaignDoc[] };
  return result.data.filter((campaign) => campaign.reminderTime !== null && campaign.reminderTime !== undefined && campaign.reminderTime <= time);
}

type Outcome = 'sent' | 'skipped' | 'failed';

interface Reminder {
  db: Database;
  cloud: WxCloud;
  campaign: CampaignDoc;
  day: string;
  templateId: string;
  data: Record<string, { value: string }>;
  now: Date;
}

/** Records the send and spends one subscription in one transaction; null when the member is not due. */
function claim(job: Reminder, memberId: string, id: string): Promise<ReminderSubscriptionDoc | null> {
  const { db, campaign, day, templateId, now } = job;
  return runTransaction(db, async (tx) => {
    if (await txGet<ReminderSendDoc>(tx, COLLECTIONS.campaignReminderSends, id)) return null;
    const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaign._id, memberId));
    if (!isEnrolled(enrollment) || enrollment.days[day] !== undefined) return null;
    const subscription = await txSpendSubscription(tx, memberId, templateId, now);
    if (!subscription) return null;
    const record: Omit<ReminderSendDoc, '_id'> = {
      campaignId: campaign._id,
      day,
      memberId,
      openid: subscription.openid,
      templateId,
      status: 'sending',
      errCode: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.collection(COLLECTIONS.campaignReminderSends).add({ data: { _id: id, ...record } });
    return subscription;
  });
}

/** Claims, sends and settles one member's reminder. */
async function remind(job: Reminder, memberId: string): Promise<Outcome> {
  const { db, campaign, day, templateId, now } = job;
  const id = sendId(campaign._id, day, memberId);
  // Overlapping runs contend on the same send record: a retry after a pause finds it and skips.
  const claimed = await retryOnConflict(() => claim(job, memberId, id));
  if (!claimed) return 'skipped';
  try {
    await job.cloud.openapi.subscribeMessage.send({
      touser: claimed.openid,
      templateId,
      page: `${REMINDER_PAGE}?id=${encodeURIComponent(campaign._id)}`,
      data: job.data,
      miniprogramState: reminderMiniprogramState(),
    });
  } catch (err) {
    const errCode = errCodeOf(err);
    console.warn(`[campaignReminder] send ${id} failed with ${String(errCode)}:`, err);
    await settleFailure(db, id, errCode, now);
    return 'failed';
  }
  await db
    .collection(COLLECTIONS.campaignReminderSends)
    .doc(id)
    .update({ data: { status: 'sent', updatedAt: now } });
  return 'sent';
}

/** Marks the send failed (once) and gives the subscription back, or zeroes it on a refusal. */
async function settleFailure(db: Database, id: string, errCode: number | null, now: Date): Promise<void> {
  await runTransaction(db, async (tx) => {
    const record = await txGet<ReminderSendDoc>(tx, COLLECTIONS.campaignReminderSends, id);
    if (record?.status !== 'sending') return;
    await tx
      .collection(COLLECTIONS.campaignReminderSends)
      .doc(id)
      .update({ data: { status: errCode === SUBSCRIPTION_REFUSED ? 'refused' : 'failed', errCode, updatedAt: now } });
    await txReturnSubscription(tx, record.memberId, record.templateId, errCode, now);
  });
}

/**
 * Sends every reminder due at `now`. Stops after `budgetMs` with `more: true` (the next run continues from
 * the cursor); without a configured template it sends nothing.
 */
export async function runReminders(db: Database, cloud: WxCloud, now: Date, budgetMs = 45_000): Promise<ReminderRunResult> {
  const result: ReminderRunResult = { campaigns: 0, sent: 0, noSubscription: 0, failed: 0, more: false };
  const templateId = reminderTemplateId();
  if (!templateId) return result;
  const started = Date.now();
  const _ = db.command;
  const day = beijingDate(now);
  for (const campaign of await dueCampaigns(db, day, beijingTime(now))) {
    const id = runId(campaign._id, day);
    const run = await findById<ReminderRunDoc>(db, COLLECTIONS.campaignReminderRuns, id);
    if (run?.done) continue;
    result.campaigns += 1;
    const job: Reminder = { db, cloud, campaign, day, templateId, data: reminderData(campaign, day), now };
    let cursor = run?.cursor ?? '';
    for (;;) {
      if (Date.now() - started > budgetMs) return { ...result, more: true };
      const page = (await db
        .collection(COLLECTIONS.campaignEnrollments)
        .where({ campaignId: campaign._id, status: 'enrolled', lastCheckinDay: _.neq(day), _id: _.gt(cursor) })
        .orderBy('_id', 'asc')
        .field({ memberId: true })
        .limit(PAGE)
        .get()) as unknown as { data: Pick<EnrollmentDoc, '_id' | 'memberId'>[] };
      const members = page.data.map((enrollment) => enrollment.memberId);
      const subscribed =
        members.length === 0
          ? { data: [] }
          : ((await db
              .collection(COLLECTIONS.campaignReminderSubscriptions)
              .where({ _id: _.in(members.map((memberId) => subscriptionId(memberId, templateId))), remaining: _.gt(0) })
              .field({ memberId: true })
              .limit(PAGE)
              .get()) as unknown as { data: Pick<ReminderSubscriptionDoc, 'memberId'>[] });
      const withSubscription = new Set(subscribed.data.map((subscription) => subscription.memberId));
      result.noSubscription += members.length - withSubscription.size;
      const outcomes = await inParallel([...withSubscription], PARALLEL_SENDS, (memberId) => remind(job, memberId));
      result.sent += outcomes.filter((outcome) => outcome === 'sent').length;
      result.failed += outcomes.filter((outcome) => outcome === 'failed').length;
      const last = page.data[page.data.length - 1];
      if (last) cursor = last._id;
      const done = page.data.length < PAGE;
      const next: Omit<ReminderRunDoc, '_id'> = { campaignId: campaign._id, day, cursor, done, updatedAt: now };
      await db.collection(COLLECTIONS.campaignReminderRuns).doc(id).set({ data: next });
      if (done) break;
    }
  }
  return result;
}
