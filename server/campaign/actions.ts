/**
 * Area `campaign`: group check-in campaigns (打卡活动). The core actions live here; the engagement half
 * (feed, leaderboards, certificates, reminders, dashboard) is spread in from ./engagement.
 */
import type { CampaignDoc, CheckinDoc, EnrollmentDoc, MemberDoc } from '../../typings/domain';
import { campaignContracts } from '../../typings/functions/campaign';
import type { BulkDecisionResult, CalendarView, CampaignDetail, CampaignSummary, StreakView } from '../../typings/functions/campaign';
import type { Page, PageInput } from '../../typings/functions/paging';
import { AppError, assertOwnUploads, checkTexts, COLLECTIONS, defineAction, defineFunction, findById, findPage, loadMediaGate, pageOf } from '../core';
import type { Database, SortKey, WxCloud } from '../core';
import { departmentAncestors } from '../assignment';
import { deriveAudiences } from '../core';
import { notify } from '../core/notify';
import type { NotificationDraft } from '../core/notify';
import { beijingDate } from '../core/time';
import { payableToday, readCapWarnings } from '../points';
import { campaignScopeCondition, movesScope, enrollmentId, findEnrollment, isEnrolled, loadManagedCampaign, loadVisibleCampaign } from './access';
import { runCampaignTimer } from './timer';
import { joinCampaign } from './join';
import { readCheckinTotals } from './counters';
import { withTimer } from '../core/timer';
import { checkIn as submitCheckin, checkinId, makeUp as submitMakeUp, makeUpWindowOpen } from './checkin';
import { acceptsCheckins, isPlannedDay, plannedDays } from './days';
import { archiveCampaign, campaignScopeChoices, createCampaign, endCampaign, managerScope, moveCampaignScope, publishCampaign, updateCampaign } from './edit';
import type { CampaignFields } from './edit';
import { assignTeam as assignMemberTeam, decide as decideSignUp, decideMany as decideSignUps, quit as quitCampaign, waitPosition } from './enrollment';
import { currentStreakOn } from './streak';
import { campaignAdminView, campaignDetail, campaignPromises, campaignSummary, cardsLeft, checkinView, enrollmentView, managedRow, memberRow } from './views';
import { engagementActions } from './engagement';

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'publishedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/** The caller's enrollment status in each listed campaign (one query for the page). */
async function myStatuses(db: Database, memberId: string, campaignIds: readonly string[]): Promise<Map<string, EnrollmentDoc['status']>> {
  if (campaignIds.length === 0) return new Map();
  const { data } = (await db
    .collection(COLLECTIONS.campaignEnrollments)
    .where({ _id: db.command.in(campaignIds.map((id) => enrollmentId(id, memberId))) })
    .field({ campaignId: true, status: true })
    .limit(campaignIds.length)
    .get()) as unknown as { data: Pick<EnrollmentDoc, 'campaignId' | 'status'>[] };
  return new Map(data.map((row) => [row.campaignId, row.status]));
}

/**
 * Published campaigns a member may join: not invitation-only, in one of the departments (or none listed)
 * and one of the audiences (or none listed). `restricted*` flags keep documents without the lists open.
 */
function eligibleFilter(db: Database, member: MemberDoc, now: Date): Record<string, unknown> {
  const _ = db.command;
  const audiences = deriveAudiences(member, now);
  return _.and([
    { status: 'published', inviteOnly: _.neq(true) },
    _.or([{ restrictedDepartments: _.neq(true) }, { departmentIds: _.in(departmentAncestors(member.departmentId)) }]),
    _.or([{ restrictedAudiences: _.neq(true) }, ...(audiences.length > 0 ? [{ audiences: _.in(audiences) }] : [])]),
  ]) as unknown as Record<string, unknown>;
}

async function summariesWithStatus(db: Database, member: MemberDoc, campaigns: CampaignDoc[], today: string): Promise<CampaignSummary[]> {
  const statuses = await myStatuses(
    db,
    member._id,
    campaigns.map((campaign) => campaign._id),
  );
  return campaigns.map((campaign) => campaignSummary(campaign, today, statuses.get(campaign._id) ?? null));
}

export const list = defineAction({
  ...campaignContracts.list,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<Page<CampaignSummary>> => {
    const at = now();
    const found = await findPage<CampaignDoc>(db, COLLECTIONS.campaigns, eligibleFilter(db, caller.member, at), NEWEST_FIRST, input);
    const items = await summariesWithStatus(db, caller.member, found.docs, beijingDate(at));
    return { ...pageOf(found, input, (doc) => doc), items };
  },
});

export const mine = defineAction({
  ...campaignContracts.mine,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<Page<CampaignSummary>> => {
    const filter = { memberId: caller.member._id, status: db.command.in(['pending', 'waitlisted', 'enrolled']) };
    const found = await findPage<EnrollmentDoc>(
      db,
      COLLECTIONS.campaignEnrollments,
      filter,
      [
        { field: 'signedUpAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    const ids = found.docs.map((enrollment) => enrollment.campaignId);
    const { data } = (ids.length > 0
      ? await db
          .collection(COLLECTIONS.campaigns)
          .where({ _id: db.command.in(ids) })
          .limit(ids.length)
          .get()
      : { data: [] }) as unknown as { data: CampaignDoc[] };
    const byId = new Map(data.map((campaign) => [campaign._id, campaign]));
    const today = beijingDate(now());
    const items = found.docs.flatMap((enrollment) => {
      const campaign = byId.get(enrollment.campaignId);
      return campaign ? [campaignSummary(campaign, today, enrollment.status)] : [];
    });
    return { ...pageOf(found, input, (doc) => doc), items };
  },
});

async function detailOf(db: Database, member: MemberDoc, campaignId: string, at: Date, inviteToken?: string): Promise<CampaignDetail> {
  const { campaign, enrollment, manager } = await loadVisibleCampaign(db, member, campaignId, at, inviteToken);
  const today = beijingDate(at);
  const checkedInToday = enrollment?.days?.[today] !== undefined;
  // What today's check-in really pays (the rules' daily caps, after today's earnings): only when it can happen.
  const canCheckIn = enrollment?.status === 'enrolled' && !checkedInToday && isPlannedDay(campaign, today) && (campaign.pointsPerCheckin ?? 0) > 0;
  return campaignDetail(campaign, {
    today,
    enrollment: enrollment ? enrollmentView(campaign, enrollment, today, await waitPosition(db, enrollment)) : null,
    checkedInToday,
    canManage: manager,
    todayCheckinPoints: canCheckIn ? await payableToday(db, member._id, 'checkin', campaign.pointsPerCheckin ?? 0, at) : null,
  });
}

export const detail = defineAction({
  ...campaignContracts.detail,
  roles: ['learner'],
  handler: ({ db, caller, input, now }) => detailOf(db, caller.member, input.campaignId, now(), input.inviteToken),
});

export const signUp = defineAction({
  ...campaignContracts.signUp,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    // Visibility first (join.ts), so a campaign the caller may not see answers NOT_FOUND whatever else is wrong.
    const { enrollment, campaign } = await joinCampaign(db, caller.member, input, at);
    return { enrollment: enrollmentView(campaign, enrollment, beijingDate(at), await waitPosition(db, enrollment)) };
  },
});

export const quit = defineAction({
  ...campaignContracts.quit,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    await loadVisibleCampaign(db, caller.member, input.campaignId, at);
    const { enrollment, campaign } = await quitCampaign(db, caller.member, input.campaignId, at);
    return enrollmentView(campaign, enrollment, beijingDate(at), null);
  },
});

export const checkIn = defineAction({
  ...campaignContracts.checkIn,
  roles: ['learner'],
  handler: ({ db, cloud, caller, input, now }) => submitCheckin({ db, cloud, openid: caller.openid, member: caller.member, now: now() }, input),
});

export const makeUp = defineAction({
  ...campaignContracts.makeUp,
  roles: ['learner'],
  handler: ({ db, cloud, caller, input, now }) => submitMakeUp({ db, cloud, openid: caller.openid, member: caller.member, now: now() }, input),
});

export const myCheckin = defineAction({
  ...campaignContracts.myCheckin,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }) => {
    const { campaign } = await loadVisibleCampaign(db, caller.member, input.campaignId, now());
    const checkin = await findById<CheckinDoc>(db, COLLECTIONS.campaignCheckins, checkinId(campaign._id, caller.member._id, input.day));
    return checkin ? checkinView(campaign, checkin, { gate: await loadMediaGate(db, checkin.pictures), viewerId: caller.member._id }) : null;
  },
});

/** The caller's enrollment in a campaign they may see (any status), or NOT_ENROLLED. */
async function myEnrollment(db: Database, member: MemberDoc, campaignId: string, at: Date): Promise<{ campaign: CampaignDoc; enrollment: EnrollmentDoc }> {
  const { campaign, enrollment } = await loadVisibleCampaign(db, member, campaignId, at);
  if (!enrollment) throw new AppError('NOT_ENROLLED');
  return { campaign, enrollment };
}

export const calendar = defineAction({
  ...campaignContracts.calendar,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<CalendarView> => {
    const at = now();
    const today = beijingDate(at);
    const { campaign, enrollment } = await myEnrollment(db, caller.member, input.campaignId, at);
    const left = cardsLeft(campaign, enrollment);
    const canMakeUp = isEnrolled(enrollment) && acceptsCheckins(campaign) && left > 0;
    return {
      campaignId: campaign._id,
      today,
      days: plannedDays(campaign).map((day, i) => {
        const kind = enrollment.days[day];
        const status = kind === 'on_time' ? 'done' : kind === 'made_up' ? 'made_up' : day === today ? 'today' : day < today ? 'missed' : 'upcoming';
        return { day, index: i + 1, status, canMakeUp: status === 'missed' && canMakeUp && makeUpWindowOpen(campaign, day, today) };
      }),
      makeUpCardsLeft: left,
      currentStreak: currentStreakOn(campaign, enrollment, today),
      longestStreak: enrollment.longestStreak,
    };
  },
});

export const streak = defineAction({
  ...campaignContracts.streak,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<StreakView> => {
    const at = now();
    const { campaign, enrollment } = await myEnrollment(db, caller.member, input.campaignId, at);
    return {
      currentStreak: currentStreakOn(campaign, enrollment, beijingDate(at)),
      longestStreak: enrollment.longestStreak,
      daysDone: enrollment.daysDone,
      totalDays: plannedDays(campaign).length,
      milestonesReached: enrollment.milestonesReached,
      nextMilestone: campaign.streakMilestones.find((milestone) => !enrollment.milestonesReached.includes(milestone.days)) ?? null,
    };
  },
});

// Trainers and admins.

const MANAGED_ORDER: readonly SortKey[] = [
  { field: 'updatedAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export const managed = defineAction({
  ...campaignContracts.managed,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input, now }) => {
    const scope = managerScope(caller.member);
    if (scope === null) throw new AppError('FORBIDDEN');
    const conditions: Record<string, unknown>[] = [];
    if (input.status) conditions.push({ status: input.status });
    const inScope = campaignScopeCondition(db, scope);
    if (inScope) conditions.push(inScope);
    const filter = conditions.length === 0 ? { _id: db.command.exists(true) } : (db.command.and(conditions) as unknown as Record<string, unknown>);
    const today = beijingDate(now());
    const found = await findPage<CampaignDoc>(db, COLLECTIONS.campaigns, filter, MANAGED_ORDER, input);
    // Only campaigns past their first day have check-ins to count.
    const checkins = await readCheckinTotals(
      db,
      found.docs.filter((campaign) => campaign.startDay <= today).map((campaign) => campaign._id),
    );
    return pageOf(found, input, (campaign) => managedRow(campaign, today, checkins.get(campaign._id) ?? 0));
  },
});

/** The trainer's view, warning of promised points the earning rules' caps would cut (one read of the rules when it promises any). */
async function adminViewOf(db: Database, campaign: CampaignDoc, at: Date, member: MemberDoc) {
  const warnings = await readCapWarnings(db, campaignPromises(campaign));
  return campaignAdminView(
    campaign,
    { today: beijingDate(at), enrollment: null, checkedInToday: false, canManage: true },
    movesScope(member, campaign),
    warnings,
  );
}

export const get = defineAction({
  ...campaignContracts.get,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input, now }) => adminViewOf(db, await loadManagedCampaign(db, caller.member, input.campaignId), now(), caller.member),
});

/** What members read of a campaign passes WeChat's content check, as their own texts do (server/core/wechat.ts). */
async function checkCampaignTexts(
  cloud: WxCloud,
  openid: string,
  fields: Partial<Pick<CampaignFields, 'title' | 'summary' | 'tasks' | 'teams'>>,
): Promise<void> {
  await checkTexts(cloud, openid, [fields.title, fields.summary, ...(fields.tasks ?? []).map((task) => task.prompt)], 'forum');
  await checkTexts(
    cloud,
    openid,
    (fields.teams ?? []).map((team) => team.name),
    'profile',
  );
}

export const create = defineAction({
  ...campaignContracts.create,
  roles: ['trainer', 'admin'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const { requestId, scopeDepartmentId, ...fields } = input;
    assertOwnUploads(caller.openid, [fields.cover]);
    await checkCampaignTexts(cloud, caller.openid, fields);
    return adminViewOf(db, await createCampaign(db, caller.member, fields, requestId, at, scopeDepartmentId), at, caller.member);
  },
});

export const scopeChoices = defineAction({
  ...campaignContracts.scopeChoices,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input }) => campaignScopeChoices(db, caller.member, input.move),
});

export const moveScope = defineAction({
  ...campaignContracts.moveScope,
  roles: ['admin'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    return adminViewOf(db, await moveCampaignScope(db, caller.member, input.campaignId, input.scopeDepartmentId, at), at, caller.member);
  },
});

export const update = defineAction({
  ...campaignContracts.update,
  roles: ['trainer', 'admin'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const { campaignId, ...changes } = input;
    const campaign = await loadManagedCampaign(db, caller.member, campaignId);
    assertOwnUploads(caller.openid, [changes.cover], { kept: [campaign.cover] });
    await checkCampaignTexts(cloud, caller.openid, changes);
    return adminViewOf(db, await updateCampaign(db, caller.member, campaign, changes, at), at, caller.member);
  },
});

/** A life-cycle step of a managed campaign. */
function lifecycleAction(contract: typeof campaignContracts.publish, step: (db: Database, campaignId: string, at: Date) => Promise<CampaignDoc>) {
  return defineAction({
    ...contract,
    roles: ['trainer', 'admin'],
    handler: async ({ db, caller, input, now }) => {
      const at = now();
      await loadManagedCampaign(db, caller.member, input.campaignId);
      return adminViewOf(db, await step(db, input.campaignId, at), at, caller.member);
    },
  });
}

export const publish = lifecycleAction(campaignContracts.publish, publishCampaign);
export const end = lifecycleAction(campaignContracts.end, endCampaign);
export const archive = lifecycleAction(campaignContracts.archive, archiveCampaign);

export const members = defineAction({
  ...campaignContracts.members,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input, now }) => {
    const campaign = await loadManagedCampaign(db, caller.member, input.campaignId);
    const filter: Record<string, unknown> = { campaignId: campaign._id };
    if (input.status) filter.status = input.status;
    if (input.teamId) filter.teamId = input.teamId;
    // The waiting list reads in its own order (who is promoted next first).
    const order: SortKey[] = input.status === 'waitlisted' ? [{ field: 'waitSeq', direction: 'asc' }] : [{ field: 'signedUpAt', direction: 'asc' }];
    const found = await findPage<EnrollmentDoc>(
      db,
      COLLECTIONS.campaignEnrollments,
      filter,
      [...order, { field: '_id', direction: 'asc' }],
      input satisfies PageInput,
    );
    const today = beijingDate(now());
    return pageOf(found, input, (enrollment) => memberRow(campaign, enrollment, today));
  },
});

/** What an approved member reads in 消息中心 (server/core/notify.ts). */
function approvalNotice(campaign: CampaignDoc, enrollment: EnrollmentDoc): NotificationDraft {
  const body = enrollment.status === 'waitlisted' ? '已通过审核，名额已满，正在候补' : '已通过审核，记得按时打卡';
  const page = `packageCampaign/detail/index?id=${encodeURIComponent(campaign._id)}`;
  return { memberId: enrollment.memberId, kind: 'signup_approved', source: campaign._id, title: `报名成功：${campaign.title}`, body, page };
}

export const decide = defineAction({
  ...campaignContracts.decide,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    await loadManagedCampaign(db, caller.member, input.campaignId);
    const { enrollment, campaign } = await decideSignUp(db, input.campaignId, input.memberId, input.decision, at);
    if (input.decision === 'approve') await notify(db, [approvalNotice(campaign, enrollment)], at);
    const current = (await findEnrollment(db, input.campaignId, input.memberId)) ?? enrollment;
    return memberRow(campaign, current, beijingDate(at));
  },
});

export const decideMany = defineAction({
  ...campaignContracts.decideMany,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input, now }): Promise<BulkDecisionResult> => {
    const at = now();
    await loadManagedCampaign(db, caller.member, input.campaignId);
    const { campaign, decided, unchanged, refused } = await decideSignUps(db, input.campaignId, input.memberIds, input.decision, at);
    if (input.decision === 'approve')
      await notify(
        db,
        decided.map((enrollment) => approvalNotice(campaign, enrollment)),
        at,
      );
    const today = beijingDate(at);
    return { decided: decided.map((enrollment) => memberRow(campaign, enrollment, today)), unchanged, refused };
  },
});

export const assignTeam = defineAction({
  ...campaignContracts.assignTeam,
  roles: ['trainer', 'admin'],
  handler: async ({ db, caller, input, now }) => {
    const at = now();
    await loadManagedCampaign(db, caller.member, input.campaignId);
    const { enrollment, campaign } = await assignMemberTeam(db, input.campaignId, input.memberId, input.teamId, at);
    return memberRow(campaign, enrollment, beijingDate(at));
  },
});

/**
 * The timer counts check-ins (tally.ts) every 10 s, within a 12 s budget of the function's 20 s timeout: a
 * longer backlog is finished by the next runs, which may overlap (the tally is idempotent).
 */
const TALLY_BUDGET_MS = 12_000;

export const campaignFunction = withTimer(
  defineFunction({
    name: 'campaign',
    actions: {
      list,
      mine,
      detail,
      signUp,
      quit,
      checkIn,
      makeUp,
      myCheckin,
      calendar,
      streak,
      managed,
      get,
      create,
      scopeChoices,
      moveScope,
      update,
      publish,
      end,
      archive,
      members,
      decide,
      decideMany,
      assignTeam,
      ...engagementActions,
    },
  }),
  (db, _cloud, now) => runCampaignTimer(db, now, TALLY_BUDGET_MS),
);
