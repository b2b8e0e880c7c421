/**
 * Check-in campaigns: database operations per sign-up and per check-in (counted by the local cloud), and
 * sign-ups and check-ins per second with 500 members at the same moment (the trainer's announcement, the
 * morning reminder). Runs the domain code in this process against its own local cloud, as the race tests
 * do, so a crowd's CPU per call (process.cpuUsage: campaign code, SDK and local cloud together) is the
 * figure that holds on a machine other jobs load; calls per second on a free core follow from it. (The
 * dashboard's latency is the engagement half's figure.)
 */
import os from 'node:os';
import { cpuMicros, drainTally, type Recorder, runAlone, withBenchCloud } from './harness';
import { performance } from 'node:perf_hooks';
import { checkIn } from '../server/campaign/checkin';
import { addDays } from '../server/core/time';
import { createCampaign, publishCampaign } from '../server/campaign/edit';
import { joinCampaign } from '../server/campaign/join';
import { forgetKeptCampaigns } from '../server/campaign/kept';
import { tallyCheckins } from '../server/campaign/tally';
import { readCheckinCounts } from '../server/campaign/counters';
import { AppError, type Database } from '../server/core';
import { getCloud } from '../server/core/cloud';
import { beijingDate } from '../server/core/time';
import type { CampaignDoc } from '../typings/docs/campaign';
import type { MemberDoc } from '../typings/domain';

const MEMBERS = 500;
const MEASURED = 50;
const IN_FLIGHT = 100;
const DAY_MS = 86_400_000;

export function member(i: number, roles: MemberDoc['roles'] = []): MemberDoc {
  return {
    _id: `m:bench-campaign-${i}`,
    employeeNo: `BC${i}`,
    name: `员工${i}`,
    departmentId: 'dept:总部/销售部',
    departmentPath: ['总部', '销售部'],
    jobLevel: 'individual',
    hireDate: '2020-01-01',
    active: true,
    roles,
  };
}

/**
 * Runs `call` for every item, IN_FLIGHT at a time, and counts the answers' codes. More sockets than that
 * queue inside this one local process past the SDK's 15 s timeout, which CloudBase's many instances would not.
 */
export async function crowdOf<T>(items: readonly T[], call: (item: T, i: number) => Promise<unknown>): Promise<Map<string, number>> {
  const codes = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < items.length) {
        const i = next++;
        let code = 'OK';
        try {
          await call(items[i] as T, i);
        } catch (err) {
          code = err instanceof AppError ? err.code : 'ERROR';
        }
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  return codes;
}

/** A published 21-day campaign open for sign-up from `day1`, five teams, 10 points per check-in, company-wide. */
export async function publishedCampaign(db: Database, trainer: MemberDoc, day1: Date): Promise<CampaignDoc> {
  const start = beijingDate(day1);
  const draft = await createCampaign(
    db,
    trainer,
    {
      title: '21 天打卡',
      summary: '',
      cover: null,
      startDay: start,
      endDay: addDays(start, 20),
      tasks: Array.from({ length: 21 }, (_, i) => ({ courseId: null, prompt: `第 ${i + 1} 天` })),
      requirement: { minTextLength: 0, minPictures: 0, maxPictures: 9, requireCourse: false },
      signUpStartDay: start,
      signUpEndDay: addDays(start, 20),
      capacity: null,
      departmentIds: [],
      audiences: [],
      inviteOnly: false,
      approvalRequired: false,
      teamMode: 'chosen',
      teams: ['一组', '二组', '三组', '四组', '五组'].map((name) => ({ name })),
      pointsPerCheckin: 10,
      streakMilestones: [{ days: 7, points: 50 }],
      makeUp: { cardsPerMember: 2, daysBack: 2, pointsCost: 0 },
      makeUpCountsForStreak: true,
      reminderTime: '08:00',
      certificatePercent: 80,
    },
    'bench-campaign',
    day1,
    // Company-wide: the trainer's grant is unscoped (server/campaign/edit.ts resolveCampaignScope).
    null,
  );
  return publishCampaign(db, draft._id, day1);
}

export function run(record: Recorder): Promise<void> {
  return withBenchCloud('campaign', async (cloud) => {
    const wx = getCloud();
    const db = wx.database();
    const trainer = member(-1, [{ role: 'trainer' }]);
    const members = Array.from({ length: MEMBERS }, (_, i) => member(i));
    cloud.database.insertDocuments('members', [trainer, ...members] as unknown as Record<string, unknown>[]);
    const day1 = new Date();
    const campaign = await publishedCampaign(db, trainer, day1);

    // Sign-ups as the signUp action makes them (server/campaign/join.ts), the instance keeping the campaign.
    forgetKeptCampaigns();
    const join = (m: MemberDoc, campaignId: string, teamId: string) => joinCampaign(db, m, { campaignId, teamId }, day1);
    cloud.actions.reset();
    let started = performance.now();
    for (const [i, m] of members.slice(0, MEASURED).entries()) await join(m, campaign._id, `t${(i % 5) + 1}`);
    record(
      'campaign: database operations per sign-up',
      (cloud.actions.databaseOperations() / MEASURED).toFixed(1),
      `sequential, the first of ${MEASURED} on a cold instance (one more read), caller check not included (add 1): the enrollment, the seat, the insert, the share conversion's read; ${((MEASURED / (performance.now() - started)) * 1000).toFixed(0)} sign-ups per second, load average ${os.loadavg()[0]?.toFixed(1)}. Before: 9.0 (the campaign's transaction)`,
    );
    // The rest at once: a crowd on one campaign.
    const crowd = members.slice(MEASURED);
    cloud.actions.reset();
    const signUpCpu = process.cpuUsage();
    started = performance.now();
    const signUpCodes = await crowdOf(crowd, (m, i) => join(m, campaign._id, `t${(i % 5) + 1}`));
    const signUpSeconds = (performance.now() - started) / 1000;
    const signUpCpuMs = cpuMicros(process.cpuUsage(signUpCpu)) / crowd.length / 1000;
    const enrolled = (await db.collection('campaignEnrollments').where({ campaignId: campaign._id, status: 'enrolled' }).count()) as unknown as {
      total: number;
    };
    if (enrolled.total !== MEMBERS) throw new Error(`${enrolled.total} enrolled of ${MEMBERS}`);
    record(
      'campaign: sign-ups per second, 450 members at once (100 in flight)',
      ((signUpCodes.get('OK') ?? 0) / signUpSeconds).toFixed(0),
      `${[...signUpCodes].map(([code, n]) => `${code} ${n}`).join(', ')} in ${signUpSeconds.toFixed(1)} s, ${(cloud.actions.databaseOperations() / crowd.length).toFixed(1)} operations per sign-up; ${signUpCpuMs.toFixed(2)} ms of CPU per sign-up for everything in this process (campaign code, SDK, local cloud), ${(1000 / signUpCpuMs).toFixed(0)} /s on one free core; load average ${os.loadavg()[0]?.toFixed(1)}; enrollments checked`,
    );

    const submit = (m: MemberDoc, at: Date, requestId: string) =>
      checkIn({ db, cloud: wx, openid: `o-${m._id}`, member: m, now: at }, { campaignId: campaign._id, text: '今天的收获', pictures: [], requestId });

    // Day 1: one member at a time, for the cost of one check-in.
    cloud.actions.reset();
    for (const m of members.slice(0, MEASURED)) await submit(m, day1, `bench-${m._id}-1`);
    record(
      'campaign: database operations per check-in',
      (cloud.actions.databaseOperations() / MEASURED).toFixed(1),
      'uncontended, with its points, caller check not included (add 1): the enrollment, the check-in, the day (the campaign kept per instance) and the award (4); counted afterwards by the tally; before: 22.0 (points 10)',
    );
    cloud.actions.reset();
    for (const m of members.slice(0, MEASURED))
      await submit(m, day1, `bench-${m._id}-again`).catch((err: unknown) => (err instanceof AppError ? null : Promise.reject(err)));
    record(
      'campaign: database operations per refused duplicate',
      (cloud.actions.databaseOperations() / MEASURED).toFixed(1),
      'a second request for a day already checked in (the enrollment, the check-in; the campaign kept)',
    );
    cloud.actions.reset();
    const soloTally = await tallyCheckins(db, day1);
    record(
      'campaign: database operations per check-in counted by the tally',
      (cloud.actions.databaseOperations() / Math.max(soloTally.counted, 1)).toFixed(1),
      `the campaign timer's tally of the ${soloTally.counted} check-ins above`,
    );

    // Day 2: all 500 at the same moment.
    const day2 = new Date(day1.getTime() + DAY_MS);
    cloud.actions.reset();
    const checkinCpu = process.cpuUsage();
    started = performance.now();
    const codes = await crowdOf(members, (m) => submit(m, day2, `bench-${m._id}-2`));
    const seconds = (performance.now() - started) / 1000;
    const checkinCpuMs = cpuMicros(process.cpuUsage(checkinCpu)) / MEMBERS / 1000;
    const ok = codes.get('OK') ?? 0;
    const crowdOperations = cloud.actions.databaseOperations();
    cloud.actions.reset();
    const { counted: tallied, seconds: tallySeconds } = await drainTally(2, () => tallyCheckins(db, day2));
    const counts = await readCheckinCounts(db, campaign._id);
    const day2Counted = counts.byDay[beijingDate(day2)]?.checkins ?? 0;
    if (tallied !== ok || day2Counted !== ok) throw new Error(`tally: ${tallied} counted, counters hold ${day2Counted}, ${ok} check-ins`);
    record(
      'campaign: check-ins per second, 500 members at once (100 in flight)',
      (ok / seconds).toFixed(0),
      `${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')} in ${seconds.toFixed(1)} s, ${(crowdOperations / MEMBERS).toFixed(1)} operations per check-in (points included); ${checkinCpuMs.toFixed(2)} ms of CPU per check-in for everything in this process, ${(1000 / checkinCpuMs).toFixed(0)} /s on one free core; load average ${os.loadavg()[0]?.toFixed(1)}; before: 21 /s at 26.0`,
    );
    record(
      'campaign: check-ins counted per second by the tally, after the crowd',
      (tallied / tallySeconds).toFixed(0),
      `${tallied} in ${tallySeconds.toFixed(1)} s by 2 overlapping timer runs, ${(cloud.actions.databaseOperations() / Math.max(tallied, 1)).toFixed(1)} operations per check-in; counters checked equal to the check-ins`,
    );
  });
}

runAlone(module, run);
