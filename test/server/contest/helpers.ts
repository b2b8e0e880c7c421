/** Shared set-up of the contest tests: a company with branches, judges, studio courses, a contest. */
import type { CourseFieldsDoc, CourseFormat, MemberDoc } from '../../../typings/domain';
import type { RoundInput } from '../../../typings/functions/contest';
import { grant, insertAll, memberDoc } from '../../helpers/db';

export { dataOf as ok } from '../../helpers/envelope';
export { as, openidOf, seedPeople } from '../../helpers/identities';
export { beijing } from '../../helpers/clock';

/** A department under the group (集团): `dept:集团/<branch>/<team>`. */
export function placeIn(branch: string, team = '业务部'): Pick<MemberDoc, 'departmentId' | 'departmentPath'> {
  return { departmentId: `dept:集团/${branch}/${team}`, departmentPath: ['集团', branch, team] };
}

export function person(id: string, name: string, branch: string, team?: string, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return memberDoc(id, { name, employeeNo: `E${id.replace(/\W/g, '')}`, ...placeIn(branch, team), ...overrides });
}

export const judgeRole = [grant('judge')];
export const adminRole = [grant('admin')];

export function courseFields(title: string, format: CourseFormat = 'article'): CourseFieldsDoc {
  return {
    title,
    summary: '参赛课程',
    cover: null,
    category: 'professional_skills',
    format,
    audiences: [],
    durationMinutes: 8,
    tags: [],
    content: { blocks: [{ type: 'paragraph', text: `${title}的正文` }] },
    quiz: null,
  };
}

/** A studio course (draft revision 1) authored by `author`, as the authoring function stores one. */
export async function seedStudioCourse(courseId: string, author: MemberDoc, format: CourseFormat = 'article'): Promise<void> {
  const fields = courseFields(`课程 ${courseId}`, format);
  const at = new Date('2026-02-01T02:00:00Z');
  await insertAll('courseAuthoring', [
    {
      _id: courseId,
      authorId: author._id,
      authorName: author.name,
      authorDepartmentId: author.departmentId,
      title: fields.title,
      format,
      category: fields.category,
      courseStatus: 'draft',
      publishedRevision: 0,
      latestRevision: 1,
      openRevision: 1,
      openStatus: 'draft',
      createdAt: at,
      updatedAt: at,
    },
  ]);
  await insertAll('courseRevisions', [
    {
      _id: `${courseId}:1`,
      courseId,
      revision: 1,
      status: 'draft',
      authorId: author._id,
      fields,
      reviewerIds: [],
      pendingReviewerIds: [],
      reviews: [],
      rubric: null,
      finalScore: null,
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
      decidedAt: null,
    },
  ]);
}

export const RUBRIC = [
  { id: 'fit', name: '贴合主题', weight: 30, min: 0, max: 10 },
  { id: 'content', name: '目标与内容', weight: 40, min: 0, max: 10 },
  { id: 'show', name: '呈现效果', weight: 30, min: 0, max: 10 },
];

export function round(
  name: string,
  days: { submit: [string, string]; judge: [string, string]; vote?: [string, string] },
  rest: Partial<RoundInput>,
): RoundInput {
  return {
    name,
    submissionStartDay: days.submit[0],
    submissionEndDay: days.submit[1],
    judgingStartDay: days.judge[0],
    judgingEndDay: days.judge[1],
    voting: days.vote ? { startDay: days.vote[0], endDay: days.vote[1], mode: 'per_entry', perDay: 1, ownEntryAllowed: false } : null,
    advancement: { kind: 'none' },
    weights: { judges: 100, votes: 0 },
    rubric: RUBRIC,
    judgesPerEntry: 3,
    ...rest,
  };
}

/** A minimal valid contest to create (one round, one computed award); tests override what they look at. */
export const BASIC_CONTEST = {
  title: '微课大赛',
  theme: '服务创新',
  summary: '分享一线经验',
  rules: '每人限报一件作品。',
  eligibility: { everyone: true },
  topics: [{ id: 'free', title: '自选题目', description: '任选' }],
  awards: [{ id: 'best', kind: 'best_overall' as const, name: '最佳微课' }],
  rounds: [round('初赛', { submit: ['2026-03-01', '2026-03-05'], judge: ['2026-03-06', '2026-03-08'] }, {})],
};
