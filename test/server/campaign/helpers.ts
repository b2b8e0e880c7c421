/** Shared set-up of the campaign tests: a trainer, members, campaigns made through the domain functions. */
import type { CampaignDoc, EnrollmentDoc, MemberDoc } from '../../../typings/domain';
import type { ActionInput, ActionName } from '../../../typings/api';
import type { CampaignFields } from '../../../server/campaign/edit';
import { createCampaign, managerScope, publishCampaign } from '../../../server/campaign/edit';
import { addDays } from '../../../server/core/time';
import { readCheckinCounts } from '../../../server/campaign/counters';
import { tallyCheckins } from '../../../server/campaign/tally';
import { campaignFunction } from '../../../server/campaign/actions';
import { callAction } from '../../helpers/invoke';
import { grant, memberDoc, testDb } from '../../helpers/db';
import { openidOf, seedMembers } from '../../helpers/identities';
import { expectLedgersBalanced } from '../../helpers/ledger';
import { actionOf as actionOfFunction } from '../../helpers/concurrency';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

export { openidOf, seedMembers };

let sequence = 0;

export const TRAINER_ID = 'm:campaign-trainer';

export async function seedTrainer(id = TRAINER_ID, overrides: Partial<MemberDoc> = {}): Promise<MemberDoc> {
  const [trainer] = await seedMembers([id], { name: '培训师', roles: [grant('trainer')], ...overrides });
  return trainer as MemberDoc;
}

/** A valid campaign of `days` days from `startDay` (prompts only), open for sign-up from long before. */
export function campaignFields(startDay: string, days = 7, overrides: Partial<CampaignFields> = {}): CampaignFields {
  return {
    title: '21 天打卡',
    summary: '每天一个小练习',
    cover: null,
    startDay,
    endDay: addDays(startDay, days - 1),
    tasks: Array.from({ length: days }, (_, i) => ({ courseId: null, prompt: `第 ${i + 1} 天：写下今天的收获` })),
    requirement: { minTextLength: 0, minPictures: 0, maxPictures: 9, requireCourse: false },
    signUpStartDay: addDays(startDay, -30),
    signUpEndDay: addDays(startDay, days - 1),
    capacity: null,
    departmentIds: [],
    audiences: [],
    inviteOnly: false,
    approvalRequired: false,
    teamMode: 'none',
    teams: [],
    pointsPerCheckin: 10,
    streakMilestones: [],
    makeUp: { cardsPerMember: 0, daysBack: 0, pointsCost: 0 },
    makeUpCountsForStreak: true,
    reminderTime: null,
    certificatePercent: 100,
    ...overrides,
  };
}

/** Creates (and by default publishes) a campaign as `trainer` at `at`. */
export async function makeCampaign(trainer: MemberDoc, fields: CampaignFields, at: Date, publish = true, scope?: string | null): Promise<CampaignDoc> {
  sequence += 1;
  // Unless told: unscoped trainers make company-wide campaigns, scoped ones the only department their grant names.
  const choice = scope !== undefined ? scope : managerScope(trainer) === 'all' ? null : undefined;
  const draft = await createCampaign(testDb(), trainer, fields, `campaign-test-${sequence}`, at, choice);
  return publish ? publishCampaign(testDb(), draft._id, at) : draft;
}

/** Calls a campaign action as a member through the function's real `main`. */
export function call<A extends ActionName<'campaign'>>(action: A, input: ActionInput<'campaign', A>, memberId: string) {
  return callAction('campaign', action, input, { openid: openidOf(memberId) });
}

/** The action itself, for real concurrent calls (runConcurrently). */
export const actionOf = (name: keyof typeof campaignFunction.actions) => actionOfFunction(campaignFunction, name);

export function requestId(): string {
  sequence += 1;
  return `req-${sequence}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A check-in picture the member uploaded to their own folder (server/core/uploads.ts). */
export const picture = (memberId: string, name = 'a.jpg'): string => `cloud://local.bucket/uploads/${openidOf(memberId)}/checkin/${name}`;

export { beijing } from '../../helpers/clock';
import { readDoc, readWhere } from '../../helpers/db';

export { readDoc, readWhere };

/** What the campaign function's timer does after check-ins (server/campaign/tally.ts), for one campaign. */
export async function tallyNow(campaignId: string): Promise<void> {
  await tallyCheckins(testDb(), new Date(), { campaignId });
}

/**
 * The invariant every campaign test ends with, once the tally has run: the campaign's sign-up counters equal its enrollments, and
 * the sharded check-in counters equal its check-ins, per day and per team and day.
 */
export async function expectCountersExact(campaignId: string): Promise<void> {
  await tallyNow(campaignId);
  const [campaign, enrollments, checkins, counts] = await Promise.all([
    readDoc<CampaignDoc>('campaigns', campaignId),
    readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId }),
    readWhere<{ day: string; kind: string; teamId: string | null; memberId: string }>('campaignCheckins', { campaignId }),
    readCheckinCounts(testDb(), campaignId),
  ]);
  const statusCount = (status: string) => enrollments.filter((enrollment) => enrollment.status === status).length;
  expect(campaign?.counts).toEqual({ enrolled: statusCount('enrolled'), pending: statusCount('pending'), waitlisted: statusCount('waitlisted') });
  const teamEnrolled: Record<string, number> = {};
  for (const enrollment of enrollments)
    if (enrollment.status === 'enrolled' && enrollment.teamId) teamEnrolled[enrollment.teamId] = (teamEnrolled[enrollment.teamId] ?? 0) + 1;
  expect(Object.fromEntries(Object.entries(campaign?.teamEnrolled ?? {}).filter(([, n]) => n !== 0))).toEqual(teamEnrolled);
  const byDay: Record<string, { checkins: number; madeUp: number }> = {};
  const byTeamDay: Record<string, Record<string, { checkins: number; madeUp: number }>> = {};
  const teamOf = new Map(enrollments.map((enrollment) => [enrollment.memberId, enrollment.teamId]));
  for (const checkin of checkins) {
    const day = (byDay[checkin.day] ??= { checkins: 0, madeUp: 0 });
    day.checkins += 1;
    if (checkin.kind === 'made_up') day.madeUp += 1;
    const team = teamOf.get(checkin.memberId) ?? null;
    if (team) {
      const cell = ((byTeamDay[team] ??= {})[checkin.day] ??= { checkins: 0, madeUp: 0 });
      cell.checkins += 1;
      if (checkin.kind === 'made_up') cell.madeUp += 1;
    }
  }
  expect(counts.byDay).toEqual(byDay);
  const nonZero = Object.fromEntries(
    Object.entries(counts.byTeamDay)
      .map(([team, days]) => [team, Object.fromEntries(Object.entries(days).filter(([, cell]) => cell.checkins !== 0 || cell.madeUp !== 0))] as const)
      .filter(([, days]) => Object.keys(days).length > 0),
  );
  expect(nonZero).toEqual(byTeamDay);
  // Each enrollment's own progress equals its check-ins.
  for (const enrollment of enrollments) {
    const mine = checkins.filter((checkin) => checkin.memberId === enrollment.memberId);
    expect(enrollment.daysDone).toBe(mine.length);
    expect(enrollment.madeUpDays).toBe(mine.filter((checkin) => checkin.kind === 'made_up').length);
  }
}

export { memberDoc };

/**
 * Runs `tasks` with at most `limit` in flight, in order. The local cloud is one process: thousands of
 * sockets opened at once exceed its listen backlog and queue requests past the SDK's 15 s timeout, which
 * CloudBase's fleet would not; a bounded crowd keeps the test about races, not about one process's queue.
 */
export async function inFlight<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export interface CampaignTestEnv {
  cloud: TestCloud;
  trainer: MemberDoc;
}

/**
 * Registers the usual hooks of a campaign test file: a local cloud and a trainer for the file, real timers
 * after each test, and the points ledger invariant checked after each test.
 */
export function withCampaignCloud(): CampaignTestEnv {
  const env = {} as CampaignTestEnv;
  beforeAll(async () => {
    env.cloud = await startTestCloud();
    env.trainer = await seedTrainer();
  });
  afterEach(async () => {
    jest.useRealTimers();
    await expectLedgersBalanced();
  });
  afterAll(async () => {
    await env.cloud.dispose();
  });
  return env;
}
