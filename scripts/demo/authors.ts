/**
 * Demo authors at each belt: the catalogue (authored by the demo trainer) is shared out so that the branch
 * trainer writes four courses in two categories and the demo learner one, an admin saves an author ladder
 * scaled to the demo company (its thresholds are the admin's to set), every published course is paid its
 * review points, the authoring rewards run once over the demo's completions and ratings, and each author's
 * level is looked at: the trainer reaches 黑带, the branch trainer 蓝带, the learner 黄带.
 */
import type { Database } from '../../server/core';
import { COLLECTIONS } from '../../server/core';
import { authorLevelOf } from '../../server/authoring';
import { DEFAULT_AUTHOR_SETTINGS, readAuthorSettings, refreshAuthorLevel, saveAuthorSettings } from '../../server/authoring/levels';
import { payPublication, runAuthorRewards } from '../../server/authoring/rewards';
import type { AuthorSettings } from '../../typings/functions/authors';
import { courseIdOf } from '../import-courses';
import type { buildDemoCompany } from './company';

/** The default belts with thresholds a company of 200 reaches: no learner or rating bars. */
const DEMO_THRESHOLDS = [
  { minCourses: 1, minCategories: 1, minQuizCourses: 0 },
  { minCourses: 3, minCategories: 2, minQuizCourses: 1 },
  { minCourses: 10, minCategories: 3, minQuizCourses: 3 },
];

export const DEMO_AUTHOR_LADDER: AuthorSettings = {
  levels: DEFAULT_AUTHOR_SETTINGS.levels.map((level, index) => ({ ...level, ...DEMO_THRESHOLDS[index], minLearners: 0, minAverageRating: 0 })),
  ratedCourse: { minAverage: 4.5, minRatings: 3 },
};

const HANDED_OVER: Record<string, string[]> = {
  'demo-branch-trainer': ['feedback-sbi', 'delegation', 'handling-objections', 'phone-service'],
  'demo-learner': ['active-listening'],
};

export async function seedAuthorsDemo(
  db: Database,
  company: ReturnType<typeof buildDemoCompany>,
  now: Date,
): Promise<{ authors: { name: string; level: string | null }[] }> {
  const admin = company.identities.find((identity) => identity.openid === 'demo-admin');
  if (!admin) throw new Error('演示公司缺少 demo-admin 身份');
  await saveAuthorSettings(db, DEMO_AUTHOR_LADDER, admin.memberId, now);

  for (const [openid, slugs] of Object.entries(HANDED_OVER)) {
    const identity = company.identities.find((candidate) => candidate.openid === openid);
    const member = company.members.find((candidate) => candidate._id === identity?.memberId);
    if (!identity || !member) throw new Error(`演示公司缺少 ${openid} 身份`);
    for (const slug of slugs) {
      await db
        .collection(COLLECTIONS.courses)
        .doc(courseIdOf(slug))
        .update({ data: { authorId: member._id } });
      await db
        .collection(COLLECTIONS.courseAuthoring)
        .doc(courseIdOf(slug))
        .update({ data: { authorId: member._id, authorName: member.name, authorDepartmentId: member.departmentId } });
    }
  }

  const authorIds = ['demo-trainer', ...Object.keys(HANDED_OVER)].map(
    (openid) => company.identities.find((identity) => identity.openid === openid)?.memberId as string,
  );
  const published = (await db
    .collection(COLLECTIONS.courseAuthoring)
    .where({ authorId: db.command.in(authorIds), courseStatus: 'published' })
    .limit(1000)
    .get()) as unknown as { data: { _id: string; authorId: string }[] };
  // Courses passed review on different days of the past (the daily caps hold for these points too).
  for (const [index, doc] of published.data.entries()) await payPublication(db, doc._id, doc.authorId, new Date(now.getTime() - (index + 1) * 86_400_000), now);
  // Completions and ratings of the demo are older than the settling time of the run.
  await runAuthorRewards(db, now);
  const { levels } = await readAuthorSettings(db);
  const authors = [];
  for (const authorId of authorIds) {
    await refreshAuthorLevel(db, authorId, levels, now);
    authors.push({
      name: company.members.find((member) => member._id === authorId)?.name ?? authorId,
      level: (await authorLevelOf(db, authorId))?.name ?? null,
    });
  }
  return { authors };
}
