/**
 * Demo check-in campaigns, written through the campaign domain functions with a clock this seed controls:
 * a 21-day campaign on its 12th day with 150 members in 5 teams (most check in most days, some drop out,
 * some make up a missed day, a few reach the 7-day streak bonus), with the demo learner enrolled and the
 * demo trainer managing it; and an upcoming campaign open for sign-up. The check-ins are then counted at once
 * with the tally's own counting (`countHistory`). Every counter and ledger is therefore consistent, and
 * request ids derived from member and day make a second seeding change nothing.
 * The history follows fixed arithmetic patterns of member and day, so the demo is the same every time.
 */
import type { Database } from '../../server/core';
import { COLLECTIONS, findById } from '../../server/core';
import { getCloud } from '../../server/core/cloud';
import { checkIn, makeUp } from '../../server/campaign/checkin';
import type { CheckinContext } from '../../server/campaign/checkin';
import { txCountCheckin } from '../../server/campaign/counters';
import { forEachDoc } from '../../server/core/db';
import { inParallel } from '../../server/core/parallel';
import type { Tx, TxDocument } from '../../server/core/transaction';
import { addDays } from '../../server/core/time';
import { campaignIdFor, createCampaign, publishCampaign } from '../../server/campaign/edit';
import type { CampaignFields } from '../../server/campaign/edit';
import { decideMany, quit } from '../../server/campaign/enrollment';
import { joinCampaign } from '../../server/campaign/join';
import { AppError } from '../../server/core';
import { beijingDate } from '../../server/core/time';
import type { CampaignCounterShardDoc, CampaignDoc, CheckinDoc, CourseDoc, EnrollmentDoc, MemberDoc } from '../../typings/domain';
import type { buildDemoCompany } from './company';

const RUNNING_DAYS = 21;
/** Today is this day of the running campaign. */
const TODAY_INDEX = 12;
const TEAMS = ['先锋队', '破浪队', '星火队', '攀登队', '晨曦队'];
/** Members of the running campaign (the demo learner among them). */
export const DEMO_PARTICIPANTS = 150;
/** Members whose day of history is written at the same time (wall-clock time of the seeding). */
const PARALLEL_MEMBERS = 16;
/** The request ids the demo trainer creates the two campaigns with (their ids follow: campaignIdFor). */
export const RUNNING_KEY = 'demo-campaign-21days';
export const ONBOARDING_KEY = 'demo-campaign-onboarding';

const PROMPTS = [
  '用一句话写下你今天工作中最重要的结论，再补充三条支撑理由。',
  '回顾昨天的一封邮件：如果结论先行，你会怎样改写开头？',
  '找一个本周的汇报场景，用“结论—理由—行动”三段式写出提纲。',
  '向同事解释一个业务概念，限 100 字以内，写下你的版本。',
  '整理今天客户沟通中听到的三个关键信息，并按重要性排序。',
  '写下一个你最近做出的决定，以及做决定时考虑的三个因素。',
  '把一份冗长的会议纪要压缩成五条要点。',
];

const TEXTS = [
  '今天先写结论再写理由，周报一次就过了。',
  '把三段式用在了客户邀约话术上，对方很快理解了重点。',
  '练习用 100 字解释产品亮点，删掉了很多不必要的形容词。',
  '复盘了上周的汇报，发现结论藏在最后一页，下次要提前。',
  '今天和同事互相点评提纲，收获很大。',
  '坚持第几天了！把今天的会议纪要压缩成了五条，领导点赞。',
];

export interface CampaignDemo {
  campaigns: number;
  enrolled: number;
  checkins: number;
  makeUps: number;
}

/** Beijing wall-clock time on a day (minutes after midnight), as an instant. */
const at = (day: string, minutes: number): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000);

/** Published demo courses to link as tasks, if the catalogue was seeded first (else prompts only). */
async function demoCourses(db: Database): Promise<Pick<CourseDoc, '_id' | 'title'>[]> {
  const { data } = (await db
    .collection(COLLECTIONS.courses)
    .where({ status: 'published' })
    .field({ title: true })
    .orderBy('_id', 'asc')
    .limit(7)
    .get()) as unknown as {
    data: Pick<CourseDoc, '_id' | 'title'>[];
  };
  return data;
}

function runningFields(startDay: string, courses: readonly Pick<CourseDoc, '_id'>[]): CampaignFields {
  return {
    title: '21 天结构化表达打卡',
    summary: '每天一个小练习，三周养成结论先行的表达习惯。每三天配一门微课，学完再打卡；连续打卡 7、14、21 天有额外积分。',
    cover: null,
    startDay,
    endDay: addDays(startDay, RUNNING_DAYS - 1),
    // Every third day links a demo course (when there is one) on top of the prompt.
    tasks: Array.from({ length: RUNNING_DAYS }, (_, i) => ({
      courseId: i % 3 === 2 ? (courses[(i / 3) | 0]?._id ?? null) : null,
      prompt: PROMPTS[i % PROMPTS.length] as string,
    })),
    requirement: { minTextLength: 10, minPictures: 0, maxPictures: 9, requireCourse: false },
    signUpStartDay: addDays(startDay, -14),
    signUpEndDay: addDays(startDay, 6),
    capacity: 200,
    departmentIds: [],
    audiences: [],
    inviteOnly: false,
    approvalRequired: false,
    teamMode: 'chosen',
    teams: TEAMS.map((name) => ({ name })),
    pointsPerCheckin: 5,
    streakMilestones: [
      { days: 7, points: 30 },
      { days: 14, points: 60 },
      { days: 21, points: 100 },
    ],
    makeUp: { cardsPerMember: 2, daysBack: 3, pointsCost: 0 },
    makeUpCountsForStreak: true,
    reminderTime: '08:00',
    certificatePercent: 80,
  };
}

function upcomingFields(startDay: string): CampaignFields {
  return {
    ...runningFields(startDay, []),
    title: '新员工 7 天融入计划',
    summary: '七天七个任务：认识公司、认识同事、认识岗位。每天打卡分享一点新发现。',
    endDay: addDays(startDay, 6),
    tasks: [
      '逛一逛公司的历史墙，写下让你印象最深的一件事。',
      '和导师喝杯咖啡，记录三条建议。',
      '认识三位其他部门的同事。',
      '读完员工手册中的一章。',
      '写下你对岗位的三个疑问。',
      '跟岗半天，记录一个工作流程。',
      '写一封给一个月后自己的信。',
    ].map((prompt) => ({ courseId: null, prompt })),
    requirement: { minTextLength: 0, minPictures: 0, maxPictures: 9, requireCourse: false },
    signUpStartDay: beijingDate(new Date(Date.parse(`${startDay}T00:00:00+08:00`) - 10 * 86_400_000)),
    signUpEndDay: addDays(startDay, -1),
    capacity: 40,
    // New hires join with their trainer's approval, so the demo has sign-ups waiting (the console's home).
    approvalRequired: true,
    teamMode: 'none',
    teams: [],
    streakMilestones: [{ days: 7, points: 50 }],
    makeUp: { cardsPerMember: 1, daysBack: 1, pointsCost: 0 },
    certificatePercent: 100,
  };
}

/** Creates and publishes a campaign. */
async function publishedCampaign(db: Database, trainer: MemberDoc, fields: CampaignFields, key: string, created: Date): Promise<CampaignDoc> {
  // The demo's trainer works for the whole company: its campaigns are company-wide.
  const draft = await createCampaign(db, trainer, fields, key, created, null);
  return publishCampaign(db, draft._id, created);
}

/** Refusals the history may meet (a second seeding, a member who already quit): skipped. */
async function quietly(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (err instanceof AppError && ['ALREADY_CHECKED_IN', 'NOT_ENROLLED', 'MAKEUP_UNAVAILABLE', 'CAMPAIGN_STATE', 'POINTS_INSUFFICIENT'].includes(err.code))
      return false;
    throw err;
  }
}

/**
 * `participantCount` is for tests that need a smaller crowd; the demo has DEMO_PARTICIPANTS. `count: false`
 * leaves the check-ins for the tally (the test comparing `countHistory` with it).
 */
export async function seedCampaignDemo(
  db: Database,
  company: ReturnType<typeof buildDemoCompany>,
  now: Date,
  participantCount = DEMO_PARTICIPANTS,
  options: { count?: boolean } = {},
): Promise<CampaignDemo> {
  const cloud = getCloud();
  const today = beijingDate(now);
  const identity = (openid: string) => company.identities.find((candidate) => candidate.openid === openid);
  const memberOf = (id: string | undefined) => company.members.find((member) => member._id === id) as MemberDoc;
  const trainer = memberOf(identity('demo-trainer')?.memberId);
  const learner = memberOf(identity('demo-learner')?.memberId);
  const startDay = addDays(today, -(TODAY_INDEX - 1));
  // Seeded already (the campaign's id comes from the trainer and a fixed request id): nothing to do.
  if (await findById<CampaignDoc>(db, COLLECTIONS.campaigns, campaignIdFor(trainer._id, RUNNING_KEY)))
    return { campaigns: 0, enrolled: 0, checkins: 0, makeUps: 0 };
  const running = await publishedCampaign(db, trainer, runningFields(startDay, await demoCourses(db)), RUNNING_KEY, at(addDays(startDay, -16), 9 * 60));
  const upcoming = await publishedCampaign(db, trainer, upcomingFields(addDays(today, 5)), ONBOARDING_KEY, at(addDays(today, -2), 10 * 60));

  // 150 active members, the demo learner first, in five teams, signing up as the signUp action signs them up.
  const others = company.members.filter((member) => member.active && member._id !== learner._id && member._id !== trainer._id);
  const participants = [learner, ...others.slice(0, participantCount - 1)];
  for (const [i, member] of participants.entries()) {
    await joinCampaign(
      db,
      member,
      { campaignId: running._id, teamId: running.teams[i % running.teams.length]?.id },
      at(addDays(startDay, -10 + (i % 9)), 9 * 60 + (i % 600)),
    );
  }
  // A few colleagues already signed up for the upcoming one; the trainer approved 8, and 4 wait.
  const applicants = others.slice(DEMO_PARTICIPANTS, DEMO_PARTICIPANTS + 12);
  for (const member of applicants) await joinCampaign(db, member, { campaignId: upcoming._id }, at(addDays(today, -1), 12 * 60));
  // Approved together, as the trainer's 批量审核 does (one transaction for the eight).
  await decideMany(
    db,
    upcoming._id,
    applicants.slice(0, 8).map((member) => member._id),
    'approve',
    at(addDays(today, -1), 18 * 60),
  );

  const result: CampaignDemo = { campaigns: 2, enrolled: participants.length, checkins: 0, makeUps: 0 };
  // Nothing happens after `now`: today's history stops at the seeding moment.
  const context = (member: MemberDoc, instant: Date): CheckinContext => ({
    db,
    cloud,
    openid: `demo-${member._id}`,
    member,
    now: instant < now ? instant : now,
  });
  const dropoutDay = (i: number): number | null => (i % 17 === 5 ? 3 + (i % 7) : null);
  // The demo learner missed day 5 (made up on day 6) and has not checked in today yet.
  const misses = (i: number, d: number): boolean => (i === 0 ? d === 5 || d === TODAY_INDEX : (i * 7 + d * 3) % 10 < 2 || (d === TODAY_INDEX && i % 5 >= 2));
  const historyOf = async (i: number, member: MemberDoc, d: number): Promise<void> => {
    const day = addDays(startDay, d - 1);
    const dropout = dropoutDay(i);
    if (dropout !== null && d === dropout) await quietly(() => quit(db, member, running._id, at(day, 0)));
    if (dropout !== null && d >= dropout) return;
    const instant = at(day, 7 * 60 + ((i * 13 + d * 29) % 900));
    if (!misses(i, d)) {
      const text = `${TEXTS[(i + d) % TEXTS.length]}（第 ${d} 天）`;
      if (await quietly(() => checkIn(context(member, instant), { campaignId: running._id, text, pictures: [], requestId: `demo-${i}-${d}` })))
        result.checkins += 1;
    }
    // Some members make up yesterday's missed day with a card.
    const yesterday = d - 1;
    if (yesterday >= 1 && misses(i, yesterday) && yesterday !== TODAY_INDEX && (i === 0 || (i + yesterday) % 3 === 0)) {
      const made = await quietly(() =>
        makeUp(context(member, at(day, 21 * 60)), {
          campaignId: running._id,
          day: addDays(startDay, yesterday - 1),
          text: `补上第 ${yesterday} 天：${TEXTS[(i + yesterday) % TEXTS.length]}`,
          pictures: [],
          requestId: `demo-makeup-${i}-${yesterday}`,
        }),
      );
      if (made) result.makeUps += 1;
    }
  };
  // Each member's days in order (streaks depend on it); members side by side, a few at a time, each
  // starting the next one as it finishes (members are independent of one another).
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < participants.length; i = next++) {
      for (let d = 1; d <= TODAY_INDEX; d += 1) await historyOf(i, participants[i] as MemberDoc, d);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_MEMBERS }, worker));
  // Counted as the campaign function's timer counts them (server/campaign/tally.ts), all at once: the tally
  // spends a transaction on each check-in, and conflicts on a member's twelve days counted side by side.
  if (options.count !== false) await countHistory(db, running._id);
  return result;
}

/**
 * A transaction over a campaign's counter shards held in memory, so the seed counts with the domain's own
 * counting (counters.ts `txCountCheckin`) and writes each shard once. `written`: the shards it changed.
 */
function shardsInMemory(shards: Map<string, CampaignCounterShardDoc>, written: Set<string>): Tx {
  const refuse = (): never => {
    throw new Error('the seed counts check-ins into counter shards only');
  };
  return {
    collection: (name) => {
      if (name !== COLLECTIONS.campaignCounterShards) refuse();
      return {
        doc: <T>(id: string): TxDocument<T> => ({
          get: async () => ({ data: (shards.get(id) ?? null) as T | null }),
          set: async ({ data }) => {
            shards.set(id, { ...(data as Omit<CampaignCounterShardDoc, '_id'>), _id: id });
            written.add(id);
          },
          update: refuse,
          remove: refuse,
        }),
        add: refuse,
      };
    },
  };
}

/** Shards, check-ins and enrollments written at once by the count. Chosen. */
const COUNT_IN_FLIGHT = 8;

/**
 * What the check-in tally writes for the campaign's check-ins not yet counted (`counted: false`), written at
 * once: each counted into its member's counter shard in the member's team (as `countCheckin` counts it),
 * marked counted, and its day no longer pending on the enrollment. Reads the check-ins, the enrollments and
 * the shards once; writes each changed shard once, the check-ins in one update, and each member's
 * enrollment once. test/server/campaign/demo.test.ts compares it with the tally on the same history.
 * Answers how many check-ins it counted.
 */
export async function countHistory(db: Database, campaignId: string): Promise<number> {
  const checkins: Pick<CheckinDoc, '_id' | 'memberId' | 'day' | 'kind'>[] = [];
  await forEachDoc<CheckinDoc>(db, COLLECTIONS.campaignCheckins, { campaignId, counted: false }, (doc) => checkins.push(doc), {
    memberId: true,
    day: true,
    kind: true,
  });
  const enrollments = new Map<string, Pick<EnrollmentDoc, '_id' | 'memberId' | 'teamId' | 'days'>>();
  await forEachDoc<EnrollmentDoc>(db, COLLECTIONS.campaignEnrollments, { campaignId }, (doc) => enrollments.set(doc.memberId, doc), {
    memberId: true,
    teamId: true,
    days: true,
  });
  const shards = new Map<string, CampaignCounterShardDoc>();
  await forEachDoc<CampaignCounterShardDoc>(db, COLLECTIONS.campaignCounterShards, { campaignId }, (doc) => shards.set(doc._id, doc));
  const written = new Set<string>();
  const tx = shardsInMemory(shards, written);
  const pending = new Map<string, string[]>();
  for (const checkin of checkins) {
    const enrollment = enrollments.get(checkin.memberId);
    // The tally would first finish a check-in whose call stopped before its day (applyDay): the seed's never do.
    if (!enrollment || enrollment.days[checkin.day] === undefined) throw new Error(`演示打卡 ${checkin._id} 未记入报名`);
    await txCountCheckin(tx, campaignId, checkin.memberId, enrollment.teamId, checkin.day, checkin.kind);
    pending.set(enrollment._id, [...(pending.get(enrollment._id) ?? []), checkin.day]);
  }
  await inParallel([...written], COUNT_IN_FLIGHT, async (id) => {
    const { _id, ...fields } = shards.get(id) as CampaignCounterShardDoc;
    await db.collection(COLLECTIONS.campaignCounterShards).doc(_id).set({ data: fields });
  });
  // Every matching document in one update (Collection.update, 更新多条记录:
  // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.update.md).
  await db
    .collection(COLLECTIONS.campaignCheckins)
    .where({ campaignId, counted: false })
    .update({ data: { counted: true } });
  await inParallel([...pending], COUNT_IN_FLIGHT, async ([id, days]) => {
    await db
      .collection(COLLECTIONS.campaignEnrollments)
      .doc(id)
      .update({ data: Object.fromEntries(days.map((day) => [`pendingDays.${day}`, false])) });
  });
  return checkins.length;
}
