/**
 * The trainer's dashboard of a 5,000-member, 21-day campaign on day 15: latency of the dashboard (per-day
 * and per-team figures, rates and chart), of a page of the member list, of the leaderboard's first page and
 * of the roster export, with the database operations each takes (counted by the local cloud).
 *
 * Seeding inserts consistent documents directly (a benchmark may): 5 teams of 1,000 members, check-ins from a
 * fixed pattern (about 80% of member-days, some made up), enrollments whose progress is computed from those
 * check-ins with the core half's streak rules, and the sharded counters summed from the same check-ins. The
 * run checks the dashboard's totals against the inserted records before measuring.
 */
import { type Recorder, runAlone, withBenchCloud } from './harness';
import { performance } from 'node:perf_hooks';
import { counterShardId, counterShardOf, CAMPAIGN_COUNTER_SHARDS } from '../server/campaign/counters';
import { addDays } from '../server/core/time';
import { plannedDays } from '../server/campaign/days';
import { campaignDashboard, dashboardMembers } from '../server/campaign/engagement/dashboard';
import { exportRosterWorkbook } from '../server/campaign/engagement/export';
import { memberLeaderboard } from '../server/campaign/engagement/leaderboards';
import { computeStreaks } from '../server/campaign/streak';
import type { Action } from '../server/core';
import { getCloud } from '../server/core/cloud';
import { parseInput } from '../server/core/validate';
import type { CampaignCounterShardDoc, CampaignDoc, CheckinDoc, CheckinKind, DayCountDoc, EnrollmentDoc, MemberDoc } from '../typings/domain';

const MEMBERS = 5_000;
const DAYS = 21;
const TEAMS = 5;
const START = '2026-03-02';
/** Day 15 at 15:00 Beijing: 14 closed days and today half done. */
const NOW = new Date(`${addDays(START, 14)}T15:00:00+08:00`);
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const TRAINER: MemberDoc = {
  _id: 'm:bench-campaign-trainer',
  employeeNo: 'BT0001',
  name: '培训师',
  departmentId: 'dept:总部/培训部',
  departmentPath: ['总部', '培训部'],
  jobLevel: 'individual',
  hireDate: '2020-01-01',
  active: true,
  roles: [{ role: 'trainer' }],
};

function campaignDoc(): CampaignDoc {
  const created = new Date(`${addDays(START, -10)}T09:00:00+08:00`);
  return {
    _id: 'cp:bench-dashboard',
    title: '21 天销售话术打卡',
    summary: '',
    cover: null,
    startDay: START,
    endDay: addDays(START, DAYS - 1),
    tasks: Array.from({ length: DAYS }, (_, i) => ({ courseId: null, courseTitle: null, prompt: `第 ${i + 1} 天练习` })),
    requirement: { minTextLength: 0, minPictures: 0, maxPictures: 9, requireCourse: false },
    signUpStartDay: addDays(START, -10),
    signUpEndDay: addDays(START, DAYS - 1),
    capacity: null,
    departmentIds: [],
    departmentNames: [],
    restrictedDepartments: false,
    audiences: [],
    restrictedAudiences: false,
    inviteOnly: false,
    inviteToken: 'bench-invite-token',
    approvalRequired: false,
    teamMode: 'assigned',
    teams: Array.from({ length: TEAMS }, (_, i) => ({ id: `t${i + 1}`, name: `第${i + 1}组` })),
    pointsPerCheckin: 2,
    streakMilestones: [],
    makeUp: { cardsPerMember: 3, daysBack: 3, pointsCost: 0 },
    makeUpCountsForStreak: true,
    reminderTime: '20:00',
    certificatePercent: 80,
    status: 'published',
    ownerId: TRAINER._id,
    ownerName: TRAINER.name,
    ownerDepartmentId: TRAINER.departmentId,
    counts: { enrolled: MEMBERS, pending: 0, waitlisted: 0 },
    teamEnrolled: Object.fromEntries(Array.from({ length: TEAMS }, (_, i) => [`t${i + 1}`, MEMBERS / TEAMS])),
    waitSeq: 0,
    createdAt: created,
    updatedAt: created,
    publishedAt: created,
  };
}

/** How member `m` did planned day `d` (0-based), or undefined when missed: a fixed pattern, ~80% done. */
function kindOf(m: number, d: number): CheckinKind | undefined {
  const h = (m * 2_654_435_761 + d * 40_503) % 100;
  if (h < 75) return 'on_time';
  if (h < 80) return 'made_up';
  return undefined;
}

interface Seeded {
  checkins: number;
  campaign: CampaignDoc;
}

function seed(insert: (collection: string, docs: object[]) => void): Seeded {
  const campaign = campaignDoc();
  const today = addDays(START, 14);
  const days = plannedDays(campaign).filter((day) => day <= today);
  const shards = new Map<number, CampaignCounterShardDoc>();
  const bump = (counts: Record<string, DayCountDoc>, day: string, kind: CheckinKind) => {
    const cell = (counts[day] ??= { checkins: 0, madeUp: 0 });
    cell.checkins += 1;
    if (kind === 'made_up') cell.madeUp += 1;
  };
  const enrollments: EnrollmentDoc[] = [];
  let checkins: CheckinDoc[] = [];
  let total = 0;
  for (let m = 0; m < MEMBERS; m += 1) {
    const memberId = `m:bench-campaign-${String(m).padStart(5, '0')}`;
    const teamId = `t${(m % TEAMS) + 1}`;
    const done: Record<string, CheckinKind> = {};
    for (const [d, day] of days.entries()) {
      // Today: only the first half of the members have checked in yet, and nobody made today up.
      const kind = day === today ? (m < MEMBERS / 2 ? 'on_time' : undefined) : kindOf(m, d);
      if (!kind) continue;
      done[day] = kind;
      const at = new Date(`${day}T08:00:00+08:00`);
      checkins.push({
        _id: `${campaign._id}:${memberId}:${day}`,
        campaignId: campaign._id,
        memberId,
        memberName: `成员${m}`,
        departmentPath: ['总部', '销售部'],
        teamId,
        day,
        kind,
        text: '今日练习完成',
        pictures: [],
        courseId: null,
        requestId: `bench-${m}-${d}`,
        points: 2,
        createdAt: at,
        likeCount: 0,
        commentCount: 0,
        featured: false,
        featuredAt: null,
        review: null,
      });
      const shardNo = counterShardOf(memberId);
      const shard = shards.get(shardNo) ?? { _id: counterShardId(campaign._id, shardNo), campaignId: campaign._id, shard: shardNo, byDay: {}, byTeamDay: {} };
      bump(shard.byDay, day, kind);
      bump((shard.byTeamDay[teamId] ??= {}), day, kind);
      shards.set(shardNo, shard);
    }
    const streaks = computeStreaks(campaign, done);
    const doneDays = Object.keys(done).sort();
    const signedUpAt = new Date(`${addDays(START, -1 - (m % 5))}T12:00:00+08:00`);
    enrollments.push({
      _id: `${campaign._id}:${memberId}`,
      campaignId: campaign._id,
      memberId,
      name: `成员${m}`,
      employeeNo: `BC${String(m).padStart(5, '0')}`,
      departmentId: 'dept:总部/销售部',
      departmentPath: ['总部', '销售部'],
      status: 'enrolled',
      teamId,
      waitSeq: null,
      daysDone: doneDays.length,
      madeUpDays: Object.values(done).filter((kind) => kind === 'made_up').length,
      currentStreak: streaks.current,
      longestStreak: streaks.longest,
      lastCheckinDay: doneDays[doneDays.length - 1] ?? null,
      days: done,
      makeUpCardsUsed: Object.values(done).filter((kind) => kind === 'made_up').length,
      milestonesReached: [],
      signedUpAt,
      enrolledAt: signedUpAt,
      decidedAt: null,
      quitAt: null,
      updatedAt: signedUpAt,
    });
    if (checkins.length >= 20_000) {
      insert('campaignCheckins', checkins);
      total += checkins.length;
      checkins = [];
    }
  }
  insert('campaignCheckins', checkins);
  total += checkins.length;
  insert('campaignEnrollments', enrollments);
  insert('campaignCounterShards', [...shards.values()]);
  insert('campaigns', [campaign]);
  if (shards.size > CAMPAIGN_COUNTER_SHARDS) throw new Error('more shards than the counters read');
  return { checkins: total, campaign };
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    last = await fn();
    times.push(performance.now() - started);
  }
  return { ms: median(times), last: last as T };
}

export function run(record: Recorder): Promise<void> {
  return withBenchCloud('campaign-dashboard', async (cloud) => {
    const seedStarted = performance.now();
    const seeded = seed((collection, docs) => cloud.database.insertDocuments(collection, docs as unknown as Record<string, unknown>[]));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const sdk = getCloud();
    const db = sdk.database();
    const caller = { openid: 'o-bench-trainer', appid: null, unionid: null, member: TRAINER };
    const call = <I, O>(action: Action<I, O>, input: unknown) =>
      action.handler({ input: parseInput(action.input, input), caller, db, cloud: sdk, requestId: 'bench', now: () => NOW }) as Promise<O>;

    // The figures are the records': every check-in is counted once, and the days add up.
    const check = await campaignDashboard(db, seeded.campaign, NOW);
    const perDay = check.days.reduce((sum, day) => sum + day.checkedIn, 0);
    if (check.checkinsTotal !== seeded.checkins || perDay !== seeded.checkins || check.enrolled !== MEMBERS) {
      throw new Error(`dashboard ${check.checkinsTotal}/${perDay} check-ins, ${check.enrolled} members; seeded ${seeded.checkins}, ${MEMBERS}`);
    }
    const note = `${MEMBERS.toLocaleString('en-US')} members, ${DAYS} days, ${seeded.checkins.toLocaleString('en-US')} check-ins, day 15; seeded in ${seedSeconds.toFixed(1)} s`;

    const measure = async (name: string, runs: number, fn: () => Promise<unknown>, extra = '') => {
      cloud.actions.reset();
      await fn();
      const operations = cloud.actions.databaseOperations();
      const { ms } = await timed(runs, fn);
      record(name, `${ms.toFixed(0)} ms`, `median of ${runs}, ${operations} database operations; ${extra || note}`);
    };
    await measure('campaign dashboard: latency', RUNS, () => campaignDashboard(db, seeded.campaign, NOW));
    await measure('campaign dashboard: member list, first page of 20', RUNS, () =>
      call(dashboardMembers, { campaignId: seeded.campaign._id, sort: 'most_missed' }),
    );
    await measure('campaign dashboard: member list, page 100 of 20', 5, () =>
      call(dashboardMembers, { campaignId: seeded.campaign._id, sort: 'most_done', page: 100 }),
    );
    await measure('campaign leaderboard: first page of 20', RUNS, () => call(memberLeaderboard, { campaignId: seeded.campaign._id }));
    const exported = await timed(1, () => exportRosterWorkbook(db, sdk, seeded.campaign, NOW, 'm:bench-trainer'));
    record(
      'campaign roster export: 5,000 members × 21 days',
      `${(exported.ms / 1000).toFixed(1)} s`,
      `${exported.last.rows.toLocaleString('en-US')} rows, one column per day, read from the enrollments`,
    );
  });
}

runAlone(module, run);
