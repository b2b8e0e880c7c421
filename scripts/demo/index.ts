/**
 * Loads the demo company and a starter catalogue into an environment through the real wx-server-sdk, so the
 * same code seeds the local cloud and (if ever wanted) a real CloudBase test environment.
 */
import { buildDemoCompany, type DemoIdentity } from './company';
import { seedAuthorsDemo } from './authors';
import { seedAuthorAwardsDemo } from './author-awards';
import { seedCampaignDemo } from './campaign';
import { seedCampaignEngagementDemo } from './campaign-engagement';
import { seedContestDemo } from './contest';
import { seedContestVotesDemo } from './contest-votes';
import { seedCourseDemo } from './courses';
import { seedPointsDemo } from './points';
import { seedShareDemo } from './share';
import { seedNotificationDemo } from './notifications';
import { seedCertificateDemo } from './certificates';
import { seedReviewDemo } from './reviews';
import { seedDiscussionDemo } from './discussions';
import { seedInvitationDemo } from './invitations';
import { seedLearnerLevelsDemo } from './learner-levels';
import { seedClassroomDemo } from './classroom';
import { seedOverdueDemo } from './overdue';

export interface DemoSeedResult {
  identities: { role: string; name: string; openid: string }[];
  /** The unbound demo-visitor and the roster member it may bind as. */
  visitor: { openid: string; employeeNo: string; name: string };
  /** Each demo WeChat user's verified phone number, for the local cloud's phone-number API. */
  wechatPhones: Record<string, string>;
  summary: string;
}

const BATCH = 100;

async function insertAll(db: any, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await db.collection(collection).add({ data: docs.slice(i, i + BATCH) });
  }
}

/** The demo identities (role, name, openid); the same on every day, as the company is seeded. */
export function demoIdentities(today = new Date()): DemoSeedResult['identities'] {
  return buildDemoCompany(today).identities.map(({ role, name, openid }) => ({ role, name, openid }));
}

/** What the local cloud needs of the demo's WeChat side: the visitor's roster entry and everyone's phone. */
export function demoWeChat(today = new Date()): Pick<DemoSeedResult, 'visitor' | 'wechatPhones'> {
  const company = buildDemoCompany(today);
  const member = company.members.find((candidate) => candidate._id === company.visitor.memberId);
  return { visitor: { openid: company.visitor.openid, employeeNo: member?.employeeNo ?? '', name: company.visitor.name }, wechatPhones: company.wechatPhones };
}

/** The company: departments, members and the demo identities' bindings (both ways: one member, one WeChat user). */
export async function seedDemoCompany(db: any, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<void> {
  await insertAll(db, 'departments', company.departments);
  const boundOpenid = new Map(company.identities.map((identity) => [identity.memberId, identity.openid]));
  await insertAll(
    db,
    'members',
    company.members.map((m) => {
      const openid = boundOpenid.get(m._id);
      return { ...m, ...(openid ? { boundOpenid: openid } : {}), createdAt: now, updatedAt: now };
    }),
  );
  await insertAll(
    db,
    'bindings',
    company.identities.map((identity: DemoIdentity) => ({ _id: identity.openid, memberId: identity.memberId, boundAt: now })),
  );
}

/** The seed's parts in order, as `onPart` names them once each has finished. */
export const DEMO_PARTS = [
  'company',
  'courses',
  'points',
  'campaigns',
  'engagement',
  'contests',
  'votes',
  'shares',
  'overdue',
  'authors',
  'authorAwards',
  'reviews',
  'discussions',
  'learnerLevels',
  'certificates',
  'classroom',
  'notifications',
  'invitations',
] as const;
export type DemoPart = (typeof DEMO_PARTS)[number];

export interface DemoSeedOptions {
  /** Called as each part finishes (bench/demo-seed.ts measures the parts apart). */
  onPart?: (part: DemoPart) => void;
}

/** Seeds the environment that `env` points the SDK at (see emulator/sdk-env.ts). */
export async function seedDemoData(env: Record<string, string>, today = new Date(), options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  Object.assign(process.env, env);
  // Required lazily so the SDK reads the environment set above.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk');
  cloud.init({ env: env.TCB_ENV });
  const db = cloud.database();
  const company = buildDemoCompany(today);
  const now = today;
  const part = async <T>(name: DemoPart, work: () => Promise<T>): Promise<T> => {
    const result = await work();
    options.onPart?.(name);
    return result;
  };

  await part('company', () => seedDemoCompany(db, company, now));
  // The catalogue goes in through the real bulk importer (content/demo) and the assignment code.
  const catalogue = await part('courses', () => seedCourseDemo(db, cloud, now, company));
  // Earning rules, the mall and earned history through the points domain code (balances equal ledgers).
  const points = await part('points', () => seedPointsDemo(db, cloud, company, now));
  // Campaigns, contests and shares through their domain code, in the order each reads the one before:
  // engagement reads the check-ins, votes read the entries, shares convert into campaign sign-ups.
  const campaigns = await part('campaigns', () => seedCampaignDemo(db, company, now));
  const engagement = await part('engagement', () => seedCampaignEngagementDemo(db, company, now));
  const contests = await part('contests', () => seedContestDemo(db, company, now));
  const votes = await part('votes', () => seedContestVotesDemo(db, company, now));
  const shares = await part('shares', () => seedShareDemo(db, company, now));
  // A required course overdue in some branches (the console home's 逾期必修 by department).
  const overdue = await part('overdue', () => seedOverdueDemo(db, cloud, company, now));
  // Last: authors at each belt, paid for what the demos above completed and rated.
  const authors = await part('authors', () => seedAuthorsDemo(db, company, now));
  // A published year of annual author awards (paid, certified, notified).
  const authorAwards = await part('authorAwards', () => seedAuthorAwardsDemo(db, company, now));
  // Courses waiting in the demo reviewer's queue (the console's 课程审核).
  const reviews = await part('reviews', () => seedReviewDemo(db, cloud, company, now));
  // Questions and answers under two of the demo trainer's courses (the course page's 讨论, the console's desk).
  const discussions = await part('discussions', () => seedDiscussionDemo(db, cloud, company, now));
  // Learner levels from what everything above paid: the ladder saved as an admin would, raising everyone.
  const learnerLevels = await part('learnerLevels', () => seedLearnerLevelsDemo(db, company, now));
  // Certificates of every kind (each tells its member), then notifications last: the timer's code derives
  // them from the assignments and results seeded above.
  const certificates = await part('certificates', () => seedCertificateDemo(db, company, now));
  // Classroom sessions: one held yesterday (attendance, survey), one tomorrow (its notification comes next).
  const classroom = await part('classroom', () => seedClassroomDemo(db, cloud, company, now));
  const notifications = await part('notifications', () => seedNotificationDemo(db, company, now));
  // Invitation codes for external partners, in every state the console's list shows.
  const invitations = await part('invitations', () => seedInvitationDemo(db, company, now));

  return {
    identities: demoIdentities(today),
    ...demoWeChat(today),
    summary: `${company.members.length} members in ${company.departments.length} departments, ${catalogue.courses} courses in ${catalogue.series} series (${catalogue.quizzes} with quizzes), ${points.items} mall items and points history for ${points.members} members (${points.orders} orders), ${campaigns.campaigns} check-in campaigns (${campaigns.checkins} check-ins, ${engagement.likes} likes, ${engagement.comments} comments), ${contests.contests} contests (${votes.votes} public votes), ${shares.shares} shares opened ${shares.opens} times, ${reviews.inReview} courses in review, ${overdue.overdue} of ${overdue.assigned} members overdue on a required course, ${discussions.questions} discussion questions (${discussions.answered} marked answered), ${certificates.certificates} certificates, ${authorAwards.awards} author awards of ${authorAwards.year}, ${classroom.sessions} classroom sessions (${classroom.signUps} sign-ups, ${classroom.attended} attended, ${classroom.surveys} surveys), ${notifications.notifications} notifications, ${invitations.invitations} invitation codes, authors ${authors.authors.map((author) => `${author.name} ${author.level ?? '-'}`).join(', ')}, learner levels ${Object.entries(
      learnerLevels.levels,
    )
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}`,
  };
}
