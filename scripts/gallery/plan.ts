/**
 * Which pages the gallery renders, as whom, with which query: every route of the app (miniprogram/utils/
 * routes.ts), the identity that would open it in the demo company (an admin page as demo-admin, a judge's as
 * demo-judge…) and ids taken from the demo data, so each page shows real content rather than its error state.
 */
import type { Database } from '../../server/core';
import { COLLECTIONS } from '../../server/core/collections';
import { ROUTES, type RouteName } from '../../miniprogram/utils/routes';

export interface GalleryPage {
  route: RouteName;
  /** The PNG's name: the route with its slash as a dot. */
  file: string;
  as: string;
  query: Record<string, string>;
}

const IDENTITY: readonly [RegExp, string][] = [
  [/^packageAdmin\//, 'demo-admin'],
  [/^packageReport\//, 'demo-admin'],
  [/^packageContest\/admin-/, 'demo-admin'],
  [/^packageContest\/(workbench|judge-round|score)$/, 'demo-judge'],
  [/^packageCampaignAdmin\//, 'demo-trainer'],
  [/^packageStudio\/(review-queue|review|media-review)$/, 'demo-reviewer'],
  [/^packageStudio\/(assignments|assignment-new|assignment|courses|editor|series)$/, 'demo-trainer'],
  [/^packageClassroom\/(manage|editor|report|code)$/, 'demo-trainer'],
  [/^pages\/bind$/, 'demo-visitor'],
];

async function first<T extends { _id: string }>(db: Database, collection: string, where: Record<string, unknown> = {}): Promise<T | null> {
  const { data } = (await db.collection(collection).where(where).limit(1).get()) as unknown as { data: T[] };
  return data[0] ?? null;
}

/** The ids the pages' queries need, from the demo company. */
async function demoIds(db: Database): Promise<Record<string, string>> {
  const course = await first<{ _id: string }>(db, COLLECTIONS.courses, { status: 'published', format: 'article' });
  const h5 = await first<{ _id: string }>(db, COLLECTIONS.courses, { status: 'published', format: 'h5' });
  const quiz = await first<{ _id: string }>(db, COLLECTIONS.courses, { status: 'published', 'quiz.requiredForCompletion': true });
  const series = await first<{ _id: string }>(db, COLLECTIONS.series, { status: 'published' });
  const campaign = await first<{ _id: string }>(db, COLLECTIONS.campaigns, { status: 'published' });
  const contest = await first<{ _id: string }>(db, COLLECTIONS.contests, { status: 'published' });
  const round = contest ? await first<{ _id: string }>(db, COLLECTIONS.contestRounds, { contestId: contest._id, index: 0 }) : null;
  const entry = contest ? await first<{ _id: string; courseIds?: string[] }>(db, COLLECTIONS.contestEntries, { contestId: contest._id }) : null;
  const item = await first<{ _id: string }>(db, COLLECTIONS.mallItems, {});
  const revision = await first<{ _id: string }>(db, COLLECTIONS.courseRevisions, { status: 'in_review' });
  const assignment = await first<{ _id: string }>(db, COLLECTIONS.assignments, {});
  const certificate = await first<{ _id: string; code: string }>(db, COLLECTIONS.certificates, {});
  const share = await first<{ _id: string }>(db, COLLECTIONS.shares, {});
  const ids: Record<string, string | undefined> = {
    course: course?._id,
    h5: h5?._id,
    quiz: quiz?._id ?? course?._id,
    series: series?._id,
    campaign: campaign?._id,
    contest: contest?._id,
    round: round?._id,
    entry: entry?._id,
    entryCourse: entry?.courseIds?.[0],
    item: item?._id,
    revision: revision?._id,
    assignment: assignment?._id,
    certificate: certificate?.code,
    share: share?._id,
  };
  return Object.fromEntries(Object.entries(ids).filter((pair): pair is [string, string] => pair[1] !== undefined));
}

function queryOf(route: RouteName, ids: Record<string, string>): Record<string, string> {
  const q: Record<string, string | undefined> = (() => {
    switch (route) {
      case 'packageCourse/course':
      case 'packageReport/course':
        return { id: ids.course };
      case 'packageCourse/h5':
        return { id: ids.h5 };
      case 'packageCourse/quiz':
        return { id: ids.quiz };
      case 'packageCourse/series':
        return { id: ids.series };
      case 'packageStudio/editor':
        return { courseId: ids.course };
      case 'packageStudio/review':
        return { revisionId: ids.revision };
      case 'packageStudio/assignment':
        return { assignmentId: ids.assignment };
      case 'packageStudio/assignment-new':
        return { kind: 'course', id: ids.course, title: '课程' };
      case 'packageCampaign/detail':
      case 'packageCampaign/checkin':
      case 'packageCampaign/calendar':
      case 'packageCampaign/feed':
      case 'packageCampaign/leaderboard':
      case 'packageCampaign/certificate':
      case 'packageCampaignAdmin/editor':
      case 'packageCampaignAdmin/members':
      case 'packageCampaignAdmin/dashboard':
        return { id: ids.campaign };
      case 'packageContest/contest':
        return { id: ids.contest };
      case 'packageContest/signup':
      case 'packageContest/results':
      case 'packageContest/invitations':
      case 'packageContest/admin-contest':
        return { contestId: ids.contest };
      case 'packageContest/entries':
      case 'packageContest/admin-round':
      case 'packageContest/admin-judges':
      case 'packageContest/admin-results':
        return { contestId: ids.contest, roundId: ids.round };
      case 'packageContest/judge-round':
      case 'packageContest/admin-abuse':
        return { roundId: ids.round };
      case 'packageContest/score':
        return { roundId: ids.round, entryId: ids.entry };
      case 'packageContest/entry':
        return { entryId: ids.entry };
      case 'packageContest/entry-course':
        return { entryId: ids.entry, courseId: ids.entryCourse };
      case 'packagePoints/item':
      case 'packageAdmin/mall-item':
        return { id: ids.item };
      case 'packageShare/poster':
        return { kind: 'course', id: ids.course };
      case 'packageShare/leaderboard':
        return { boardKind: 'campaign', boardId: ids.campaign };
      case 'packageNotice/certificate':
        return { code: ids.certificate };
      default:
        return {};
    }
  })();
  return Object.fromEntries(Object.entries(q).filter((pair): pair is [string, string] => pair[1] !== undefined));
}

export async function galleryPlan(db: Database): Promise<GalleryPage[]> {
  const ids = await demoIds(db);
  return (Object.keys(ROUTES) as RouteName[]).map((route) => ({
    route,
    file: `${route.replace('/', '.')}.png`,
    as: IDENTITY.find(([pattern]) => pattern.test(route))?.[1] ?? 'demo-learner',
    query: queryOf(route, ids),
  }));
}
