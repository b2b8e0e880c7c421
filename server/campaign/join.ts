/**
 * 报名 as the signUp action runs it: a member's first sign-up takes a seat, a pending place or a place on
 * the waiting list (seats.ts) and inserts the enrollment under its deterministic id, on the campaign as this
 * instance keeps it (kept.ts). Everything else (a member coming back after quitting, a rejected member, a
 * sign-up whose every try lost to others) runs the campaign's transaction (enrollment.ts `signUp`), as
 * every sign-up did before.
 *
 * Database operations of a first sign-up on a warm instance, besides the caller check: the enrollment (1),
 * the seat (1), the enrollment's insert (1) and the share conversion's read (1): 4, 5 with the caller
 * check (a cold instance reads the campaign too). Asserted by test/server/campaign/operations.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { CampaignDoc, EnrollmentDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS } from '../core';
import type { Backoff, Database } from '../core';
import { backoffPause } from '../core/transaction';
import { beijingDate } from '../core/time';
import { CAMPAIGN_NOT_FOUND, canSeeCampaign, findEnrollment, hasInvitation, isEligible } from './access';
import { isActiveStatus, newEnrollment, promoteWaiting, recordSignUpConversion, requestedTeam, signUp } from './enrollment';
import type { SignUpOutcome, SignUpRequest } from './enrollment';
import { decideOnKept, freshCampaign } from './kept';
import { giveBackSeat, hasFreeSeat, takeSeat, takeWaitPlace, wouldWait } from './seats';
import type { Seat } from './seats';
import { signUpOpen } from './views';

type Decision =
  | { kind: 'unchanged'; campaign: CampaignDoc; enrollment: EnrollmentDoc }
  | { kind: 'transaction' }
  | { kind: 'seat'; campaign: CampaignDoc; seat: Seat };

/**
 * What a sign-up does on `campaign`, or the refusal, in the order the transaction checks them. `trustCounts`:
 * the copy was just read, so a full campaign or a waiting list means a place on the list (a kept copy's
 * counters are left to the seat's condition).
 */
function decide(member: MemberDoc, campaign: CampaignDoc, enrollment: EnrollmentDoc | null, request: SignUpRequest, now: Date, trustCounts: boolean): Decision {
  if (!canSeeCampaign(member, campaign, enrollment, now, request.inviteToken)) throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
  if (enrollment && isActiveStatus(enrollment.status)) return { kind: 'unchanged', campaign, enrollment };
  if (enrollment) return { kind: 'transaction' };
  if (campaign.status === 'draft') throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
  if (!isEligible(member, campaign, now) && !hasInvitation(campaign, request.inviteToken)) {
    throw new AppError('NOT_ELIGIBLE', campaign.inviteOnly ? '该活动仅限受邀成员，请通过邀请链接报名' : undefined);
  }
  if (!signUpOpen(campaign, beijingDate(now))) throw new AppError('SIGNUP_CLOSED');
  const teamId = requestedTeam(campaign, request.teamId);
  if (campaign.approvalRequired) return { kind: 'seat', campaign, seat: { status: 'pending', teamId } };
  return { kind: 'seat', campaign, seat: { status: trustCounts && wouldWait(campaign) ? 'waitlisted' : 'enrolled', teamId } };
}

/**
 * Tries of a seat or a waiting-list place before the transaction decides. Each lost try read the campaign
 * again; a crowd joining the waiting list at once competes for each number, so a lost number waits a random
 * pause (10 ms doubling up to 800 ms) that spreads the crowd out: at most about 10 s in all, within the
 * function's 20 s.
 */
const SEAT_TRIES = 30;
const SEAT_BACKOFF: Backoff = { rounds: SEAT_TRIES, attemptsPerRound: 1, baseMs: 10, capMs: 800 };

/** Signs a member up (see the module comment); NOT_FOUND when they may not see the campaign. */
export async function joinCampaign(db: Database, member: MemberDoc, request: SignUpRequest, now: Date): Promise<SignUpOutcome> {
  const enrollmentRead = findEnrollment(db, request.campaignId, member._id);
  // Awaited below; this only keeps a failure while the campaign is read from going unhandled.
  enrollmentRead.catch(() => undefined);
  let decision = await decideOnKept(db, request.campaignId, async (campaign) => decide(member, campaign, await enrollmentRead, request, now, false));
  for (let tries = 1; decision.kind === 'seat' && tries <= SEAT_TRIES; tries += 1) {
    const { campaign, seat } = decision;
    if (seat.status === 'waitlisted') {
      const waitSeq = await takeWaitPlace(db, campaign, now);
      if (waitSeq !== null) return settle(db, member, campaign, { ...seat, waitSeq }, now);
      await backoffPause(SEAT_BACKOFF, tries);
    } else if (await takeSeat(db, campaign, seat, now)) {
      return settle(db, member, campaign, seat, now);
    }
    // Full, someone waiting, another member took the number, or the campaign changed: decide again on a fresh read.
    decision = decide(member, await freshCampaign(db, request.campaignId), null, request, now, true);
  }
  if (decision.kind === 'unchanged') return { enrollment: decision.enrollment, campaign: decision.campaign, changed: false };
  return signUp(db, member, request, now);
}

/** Inserts the enrollment of a seat taken; a racing request of the same member inserted first: its seat goes back. */
async function settle(db: Database, member: MemberDoc, campaign: CampaignDoc, seat: Seat, now: Date): Promise<SignUpOutcome> {
  const base = newEnrollment(campaign._id, member, now);
  const enrollment: EnrollmentDoc = {
    ...base,
    status: seat.status,
    teamId: seat.teamId,
    waitSeq: seat.waitSeq ?? null,
    enrolledAt: seat.status === 'enrolled' ? now : null,
  };
  // Tells this call's insert from a racing one's when the insert's answer is lost.
  const token = randomUUID();
  try {
    await db.collection(COLLECTIONS.campaignEnrollments).add({ data: { ...enrollment, seatToken: token } satisfies EnrollmentDoc });
  } catch (err) {
    const found = await findEnrollment(db, campaign._id, member._id);
    if (found?.seatToken === token) return inserted(db, member, campaign, found, now);
    await giveBackSeat(db, campaign._id, seat, now);
    if (!found) throw err;
    return { enrollment: found, campaign, changed: false };
  }
  return inserted(db, member, campaign, enrollment, now);
}

async function inserted(db: Database, member: MemberDoc, campaign: CampaignDoc, enrollment: EnrollmentDoc, now: Date): Promise<SignUpOutcome> {
  await recordSignUpConversion(db, member._id, campaign._id, now);
  if (enrollment.status !== 'waitlisted') return { enrollment, campaign, changed: true };
  // A seat freed while this member took their place (its promoter may not have seen them yet) goes to the list.
  const fresh = await freshCampaign(db, campaign._id);
  if (!hasFreeSeat(fresh)) return { enrollment, campaign, changed: true };
  if ((await promoteWaiting(db, campaign._id, now, false)) === 0) return { enrollment, campaign, changed: true };
  return { enrollment: (await findEnrollment(db, campaign._id, member._id)) ?? enrollment, campaign, changed: true };
}
