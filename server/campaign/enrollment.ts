/**
 * Sign-up (报名), approval (审核), the waiting list (候补), quitting (退出) and teams (分组).
 *
 * The campaign document holds the sign-up counters (`counts`, `teamEnrolled`, `waitSeq`) and every change
 * of an enrollment's status moves them in the same transaction, so capacity is never exceeded and the
 * counters always equal the enrollments.
 *
 * Waiting list: a sign-up joins the list when the campaign is full or anyone is already waiting (first come,
 * first served). Whenever a seat may have freed up (a quit, a rejection, a raised capacity), `promoteWaiting`
 * moves the head of the list in: it finds the head with a query, then one transaction re-reads the campaign
 * and that enrollment and promotes only if a seat is still free and the member is still waiting. Racing
 * promoters conflict on the campaign document, so each seat is given once and in order.
 */
import type { CampaignDoc, EnrollmentDoc, EnrollmentStatus, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, txGet, txPut } from '../core';
import type { Database, Tx } from '../core';
import { beijingDate } from '../core/time';
import { recordConversion } from '../share';
import { CAMPAIGN_NOT_FOUND, enrollmentId, findEnrollment, hasInvitation, isEligible } from './access';
import { hotTransaction, hotTransactionIfFree } from './contention';
import { countedDays, txMoveTeamCounts } from './counters';
import { signUpOpen } from './views';

/** Statuses that count in `counts` (the others are history). */
const COUNTED: ReadonlySet<EnrollmentStatus> = new Set(['enrolled', 'pending', 'waitlisted']);

/** Still in the campaign or waiting to be (may quit). */
export function isActiveStatus(status: EnrollmentStatus): boolean {
  return COUNTED.has(status);
}

type Placement = Pick<EnrollmentDoc, 'status' | 'teamId'>;

/** The campaign's counters after an enrollment moves from `before` (null: new) to `after`. */
function movedCounts(campaign: CampaignDoc, before: Placement | null, after: Placement): Pick<CampaignDoc, 'counts' | 'teamEnrolled'> {
  const counts = { ...campaign.counts };
  const teamEnrolled = { ...campaign.teamEnrolled };
  const apply = (placement: Placement, delta: number) => {
    if (placement.status === 'enrolled' || placement.status === 'pending' || placement.status === 'waitlisted') counts[placement.status] += delta;
    if (placement.status === 'enrolled' && placement.teamId !== null) teamEnrolled[placement.teamId] = (teamEnrolled[placement.teamId] ?? 0) + delta;
  };
  if (before) apply(before, -1);
  apply(after, 1);
  return { counts, teamEnrolled };
}

function isFull(campaign: CampaignDoc): boolean {
  return campaign.capacity !== null && campaign.counts.enrolled >= campaign.capacity;
}

/** Where an admitted member goes: a seat, or the waiting list when full or others wait already. */
function admit(campaign: CampaignDoc): { status: 'enrolled' | 'waitlisted'; waitSeq: number | null; nextWaitSeq: number } {
  if (isFull(campaign) || campaign.counts.waitlisted > 0) return { status: 'waitlisted', waitSeq: campaign.waitSeq + 1, nextWaitSeq: campaign.waitSeq + 1 };
  return { status: 'enrolled', waitSeq: null, nextWaitSeq: campaign.waitSeq };
}

export async function txCampaign(tx: Tx, campaignId: string): Promise<CampaignDoc> {
  const campaign = await txGet<CampaignDoc>(tx, COLLECTIONS.campaigns, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
  return campaign;
}

export function newEnrollment(campaignId: string, member: MemberDoc, now: Date): EnrollmentDoc {
  return {
    _id: enrollmentId(campaignId, member._id),
    campaignId,
    memberId: member._id,
    name: member.name,
    employeeNo: member.employeeNo ?? null,
    departmentId: member.departmentId,
    departmentPath: member.departmentPath,
    status: 'pending',
    teamId: null,
    waitSeq: null,
    daysDone: 0,
    madeUpDays: 0,
    currentStreak: 0,
    longestStreak: 0,
    lastCheckinDay: null,
    days: {},
    makeUpCardsUsed: 0,
    milestonesReached: [],
    signedUpAt: now,
    enrolledAt: null,
    decidedAt: null,
    quitAt: null,
    updatedAt: now,
  };
}

/** The team a sign-up asks for, checked against the campaign's team mode. */
export function requestedTeam(campaign: CampaignDoc, teamId: string | undefined): string | null {
  if (campaign.teamMode !== 'chosen') {
    if (teamId !== undefined) throw new AppError('INVALID_INPUT', '该活动的分组由培训管理员安排，报名时无需选择');
    return null;
  }
  if (teamId === undefined) throw new AppError('INVALID_INPUT', '请选择要加入的分组');
  if (!campaign.teams.some((team) => team.id === teamId)) throw new AppError('INVALID_INPUT', '所选分组不存在');
  return teamId;
}

export interface SignUpRequest {
  campaignId: string;
  teamId?: string;
  inviteToken?: string;
}

export interface SignUpOutcome {
  enrollment: EnrollmentDoc;
  campaign: CampaignDoc;
  /** This call changed the enrollment (false: the member was already signed up). */
  changed: boolean;
}

/** A sign-up converts the share that brought the member to the campaign, if any (server/share/conversions.ts). */
export function recordSignUpConversion(db: Database, memberId: string, campaignId: string, at: Date): Promise<void> {
  return recordConversion(db, { memberId, targetKind: 'campaign', targetId: campaignId, at });
}

/**
 * Signs a member up: pending when approval is required, else enrolled or waitlisted. Signing up again while
 * signed up answers the enrollment unchanged; a member who quit may come back (their done days stay).
 */
export async function signUp(db: Database, member: MemberDoc, request: SignUpRequest, now: Date): Promise<SignUpOutcome> {
  const today = beijingDate(now);
  const outcome = await hotTransaction(db, request.campaignId, async (tx): Promise<SignUpOutcome> => {
    const campaign = await txCampaign(tx, request.campaignId);
    const existing = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaign._id, member._id));
    if (existing && isActiveStatus(existing.status)) return { enrollment: existing, campaign, changed: false };
    if (campaign.status === 'draft') throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
    if (existing?.status === 'rejected') throw new AppError('SIGNUP_REJECTED');
    if (!existing && !isEligible(member, campaign, now) && !hasInvitation(campaign, request.inviteToken)) {
      throw new AppError('NOT_ELIGIBLE', campaign.inviteOnly ? '该活动仅限受邀成员，请通过邀请链接报名' : undefined);
    }
    if (!signUpOpen(campaign, today)) throw new AppError('SIGNUP_CLOSED');
    const chosen = requestedTeam(campaign, request.teamId);
    const base = existing ?? newEnrollment(campaign._id, member, now);
    const teamId = campaign.teamMode === 'chosen' ? chosen : campaign.teamMode === 'assigned' ? base.teamId : null;
    let next: EnrollmentDoc;
    let waitSeq = campaign.waitSeq;
    if (campaign.approvalRequired) {
      next = { ...base, status: 'pending', teamId, waitSeq: null, signedUpAt: now, decidedAt: null, quitAt: null, updatedAt: now };
    } else {
      const placed = admit(campaign);
      waitSeq = placed.nextWaitSeq;
      next = {
        ...base,
        status: placed.status,
        teamId,
        waitSeq: placed.waitSeq,
        signedUpAt: now,
        enrolledAt: placed.status === 'enrolled' ? now : base.enrolledAt,
        quitAt: null,
        updatedAt: now,
      };
    }
    if (existing && existing.teamId !== teamId) await txMoveTeamCounts(tx, campaign._id, member._id, existing.teamId, teamId, countedDays(existing));
    const moved = movedCounts(campaign, null, next);
    const updated: CampaignDoc = { ...campaign, ...moved, waitSeq, updatedAt: campaign.updatedAt };
    await txPut(tx, COLLECTIONS.campaigns, updated);
    await txPut(tx, COLLECTIONS.campaignEnrollments, next);
    return { enrollment: next, campaign: updated, changed: true };
  });
  if (outcome.changed) {
    await recordSignUpConversion(db, member._id, request.campaignId, now);
    if (outcome.enrollment.status === 'waitlisted' && !isFull(outcome.campaign)) {
      await promoteWaiting(db, request.campaignId, now);
      return { ...outcome, enrollment: (await findEnrollment(db, request.campaignId, member._id)) ?? outcome.enrollment };
    }
  }
  return outcome;
}

/** Changes an enrollment's status (and team) with the counters, in one transaction. */
async function txChangeStatus(
  tx: Tx,
  campaign: CampaignDoc,
  enrollment: EnrollmentDoc,
  change: Partial<EnrollmentDoc> & Pick<EnrollmentDoc, 'status'>,
  extra: Partial<CampaignDoc> = {},
): Promise<EnrollmentDoc> {
  const next: EnrollmentDoc = { ...enrollment, ...change };
  await txPut(tx, COLLECTIONS.campaigns, { ...campaign, ...movedCounts(campaign, enrollment, next), ...extra });
  await txPut(tx, COLLECTIONS.campaignEnrollments, next);
  return next;
}

/** 退出. The seat goes to the first member waiting. */
export async function quit(db: Database, member: MemberDoc, campaignId: string, now: Date): Promise<{ enrollment: EnrollmentDoc; campaign: CampaignDoc }> {
  // Refused before taking the campaign's lease, so a refusal writes nothing; the transaction checks again.
  const current = await findEnrollment(db, campaignId, member._id);
  if (!current || !isActiveStatus(current.status)) throw new AppError('NOT_ENROLLED');
  const outcome = await hotTransaction(db, campaignId, async (tx) => {
    const campaign = await txCampaign(tx, campaignId);
    const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaignId, member._id));
    if (!enrollment || !isActiveStatus(enrollment.status)) throw new AppError('NOT_ENROLLED');
    if (campaign.status !== 'published') throw new AppError('CAMPAIGN_STATE', '活动已结束，无需退出');
    const next = await txChangeStatus(tx, campaign, enrollment, { status: 'quit', waitSeq: null, quitAt: now, updatedAt: now });
    return { enrollment: next, campaign, freedSeat: enrollment.status === 'enrolled' };
  });
  if (outcome.freedSeat) await promoteWaiting(db, campaignId, now);
  return { enrollment: outcome.enrollment, campaign: outcome.campaign };
}

/** At most this many members are promoted per call (a large capacity raise finishes on later calls). */
const MAX_PROMOTIONS_PER_CALL = 100;

/**
 * Moves waiting members into free seats, in waiting-list order; answers how many moved. `patient: false`
 * (a sign-up that saw a seat free while members wait): stops when another writer holds the campaign's lease
 * rather than wait for it; that writer, the next one, or the timer's reconcileSeats (seats.ts) promotes.
 */
export async function promoteWaiting(db: Database, campaignId: string, now: Date, patient = true): Promise<number> {
  let promoted = 0;
  for (let round = 0; round < MAX_PROMOTIONS_PER_CALL * 2 && promoted < MAX_PROMOTIONS_PER_CALL; round += 1) {
    const { data } = (await db
      .collection(COLLECTIONS.campaignEnrollments)
      .where({ campaignId, status: 'waitlisted' })
      .orderBy('waitSeq', 'asc')
      .limit(1)
      .get()) as unknown as { data: EnrollmentDoc[] };
    const head = data[0];
    if (!head) return promoted;
    const step = async (tx: Tx): Promise<'promoted' | 'full' | 'stale'> => {
      const campaign = await txCampaign(tx, campaignId);
      if (campaign.status !== 'published' || isFull(campaign)) return 'full';
      const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, head._id);
      // Someone else promoted (or the member quit) since the query: look for the new head.
      if (enrollment?.status !== 'waitlisted') return 'stale';
      await txChangeStatus(tx, campaign, enrollment, { status: 'enrolled', waitSeq: null, enrolledAt: now, updatedAt: now });
      return 'promoted';
    };
    const result = patient ? await hotTransaction(db, campaignId, step) : await hotTransactionIfFree(db, campaignId, step);
    if (result === 'full' || result === null) return promoted;
    if (result === 'promoted') promoted += 1;
  }
  return promoted;
}

/** What a decision does to one enrollment: a change, nothing (already decided so), or a refusal. */
type DecisionStep = { kind: 'change'; next: EnrollmentDoc; waitSeq: number; freedSeat: boolean } | { kind: 'unchanged' | 'refused'; reason: string };

const NOT_PENDING = '该报名不在待审核状态';
const NOT_ACTIVE = '该成员已退出或已被拒绝';

/** Approve a pending sign-up (a seat, or the waiting list); reject a pending, waiting or enrolled member. */
function decisionStep(campaign: CampaignDoc, enrollment: EnrollmentDoc, decision: 'approve' | 'reject', now: Date): DecisionStep {
  if (decision === 'approve') {
    if (enrollment.status === 'enrolled' || enrollment.status === 'waitlisted') return { kind: 'unchanged', reason: NOT_PENDING };
    if (enrollment.status !== 'pending') return { kind: 'refused', reason: NOT_PENDING };
    const placed = admit(campaign);
    const next: EnrollmentDoc = {
      ...enrollment,
      status: placed.status,
      waitSeq: placed.waitSeq,
      enrolledAt: placed.status === 'enrolled' ? now : enrollment.enrolledAt,
      decidedAt: now,
      updatedAt: now,
    };
    return { kind: 'change', next, waitSeq: placed.nextWaitSeq, freedSeat: false };
  }
  if (enrollment.status === 'rejected') return { kind: 'unchanged', reason: NOT_ACTIVE };
  if (!isActiveStatus(enrollment.status)) return { kind: 'refused', reason: NOT_ACTIVE };
  const next: EnrollmentDoc = { ...enrollment, status: 'rejected', waitSeq: null, decidedAt: now, updatedAt: now };
  return { kind: 'change', next, waitSeq: campaign.waitSeq, freedSeat: enrollment.status === 'enrolled' };
}

/** 审核 by a manager: approve a pending sign-up, or reject a pending, waiting or enrolled member. */
export async function decide(
  db: Database,
  campaignId: string,
  memberId: string,
  decision: 'approve' | 'reject',
  now: Date,
): Promise<{ enrollment: EnrollmentDoc; campaign: CampaignDoc }> {
  const outcome = await hotTransaction(db, campaignId, async (tx) => {
    const campaign = await txCampaign(tx, campaignId);
    const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaignId, memberId));
    if (!enrollment) throw new AppError('NOT_FOUND', '报名记录不存在');
    const step = decisionStep(campaign, enrollment, decision, now);
    if (step.kind !== 'change') throw new AppError('CAMPAIGN_STATE', step.reason);
    const { next, waitSeq, freedSeat } = step;
    await txChangeStatus(tx, campaign, enrollment, next, { waitSeq });
    return { enrollment: next, campaign, freedSeat };
  });
  if (outcome.freedSeat) await promoteWaiting(db, campaignId, now);
  return { enrollment: outcome.enrollment, campaign: outcome.campaign };
}

export interface BulkDecisionOutcome {
  campaign: CampaignDoc;
  decided: EnrollmentDoc[];
  unchanged: string[];
  refused: { memberId: string; reason: string }[];
}

/**
 * 批量审核: one transaction reads the campaign and every named enrollment, applies the decision member by
 * member in the order given (so approvals fill free seats in that order, then the waiting list), and writes
 * the campaign's counters once. Racing bulk or single decisions take turns on the campaign's lease and
 * re-read inside the transaction, so a member is decided once and the counters stay exact.
 */
export async function decideMany(
  db: Database,
  campaignId: string,
  memberIds: readonly string[],
  decision: 'approve' | 'reject',
  now: Date,
): Promise<BulkDecisionOutcome> {
  const ids = [...new Set(memberIds)];
  const outcome = await hotTransaction(db, campaignId, async (tx) => {
    let campaign = await txCampaign(tx, campaignId);
    const enrollments = await Promise.all(ids.map((memberId) => txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaignId, memberId))));
    const result: Omit<BulkDecisionOutcome, 'campaign'> & { freedSeat: boolean } = { decided: [], unchanged: [], refused: [], freedSeat: false };
    for (const [i, memberId] of ids.entries()) {
      const enrollment = enrollments[i];
      if (!enrollment) {
        result.refused.push({ memberId, reason: '报名记录不存在' });
        continue;
      }
      const step = decisionStep(campaign, enrollment, decision, now);
      if (step.kind === 'unchanged') result.unchanged.push(memberId);
      if (step.kind === 'refused') result.refused.push({ memberId, reason: step.reason });
      if (step.kind !== 'change') continue;
      campaign = { ...campaign, ...movedCounts(campaign, enrollment, step.next), waitSeq: step.waitSeq };
      await txPut(tx, COLLECTIONS.campaignEnrollments, step.next);
      result.decided.push(step.next);
      result.freedSeat ||= step.freedSeat;
    }
    if (result.decided.length > 0) await txPut(tx, COLLECTIONS.campaigns, campaign);
    return { ...result, campaign };
  });
  if (outcome.freedSeat) await promoteWaiting(db, campaignId, now);
  const { freedSeat: _freed, ...rest } = outcome;
  return rest;
}

/** 分组 by a manager: the member's team enrolment and check-in counters move with them. */
export async function assignTeam(
  db: Database,
  campaignId: string,
  memberId: string,
  teamId: string,
  now: Date,
): Promise<{ enrollment: EnrollmentDoc; campaign: CampaignDoc }> {
  return hotTransaction(db, campaignId, async (tx) => {
    const campaign = await txCampaign(tx, campaignId);
    if (campaign.teamMode === 'none') throw new AppError('CAMPAIGN_STATE', '该活动没有分组');
    if (!campaign.teams.some((team) => team.id === teamId)) throw new AppError('INVALID_INPUT', '所选分组不存在');
    const enrollment = await txGet<EnrollmentDoc>(tx, COLLECTIONS.campaignEnrollments, enrollmentId(campaignId, memberId));
    if (!enrollment || !isActiveStatus(enrollment.status)) throw new AppError('NOT_FOUND', '该成员没有参加此活动');
    if (enrollment.teamId === teamId) return { enrollment, campaign };
    await txMoveTeamCounts(tx, campaignId, memberId, enrollment.teamId, teamId, countedDays(enrollment));
    const next = await txChangeStatus(tx, campaign, enrollment, { status: enrollment.status, teamId, updatedAt: now });
    return { enrollment: next, campaign };
  });
}

/** 1-based place on the waiting list (one count over the list's index). */
export async function waitPosition(db: Database, enrollment: EnrollmentDoc): Promise<number | null> {
  if (enrollment.status !== 'waitlisted' || enrollment.waitSeq === null) return null;
  const { total } = (await db
    .collection(COLLECTIONS.campaignEnrollments)
    .where({ campaignId: enrollment.campaignId, status: 'waitlisted', waitSeq: db.command.lt(enrollment.waitSeq) })
    .count()) as unknown as { total: number };
  return total + 1;
}
