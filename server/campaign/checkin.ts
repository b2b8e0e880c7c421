/**
 * Check-ins (打卡) and make-ups (补卡).
 *
 * One check-in per member and planned day: its `_id` is `<campaignId>:<memberId>:<day>`, so however many
 * requests race, one document is written. A check-in for today writes that document (`counted: false`), then
 * pays its points and the streak milestones the day reaches, then marks the day done on the member's
 * enrollment with one conditional update (`applyDay`). Adding it to the day's counter shard is derived
 * afterwards by the tally (tally.ts, the campaign function's timer), in one transaction with marking the
 * check-in counted, so it is counted exactly once; the tally also completes a check-in whose call stopped
 * after writing it (the day, the points), so a call killed between any two operations leaves nothing
 * undone. The same request id answers the same check-in (completing it); another request for a day
 * already done answers ALREADY_CHECKED_IN. No document a crowd shares is written on the way.
 *
 * Points go through the points award hook, which pays each source once: the check-in (`checkin`, sourceId =
 * the check-in id) and each streak milestone reached (`streak_bonus`, sourceId `<campaignId>:streak:<days>`,
 * once per enrollment). A check-in hands the hook the member the caller check read, so a member's first
 * award reads no member (4 operations: rules, account, entry, account; server/points/events.ts).
 *
 * A make-up spends one card and, when the campaign sets a cost, debits the points in the same transaction
 * (POINTS_INSUFFICIENT rolls everything back), so a card and its cost are spent exactly once; it counts
 * itself in that transaction. Before it, the member's check-in lease (one conditional update of the
 * enrollment) lets only one make-up request of a crowd run the transaction.
 *
 * Database operations per check-in for today (first request, besides the caller check and the points): the
 * enrollment (1; the campaign as the instance keeps it, kept.ts, or 1 more on a cold instance), the check-in
 * (1) and the enrollment's day (1), plus 1 for the day's course record when required: 3, 8 with the caller
 * check and the award. A refused duplicate costs 2 (the enrollment, the check-in). A check-in refused on the
 * kept campaign is decided again on a fresh read. Measured by bench/campaign.ts and asserted by
 * test/server/campaign/operations.test.ts.
 */
import type { CampaignDoc, CampaignTaskDoc, CheckinDoc, CheckinKind, EnrollmentDoc, LearningRecordDoc, MemberDoc } from '../../typings/domain';
import type { CheckinResult } from '../../typings/functions/campaign';
import { AppError, assertOwnUploads, checkText, COLLECTIONS, findById, loadMediaGate, runTransaction, submitMediaChecks, txGet } from '../core';
import type { Database, WxCloud } from '../core';
import { recordId } from '../learning';
import { awardPointsForEvent } from '../points';
import { type AccountOwner, postEntry } from '../points';
import { beijingDate, daysBetween } from '../core/time';
import { CAMPAIGN_NOT_FOUND, canSeeCampaign, enrollmentId, findEnrollment, isEnrolled, loadVisibleCampaign } from './access';
import { decideOnKept } from './kept';
import { retryOnConflict } from './contention';
import { txCountCheckin } from './counters';
import { acceptsCheckins, dayIndex, isPlannedDay } from './days';
import { txPut } from '../core/transaction';
import { releaseLease, takeLease } from '../core/lease';
import type { LeaseSite } from '../core/lease';
import { computeStreaks, reachedMilestones } from './streak';
import { cardsLeft, checkinView, enrollmentView } from './views';

export const checkinId = (campaignId: string, memberId: string, day: string): string => `${campaignId}:${memberId}:${day}`;

export interface CheckinRequest {
  campaignId: string;
  day: string;
  text: string;
  pictures: string[];
  requestId: string;
}

export function taskOf(campaign: CampaignDoc, day: string): CampaignTaskDoc | null {
  return campaign.tasks[dayIndex(campaign, day) - 1] ?? null;
}

/** The campaign's requirement on the request itself: text length, pictures (the member's own uploads). */
function checkShape(openid: string, campaign: CampaignDoc, request: CheckinRequest): void {
  const { minTextLength, minPictures, maxPictures } = campaign.requirement;
  if ([...request.text].length < minTextLength) throw new AppError('CHECKIN_REQUIREMENT', `打卡内容至少需要 ${minTextLength} 个字`);
  if (request.pictures.length < minPictures) throw new AppError('CHECKIN_REQUIREMENT', `请至少上传 ${minPictures} 张图片`);
  if (request.pictures.length > maxPictures)
    throw new AppError('CHECKIN_REQUIREMENT', maxPictures === 0 ? '本活动打卡不需要图片' : `最多上传 ${maxPictures} 张图片`);
  // Pictures must be the member's own check-in uploads (server/core/uploads.ts: exact folder, not a substring).
  assertOwnUploads(openid, request.pictures, { purpose: 'checkin' });
}

/** The day's course, when the campaign requires it completed first. */
async function checkCourse(db: Database, member: MemberDoc, campaign: CampaignDoc, request: CheckinRequest): Promise<void> {
  const task = taskOf(campaign, request.day);
  if (campaign.requirement.requireCourse && task?.courseId) {
    const record = await findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, recordId(member._id, task.courseId));
    if (!record?.completed) throw new AppError('CHECKIN_REQUIREMENT', `请先学完当天的课程《${task.courseTitle ?? ''}》再打卡`);
  }
}

/** WeChat's content checks of the text and pictures. */
async function checkContent(db: Database, cloud: WxCloud, openid: string, member: MemberDoc, request: CheckinRequest): Promise<void> {
  // A check-in reads like a social log (scene 4 of msgSecCheck).
  if (request.text !== '') await checkText(cloud, openid, request.text, 'log');
  await submitMediaChecks(db, cloud, { openid, member }, request.pictures, 'log');
}

/** Checks the campaign's requirement (text, pictures, the day's course) and the text's content. */
async function checkRequirement(
  db: Database,
  cloud: WxCloud,
  openid: string,
  member: MemberDoc,
  campaign: CampaignDoc,
  request: CheckinRequest,
): Promise<void> {
  checkShape(openid, campaign, request);
  await checkCourse(db, member, campaign, request);
  await checkContent(db, cloud, openid, member, request);
}

interface Committed {
  checkin: CheckinDoc;
  enrollment: EnrollmentDoc;
  created: boolean;
  spent: number;
  newMilestones: number[];
}

/** The enrollment with `day` done, and the streak milestones this reaches for the first time. */
function advance(
  campaign: CampaignDoc,
  enrollment: EnrollmentDoc,
  day: string,
  kind: CheckinKind,
  now: Date,
): { next: EnrollmentDoc; newMilestones: number[] } {
  const days = { ...enrollment.days, [day]: kind };
  const streaks = computeStreaks(campaign, days);
  const reached = reachedMilestones(campaign.streakMilestones, streaks.longest).map((milestone) => milestone.days);
  const newMilestones = reached.filter((days) => !enrollment.milestonesReached.includes(days));
  const next: EnrollmentDoc = {
    ...enrollment,
    days,
    daysDone: enrollment.daysDone + 1,
    madeUpDays: enrollment.madeUpDays + (kind === 'made_up' ? 1 : 0),
    currentStreak: streaks.current,
    longestStreak: streaks.longest,
    lastCheckinDay: enrollment.lastCheckinDay === null || day > enrollment.lastCheckinDay ? day : enrollment.lastCheckinDay,
    makeUpCardsUsed: enrollment.makeUpCardsUsed + (kind === 'made_up' ? 1 : 0),
    milestonesReached: [...enrollment.milestonesReached, ...newMilestones],
    updatedAt: now,
  };
  return { next, newMilestones };
}

function newCheckin(campaign: CampaignDoc, member: MemberDoc, enrollment: EnrollmentDoc, request: CheckinRequest, kind: CheckinKind, now: Date): CheckinDoc {
  return {
    _id: checkinId(campaign._id, member._id, request.day),
    campaignId: campaign._id,
    memberId: member._id,
    memberName: member.name,
    departmentPath: member.departmentPath,
    teamId: enrollment.teamId,
    day: request.day,
    kind,
    text: request.text,
    pictures: request.pictures,
    courseId: taskOf(campaign, request.day)?.courseId ?? null,
    requestId: request.requestId,
    points: campaign.pointsPerCheckin,
    createdAt: now,
    likeCount: 0,
    commentCount: 0,
    featured: false,
    featuredAt: null,
    review: null,
  };
}

/** The make-up's transaction; see the module comment. */
function commit(db: Database, member: MemberDoc, campaign: CampaignDoc, request: CheckinRequest, kind: CheckinKind, now: Date): Promise<Committed> {
  const id = checkinId(campaign._id, member._id, request.day);
  return runTransaction(db, async (tx): Promise<Committed> => {
    const existing = await txGet<CheckinDoc>(tx, COLLECTIONS.campaignCheckins, id);
    const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaign._id, member._id));
    if (existing) return { checkin: existing, enrollment: enrollment as EnrollmentDoc, created: false, spent: 0, newMilestones: [] };
    if (!isEnrolled(enrollment)) throw new AppError('NOT_ENROLLED');
    let spent = 0;
    if (kind === 'made_up') {
      if (cardsLeft(campaign, enrollment) <= 0) throw new AppError('MAKEUP_UNAVAILABLE', '补卡卡已用完');
      spent = campaign.makeUp.pointsCost;
      if (spent > 0) {
        await postEntry(tx, member, {
          idempotencyKey: `makeup:${id}`,
          amount: -spent,
          reason: 'makeup_card',
          source: campaign._id,
          note: campaign.title,
          at: now,
        });
      }
    }
    const { next: advanced, newMilestones } = advance(campaign, enrollment, request.day, kind, now);
    const next: EnrollmentDoc = { ...advanced, checkinLease: null };
    const checkin = newCheckin(campaign, member, enrollment, request, kind, now);
    await txPut(tx, COLLECTIONS.campaignCheckins, checkin);
    await txPut(tx, COLLECTIONS.campaignEnrollments, next);
    await txCountCheckin(tx, campaign._id, member._id, enrollment.teamId, request.day, kind);
    return { checkin, enrollment: next, created: true, spent, newMilestones };
  });
}

/**
 * Pays the check-in and the given milestones (each once, whatever is repeated). `owner`: the member when the
 * caller holds it (the guard read it), so the member's first award needs no read of it.
 */
async function pay(
  db: Database,
  campaign: CampaignDoc,
  checkin: CheckinDoc,
  milestones: readonly number[],
  at: Date,
  owner?: AccountOwner,
): Promise<{ points: number; bonus: number }> {
  const paid = await awardPointsForEvent(db, {
    type: 'checkin',
    memberId: checkin.memberId,
    sourceId: checkin._id,
    occurredAt: at,
    amount: campaign.pointsPerCheckin,
    member: owner,
  });
  let bonus = 0;
  for (const days of milestones) {
    const milestone = campaign.streakMilestones.find((candidate) => candidate.days === days);
    if (!milestone) continue;
    const award = await awardPointsForEvent(db, {
      type: 'streak_bonus',
      memberId: checkin.memberId,
      sourceId: `${campaign._id}:streak:${days}`,
      occurredAt: at,
      amount: milestone.points,
      member: owner,
    });
    bonus += award.awarded;
  }
  return { points: paid.awarded, bonus };
}

async function result(
  db: Database,
  campaign: CampaignDoc,
  committed: Committed,
  paid: { points: number; bonus: number },
  today: string,
  milestones: number[],
): Promise<CheckinResult> {
  const gate = await loadMediaGate(db, committed.checkin.pictures);
  return {
    checkin: checkinView(campaign, committed.checkin, { gate, viewerId: committed.checkin.memberId }),
    enrollment: enrollmentView(campaign, committed.enrollment, today, null),
    pointsAwarded: paid.points,
    bonusAwarded: paid.bonus,
    milestonesReached: milestones,
    pointsSpent: committed.spent,
  };
}

/**
 * A check-in that exists already: the same request id is a retry (answer it, paying anything a failure
 * left unpaid); another request id is a second check-in for the day.
 */
async function repeat(
  db: Database,
  campaign: CampaignDoc,
  existing: CheckinDoc,
  enrollment: EnrollmentDoc,
  requestId: string,
  now: Date,
): Promise<CheckinResult> {
  if (existing.requestId !== requestId) refuseDuplicate(existing);
  const paid = await pay(db, campaign, existing, enrollment.milestonesReached, existing.createdAt);
  return result(db, campaign, { checkin: existing, enrollment, created: false, spent: 0, newMilestones: [] }, paid, beijingDate(now), []);
}

export interface CheckinContext {
  db: Database;
  cloud: WxCloud;
  openid: string;
  member: MemberDoc;
  now: Date;
}

/** How long a check-in lease holds when its holder never finishes (a crashed instance). */
const LEASE_MS = 10_000;

/**
 * The member's check-in lease (server/core/lease.ts) on their enrollment, held by the request id: only one
 * request of a crowd gets it, and a retry of the same request takes it over.
 */
const checkinLease = (campaignId: string, memberId: string): LeaseSite => ({
  collection: COLLECTIONS.campaignEnrollments,
  id: enrollmentId(campaignId, memberId),
  field: 'checkinLease',
  when: { status: 'enrolled' },
});

const findCheckin = (db: Database, request: CheckinRequest, memberId: string) =>
  findById<CheckinDoc>(db, COLLECTIONS.campaignCheckins, checkinId(request.campaignId, memberId, request.day));

function refuseDuplicate(existing: CheckinDoc): never {
  throw new AppError('ALREADY_CHECKED_IN', existing.kind === 'made_up' ? '这一天已经补过卡了' : undefined);
}

async function submit(
  ctx: CheckinContext,
  request: CheckinRequest,
  kind: CheckinKind,
  validate: (campaign: CampaignDoc, today: string) => void,
): Promise<CheckinResult> {
  const { db, member, now } = ctx;
  const today = beijingDate(now);
  // Duplicates (a double tap, a crowd of retries) are refused with the fewest reads: the check-in if it
  // exists, else the lease, which only one request of a crowd gets.
  let existing = await findCheckin(db, request, member._id);
  if (existing && existing.requestId !== request.requestId) refuseDuplicate(existing);
  const leased = existing === null && (await takeLease(db, checkinLease(request.campaignId, member._id), request.requestId, now, LEASE_MS));
  if (existing === null && !leased) {
    // Not enrolled, or another request holds the lease (or just finished).
    const enrollment = await findEnrollment(db, request.campaignId, member._id);
    if (!isEnrolled(enrollment)) {
      await loadVisibleCampaign(db, member, request.campaignId, now);
      throw new AppError('NOT_ENROLLED');
    }
    if (enrollment.days[request.day] === undefined && enrollment.checkinLease?.holder !== request.requestId) {
      throw new AppError('CHECKIN_IN_PROGRESS');
    }
    existing = await findCheckin(db, request, member._id);
    if (existing && existing.requestId !== request.requestId) refuseDuplicate(existing);
    if (!existing) throw new AppError('CHECKIN_IN_PROGRESS');
  }
  try {
    const { campaign, enrollment } = await loadVisibleCampaign(db, member, request.campaignId, now);
    if (!isEnrolled(enrollment)) throw new AppError('NOT_ENROLLED');
    if (existing) return await repeat(db, campaign, existing, enrollment, request.requestId, now);
    if (!acceptsCheckins(campaign)) throw new AppError('CHECKIN_UNAVAILABLE', '活动未在进行中');
    validate(campaign, today);
    await checkRequirement(db, ctx.cloud, ctx.openid, member, campaign, request);
    const committed = await retryOnConflict(() => commit(db, member, campaign, request, kind, now));
    if (!committed.created) return await repeat(db, campaign, committed.checkin, committed.enrollment, request.requestId, now);
    const paid = await pay(db, campaign, committed.checkin, committed.newMilestones, now);
    return await result(db, campaign, committed, paid, today, committed.newMilestones);
  } catch (err) {
    // A refusal gives the lease back, so the member can correct and send again at once.
    if (leased) await releaseLease(db, checkinLease(request.campaignId, member._id), request.requestId);
    throw err;
  }
}

/**
 * Marks `checkin`'s day done on the enrollment, after paying the check-in and the milestones the day reaches
 * (paying first keeps "a day in `days` is paid" true whoever stops where). One conditional update, which
 * writes only over the `daysDone` it computed from, so a concurrent change of the member's own days (a
 * make-up) makes it read again and recompute; a day already done is left alone. Used by the check-in and by
 * the tally that completes a check-in whose call stopped after writing it.
 */
export async function applyDay(
  db: Database,
  campaign: CampaignDoc,
  checkin: CheckinDoc,
  enrollment: EnrollmentDoc,
  now: Date,
  owner?: AccountOwner,
): Promise<{ enrollment: EnrollmentDoc; newMilestones: number[]; paid: { points: number; bonus: number } | null }> {
  const _ = db.command;
  let current = enrollment;
  for (let attempt = 0; attempt < APPLY_ATTEMPTS; attempt += 1) {
    if (current.days[checkin.day] !== undefined) return { enrollment: current, newMilestones: [], paid: null };
    const { next, newMilestones } = advance(campaign, current, checkin.day, checkin.kind, now);
    const paid = await pay(db, campaign, checkin, newMilestones, now, owner);
    const change = {
      [`days.${checkin.day}`]: checkin.kind,
      [`pendingDays.${checkin.day}`]: true,
      daysDone: next.daysDone,
      madeUpDays: next.madeUpDays,
      currentStreak: next.currentStreak,
      longestStreak: next.longestStreak,
      lastCheckinDay: next.lastCheckinDay,
      milestonesReached: _.set(next.milestonesReached),
      updatedAt: now,
    };
    const written = (await db
      .collection(COLLECTIONS.campaignEnrollments)
      .where({ _id: current._id, daysDone: current.daysDone, [`days.${checkin.day}`]: _.exists(false) })
      .update({ data: change })) as unknown as { stats: { updated: number } };
    if (written.stats.updated > 0) return { enrollment: { ...next, pendingDays: { ...current.pendingDays, [checkin.day]: true } }, newMilestones, paid };
    const fresh = await findEnrollment(db, campaign._id, checkin.memberId);
    if (!fresh) throw new Error(`enrollment of ${checkin.memberId} in ${campaign._id} vanished`);
    current = fresh;
  }
  // Only the member's own parallel make-ups move `daysDone` under a check-in.
  throw new AppError('CONFLICT');
}

/** Rounds of `applyDay` before CONFLICT (each lost one means the member's own other day was written). */
const APPLY_ATTEMPTS = 10;

/**
 * A check-in for today: the check-in document (its id is the gate: one per member and day, whatever races),
 * then its day on the enrollment. The counters follow from the tally. See the module comment.
 */
async function checkInToday(ctx: CheckinContext, request: CheckinRequest): Promise<CheckinResult> {
  const { db, member, now } = ctx;
  const today = request.day;
  const enrollmentRead = findEnrollment(db, request.campaignId, member._id);
  // Awaited below; this only keeps a failure while the campaign is read from going unhandled.
  enrollmentRead.catch(() => undefined);
  // The campaign as this instance keeps it (kept.ts); whatever it refuses is decided again on a fresh read.
  const { campaign, enrollment } = await decideOnKept(db, request.campaignId, async (campaign) => {
    const enrollment = await enrollmentRead;
    if (!canSeeCampaign(member, campaign, enrollment, now)) throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
    if (!isEnrolled(enrollment)) throw new AppError('NOT_ENROLLED');
    if (enrollment.days[today] !== undefined) return { campaign, enrollment };
    if (!acceptsCheckins(campaign)) throw new AppError('CHECKIN_UNAVAILABLE', '活动未在进行中');
    if (today < campaign.startDay) throw new AppError('CHECKIN_UNAVAILABLE', '活动还没有开始');
    if (today > campaign.endDay) throw new AppError('CHECKIN_UNAVAILABLE', '活动已经结束');
    checkShape(ctx.openid, campaign, request);
    await checkCourse(db, member, campaign, request);
    return { campaign, enrollment };
  });
  const again = async (existing: CheckinDoc | null): Promise<CheckinResult> => {
    if (!existing) throw new AppError('CHECKIN_IN_PROGRESS');
    if (existing.requestId !== request.requestId) refuseDuplicate(existing);
    // A retry: complete what its first call may have left (the day, the points), then answer it.
    const applied = await applyDay(db, campaign, existing, enrollment, now, member);
    if (!applied.paid) return repeat(db, campaign, existing, applied.enrollment, request.requestId, now);
    return result(
      db,
      campaign,
      { checkin: existing, enrollment: applied.enrollment, created: false, spent: 0, newMilestones: applied.newMilestones },
      applied.paid,
      today,
      applied.newMilestones,
    );
  };
  if (enrollment.days[today] !== undefined) return again(await findCheckin(db, request, member._id));
  await checkContent(db, ctx.cloud, ctx.openid, member, request);
  const checkin: CheckinDoc = { ...newCheckin(campaign, member, enrollment, request, 'on_time', now), counted: false };
  try {
    await db.collection(COLLECTIONS.campaignCheckins).add({ data: { ...checkin } });
  } catch (err) {
    const existing = await findCheckin(db, request, member._id);
    if (!existing) throw err;
    return again(existing);
  }
  const applied = await applyDay(db, campaign, checkin, enrollment, now, member);
  const paid = applied.paid ?? (await pay(db, campaign, checkin, applied.newMilestones, now, member));
  return result(
    db,
    campaign,
    { checkin, enrollment: applied.enrollment, created: true, spent: 0, newMilestones: applied.newMilestones },
    paid,
    today,
    applied.newMilestones,
  );
}

/** 打卡 for today (Beijing). `day`, when given, must be today. */
export function checkIn(ctx: CheckinContext, input: Omit<CheckinRequest, 'day'> & { day?: string }): Promise<CheckinResult> {
  const today = beijingDate(ctx.now);
  if (input.day !== undefined && input.day !== today) throw new AppError('CHECKIN_UNAVAILABLE', '日期已变化，请刷新页面后再打卡');
  return checkInToday(ctx, { ...input, day: today });
}

/** Whether a planned day may be made up on `today`: missed, within the days-back window. */
export function makeUpWindowOpen(campaign: CampaignDoc, day: string, today: string): boolean {
  return isPlannedDay(campaign, day) && day < today && daysBetween(day, today) <= campaign.makeUp.daysBack;
}

/** 补卡 for a missed planned day within the window, spending one card (and its cost) once. */
export function makeUp(ctx: CheckinContext, input: CheckinRequest): Promise<CheckinResult> {
  return submit(ctx, input, 'made_up', (campaign, today) => {
    if (campaign.makeUp.cardsPerMember === 0) throw new AppError('MAKEUP_UNAVAILABLE', '本活动不支持补卡');
    if (!isPlannedDay(campaign, input.day)) throw new AppError('MAKEUP_UNAVAILABLE', '这一天不是活动的打卡日');
    if (input.day >= today) throw new AppError('MAKEUP_UNAVAILABLE', '只能为已经过去的日期补卡');
    if (!makeUpWindowOpen(campaign, input.day, today)) throw new AppError('MAKEUP_UNAVAILABLE', `只能补最近 ${campaign.makeUp.daysBack} 天的卡`);
  });
}
