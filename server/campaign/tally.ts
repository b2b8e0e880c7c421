/**
 * The check-in tally: what a check-in for today leaves to be derived after its call (checkin.ts).
 *
 * The campaign function's timer runs `tallyCheckins` every 10 s. For each check-in not yet counted it first
 * completes what the check-in's own call may have left when it stopped (`applyDay`: the points, then the day
 * on the enrollment; both idempotent), then one transaction re-reads the check-in, adds it to the member's
 * counter shard under the member's current team, marks it counted and marks its day counted on the
 * enrollment (`pendingDays`). Because the transaction re-reads `counted`, overlapping tallies count a
 * check-in once; a tally killed anywhere leaves the check-in uncounted for the next one, and overlapping runs
 * take a backlog from different places (server/core/backlog.ts). The counters (the
 * trainer's dashboard, team PK) lag the check-ins by the timer's period.
 */
import type { CampaignDoc, CheckinDoc, EnrollmentDoc } from '../../typings/domain';
import { COLLECTIONS, txGet } from '../core';
import type { Database } from '../core';
import { drainBacklog } from '../core/backlog';
import { inParallel } from '../core/parallel';
import { transactWithBackoff } from '../core/transaction';
import { enrollmentId, findEnrollment, loadCampaign } from './access';
import { applyDay } from './checkin';
import { txCountCheckin } from './counters';

/** Check-ins per query of the tally, and check-ins settled at once. Chosen. */
const TALLY_BATCH = 200;
const TALLY_IN_FLIGHT = 8;

export interface CheckinTallyOptions {
  /** Only this campaign's check-ins; every campaign's when absent (the timer). */
  campaignId?: string;
  /** Stop starting new batches after this many milliseconds (the timer's budget within its timeout). */
  budgetMs?: number;
}

/** Counts one check-in once (see the module comment); answers whether this call counted it. */
function countCheckin(db: Database, id: string): Promise<boolean> {
  return transactWithBackoff(db, async (tx) => {
    const checkin = await txGet<CheckinDoc>(tx, COLLECTIONS.campaignCheckins, id);
    if (checkin?.counted !== false) return false;
    const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(checkin.campaignId, checkin.memberId));
    await txCountCheckin(tx, checkin.campaignId, checkin.memberId, enrollment?.teamId ?? null, checkin.day, checkin.kind);
    await tx
      .collection(COLLECTIONS.campaignCheckins)
      .doc(id)
      .update({ data: { counted: true } });
    if (enrollment)
      await tx
        .collection(COLLECTIONS.campaignEnrollments)
        .doc(enrollment._id)
        .update({ data: { [`pendingDays.${checkin.day}`]: false } });
    return true;
  });
}

export async function tallyCheckins(db: Database, now: Date, options: CheckinTallyOptions = {}): Promise<{ counted: number; more: boolean }> {
  const started = Date.now();
  const scope = options.campaignId === undefined ? {} : { campaignId: options.campaignId };
  const campaigns = new Map<string, Promise<CampaignDoc>>();
  let counted = 0;
  const settle = async (checkin: CheckinDoc): Promise<void> => {
    const enrollment = await findEnrollment(db, checkin.campaignId, checkin.memberId);
    if (enrollment && enrollment.days[checkin.day] === undefined) {
      if (!campaigns.has(checkin.campaignId)) campaigns.set(checkin.campaignId, loadCampaign(db, checkin.campaignId));
      await applyDay(db, await (campaigns.get(checkin.campaignId) as Promise<CampaignDoc>), checkin, enrollment, now);
    }
    if (await countCheckin(db, checkin._id)) counted += 1;
  };
  const within = (): boolean => options.budgetMs === undefined || Date.now() - started < options.budgetMs;
  const more = await drainBacklog<CheckinDoc>(db, COLLECTIONS.campaignCheckins, { ...scope, counted: false }, { batch: TALLY_BATCH, within }, async (batch) => {
    await inParallel(batch, TALLY_IN_FLIGHT, settle);
  });
  return { counted, more };
}
