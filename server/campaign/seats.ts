/**
 * The sign-up's seat: a place on the campaign's counters (`counts.enrolled`, or `counts.pending` when the
 * campaign needs approval) taken with one atomic conditional update, without the campaign's transaction.
 *
 * A crowd signing up for one campaign would otherwise queue on the campaign document's lease (contention.ts)
 * one transaction at a time. An update is atomic on its document and checks its condition as it writes, so
 * "enrolled < capacity and nobody waiting" is decided by the database for each member in turn: capacity is
 * never exceeded and nobody conflicts. https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 * (inc is atomic under concurrent writers: https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.inc.md)
 * The condition also names the campaign's `updatedAt` as read (every edit and life-cycle step sets it,
 * edit.ts; the counters' own moves keep it), so a seat is taken only under the rules the sign-up checked.
 * When the campaign is full or members wait, the sign-up takes the next place on the waiting list the same
 * way, a compare-and-set of `waitSeq` (each number given once, in the order taken).
 *
 * The seat comes first and the enrollment second (inserted under its deterministic id, so a member's racing
 * requests insert one): a member is never enrolled and uncounted. A call that stops between the two leaves a
 * seat counted with no enrollment: each take marks the campaign `seatsUnsettled` with its time, and once no
 * seat has been taken for longer than a function may run, every take has inserted its enrollment or died, so
 * `reconcileSeats` (the campaign function's timer) sets the counters to the enrollments, in the campaign's
 * transaction (a counter moved meanwhile by anyone changes the campaign, and the transaction runs again),
 * and gives free seats to the waiting list (a sign-up that saw one free promotes only if the campaign's
 * lease is free at once, enrollment.ts promoteWaiting, so the timer finishes what it left).
 */
import type { CampaignDoc, EnrollmentDoc } from '../../typings/domain';
import { COLLECTIONS, txPut } from '../core';
import type { Database } from '../core';
import { docsOf } from '../core/db';
import { hotTransactionIfFree } from './contention';
import { promoteWaiting, txCampaign } from './enrollment';

/** What a seat adds to the campaign document. */
export interface SeatMarks {
  /** Seats were taken by the shortcut since the timer last checked the counters. */
  seatsUnsettled?: boolean;
  /** When the last seat was taken. */
  lastSeatAt?: Date;
}

export type SeatStatus = 'enrolled' | 'pending' | 'waitlisted';

export interface Seat {
  status: SeatStatus;
  /** The enrolled member's team (its `teamEnrolled` counter moves too). */
  teamId: string | null;
  /** A place on the waiting list: its number (`waitSeq`). */
  waitSeq?: number;
}

function counterMoves(db: Database, seat: Seat, delta: 1 | -1): Record<string, unknown> {
  const _ = db.command;
  return {
    [`counts.${seat.status}`]: _.inc(delta),
    ...(seat.status === 'enrolled' && seat.teamId !== null ? { [`teamEnrolled.${seat.teamId}`]: _.inc(delta) } : {}),
  };
}

/** Whether the campaign has a seat free (no capacity, or fewer enrolled). */
export function hasFreeSeat(campaign: Pick<CampaignDoc, 'capacity' | 'counts'>): boolean {
  return campaign.capacity === null || campaign.counts.enrolled < campaign.capacity;
}

/** Whether a new sign-up would wait: the campaign is full, or others wait already (first come, first served). */
export function wouldWait(campaign: Pick<CampaignDoc, 'capacity' | 'counts'>): boolean {
  return !hasFreeSeat(campaign) || campaign.counts.waitlisted > 0;
}

const updated = (result: unknown): boolean => (result as { stats: { updated: number } }).stats.updated === 1;

/** The campaign as `read`: the rules a sign-up checked, unchanged since (see the module comment). */
const unchangedRules = (read: CampaignDoc) => ({ _id: read._id, status: 'published', updatedAt: read.updatedAt, approvalRequired: read.approvalRequired });

/**
 * Takes `seat` (enrolled or pending) on the campaign as `read`, if one is free; false when the campaign is
 * full, someone waits, or it changed.
 */
export async function takeSeat(db: Database, read: CampaignDoc, seat: Seat, now: Date): Promise<boolean> {
  const _ = db.command;
  const room =
    seat.status === 'pending'
      ? {}
      : { 'counts.waitlisted': 0, capacity: read.capacity, ...(read.capacity === null ? {} : { 'counts.enrolled': _.lt(read.capacity) }) };
  return updated(
    await db
      .collection(COLLECTIONS.campaigns)
      .where({ ...unchangedRules(read), ...room })
      .update({ data: { ...counterMoves(db, seat, 1), seatsUnsettled: true, lastSeatAt: now } }),
  );
}

/**
 * Takes the next place on the waiting list of the campaign as `read`: number `waitSeq + 1`, if the campaign
 * is still full or has members waiting and nobody took that number since it was read (a compare-and-set on
 * `waitSeq`, so each number is given once); null otherwise (read again and retry).
 */
export async function takeWaitPlace(db: Database, read: CampaignDoc, now: Date): Promise<number | null> {
  const _ = db.command;
  const waitSeq = read.waitSeq + 1;
  const busy = [{ 'counts.waitlisted': _.gt(0) }, ...(read.capacity === null ? [] : [{ 'counts.enrolled': _.gte(read.capacity) }])];
  const taken = updated(
    await db
      .collection(COLLECTIONS.campaigns)
      .where(_.and([{ ...unchangedRules(read), capacity: read.capacity, waitSeq: read.waitSeq }, _.or(busy)]))
      .update({ data: { ...counterMoves(db, { status: 'waitlisted', teamId: null }, 1), waitSeq, seatsUnsettled: true, lastSeatAt: now } }),
  );
  return taken ? waitSeq : null;
}

/** Gives back a place whose enrollment was not inserted; a seat held meanwhile may have sent someone to wait. */
export async function giveBackSeat(db: Database, campaignId: string, seat: Seat, now: Date): Promise<void> {
  await db
    .collection(COLLECTIONS.campaigns)
    .doc(campaignId)
    .update({ data: counterMoves(db, seat, -1) });
  if (seat.status !== 'pending') await promoteWaiting(db, campaignId, now, false);
}

/** Longer than the campaign function's timeout (cloudfunctions/campaign/config.json, 20 s), with a margin. */
export const SEAT_QUIET_MS = 60_000;

const count = async (db: Database, where: Record<string, unknown>): Promise<number> =>
  ((await db.collection(COLLECTIONS.campaignEnrollments).where(where).count()) as unknown as { total: number }).total;

/** The counters as the enrollments say: one count per status and per team. */
async function countedFromEnrollments(db: Database, campaign: CampaignDoc): Promise<Pick<CampaignDoc, 'counts' | 'teamEnrolled'>> {
  const campaignId = campaign._id;
  const [enrolled, pending, waitlisted] = await Promise.all(
    (['enrolled', 'pending', 'waitlisted'] satisfies EnrollmentDoc['status'][]).map((status) => count(db, { campaignId, status })),
  );
  const teamEnrolled = { ...campaign.teamEnrolled };
  for (const team of campaign.teams) teamEnrolled[team.id] = await count(db, { campaignId, status: 'enrolled', teamId: team.id });
  return { counts: { enrolled: enrolled ?? 0, pending: pending ?? 0, waitlisted: waitlisted ?? 0 }, teamEnrolled };
}

/** Campaigns checked per timer run (the rest on the next runs). */
const RECONCILE_BATCH = 20;

/** See the module comment; answers how many places (seats and pending places) were given back. */
export async function reconcileSeats(db: Database, now: Date): Promise<number> {
  const quiet = now.getTime() - SEAT_QUIET_MS;
  const unsettled = await docsOf<{ _id: string }>(
    db
      .collection(COLLECTIONS.campaigns)
      .where({ seatsUnsettled: true, lastSeatAt: db.command.lt(new Date(quiet)) })
      .field({ _id: true })
      .limit(RECONCILE_BATCH),
  );
  let returned = 0;
  for (const { _id } of unsettled) {
    // A campaign whose lease another writer holds is quiet no longer: the next run looks again.
    const settled = await hotTransactionIfFree(db, _id, async (tx) => {
      const campaign: CampaignDoc & SeatMarks = await txCampaign(tx, _id);
      if (!campaign.seatsUnsettled || campaign.lastSeatAt === undefined || new Date(campaign.lastSeatAt).getTime() >= quiet) return null;
      // Counted outside the transaction, which holds only documents; its commit fails if the campaign moved.
      const exact = await countedFromEnrollments(db, campaign);
      await txPut(tx, COLLECTIONS.campaigns, { ...campaign, ...exact, seatsUnsettled: false });
      const given = Math.max(0, campaign.counts.enrolled - exact.counts.enrolled) + Math.max(0, campaign.counts.pending - exact.counts.pending);
      return { given, next: { ...campaign, ...exact } };
    });
    if (!settled) continue;
    returned += settled.given;
    // Seats given back, or left free by a sign-up that did not wait for the lease (join.ts): to the list.
    if (settled.next.counts.waitlisted > 0 && hasFreeSeat(settled.next)) await promoteWaiting(db, _id, now);
  }
  return returned;
}
