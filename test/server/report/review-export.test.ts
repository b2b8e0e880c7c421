/**
 * The review-outcome export read back (report.exportReviewOutcomes): one line per decided revision and
 * reviewer with the score per rubric dimension, the notes and the dates; scoped to what the caller may see
 * (their own reviews; a trainer's or admin's scope over the author's department); a revision still in review
 * is not an outcome; a learner is refused and no file is written.
 */
import type { CourseFieldsInput } from '../../../typings/functions/authoring';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { fetchWorkbook } from '../../helpers/workbook';

jest.setTimeout(120_000);

useTestCloud();
const A = 'dept:甲分公司';
const B = 'dept:乙分公司';
const AUTHOR_A = { openid: 'o-rx-author-a' };
const AUTHOR_B = { openid: 'o-rx-author-b' };
const REVIEWER_A = { openid: 'o-rx-reviewer-a' };
const REVIEWER_B = { openid: 'o-rx-reviewer-b' };
const TRAINER_A = { openid: 'o-rx-trainer-a' };
const ADMIN = { openid: 'o-rx-admin' };
const LEARNER = { openid: 'o-rx-learner' };

function fields(title: string): CourseFieldsInput {
  return {
    title,
    summary: '摘要',
    cover: null,
    category: 'company_knowledge',
    format: 'article',
    audiences: [],
    durationMinutes: 5,
    tags: [],
    content: { blocks: [{ type: 'paragraph', text: '正文。' }] },
    quiz: null,
  };
}

async function submitted(author: { openid: string }, title: string): Promise<string> {
  const draft = dataOf(await callAction('authoring', 'createCourse', { fields: fields(title) }, author));
  return dataOf(await callAction('authoring', 'submitForReview', { courseId: draft.courseId }, author)).revisionId;
}

beforeAll(async () => {
  await seedMember(AUTHOR_A.openid, 'm:rx-author-a', { name: '甲作者', departmentId: A, departmentPath: ['甲分公司'] });
  await seedMember(AUTHOR_B.openid, 'm:rx-author-b', { name: '乙作者', departmentId: B, departmentPath: ['乙分公司'] });
  await seedMember(REVIEWER_A.openid, 'm:rx-reviewer-a', { name: '甲审核员', roles: [grant('reviewer', A)] });
  await seedMember(REVIEWER_B.openid, 'm:rx-reviewer-b', { name: '乙审核员', roles: [grant('reviewer', B)] });
  await seedMember(TRAINER_A.openid, 'm:rx-trainer-a', { name: '甲讲师', roles: [grant('trainer', A)] });
  await seedMember(ADMIN.openid, 'm:rx-admin', { name: '管理员', roles: [grant('admin')] });
  await seedMember(LEARNER.openid, 'm:rx-learner', { name: '学员' });
  dataOf(
    await callAction(
      'authoring',
      'updateReviewSettings',
      {
        dimensions: [
          { id: 'accuracy', name: '内容准确', weight: 60 },
          { id: 'structure', name: '结构清晰', weight: 40 },
        ],
        scale: '1-5',
        threshold: 3,
        reviewersPerRevision: 1,
      },
      ADMIN,
    ),
  );
  // Each branch's reviewer covers its author: 甲's course passes, 乙's is returned, a third stays in review.
  const passed = await submitted(AUTHOR_A, '甲的好课');
  dataOf(await callAction('authoring', 'scoreReview', { revisionId: passed, scores: { accuracy: 4, structure: 5 }, notes: '结构清楚' }, REVIEWER_A));
  const returned = await submitted(AUTHOR_B, '乙的草稿');
  dataOf(await callAction('authoring', 'scoreReview', { revisionId: returned, scores: { accuracy: 2, structure: 2 }, notes: '请补充案例' }, REVIEWER_B));
  await submitted(AUTHOR_A, '甲的待审课');
});

const HEADER = [
  '课程',
  '版本',
  '作者',
  '审核员',
  '结果',
  '内容准确（60%）',
  '结构清晰（40%）',
  '其他维度',
  '审核员均分',
  '最终得分',
  '通过分',
  '评语',
  '提交时间',
  '评分时间',
  '决定时间',
];

async function exported(identity: { openid: string }) {
  const file = dataOf(await callAction('report', 'exportReviewOutcomes', {}, identity));
  const sheet = await fetchWorkbook(file.url);
  return { file, sheet };
}

it('writes every decided review an unscoped admin may see, one line per revision and reviewer, scores per dimension', async () => {
  const { file, sheet } = await exported(ADMIN);
  expect(file.rows).toBe(2);
  expect(sheet.name).toBe('审核结果');
  expect(sheet.rows[0]).toEqual(HEADER);
  const lines = sheet.rows.slice(1);
  const byTitle = new Map(lines.map((line) => [line[0], line]));
  expect(byTitle.get('甲的好课')?.slice(0, 12)).toEqual(['甲的好课', 1, '甲作者', '甲审核员', '通过并发布', 4, 5, null, 4.4, 4.4, 3, '结构清楚']);
  expect(byTitle.get('乙的草稿')?.slice(0, 12)).toEqual(['乙的草稿', 1, '乙作者', '乙审核员', '退回修改', 2, 2, null, 2, 2, 3, '请补充案例']);
  for (const line of lines) for (const at of line.slice(12)) expect(at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(byTitle.has('甲的待审课')).toBe(false);
});

it('scopes the export: a reviewer their own reviews, a scoped trainer the authors in their scope; a learner is refused', async () => {
  expect((await exported(REVIEWER_B)).sheet.rows.slice(1).map((line) => line[0])).toEqual(['乙的草稿']);
  expect((await exported(TRAINER_A)).sheet.rows.slice(1).map((line) => line[0])).toEqual(['甲的好课']);
  const files = await countAll('exportFiles');
  expect(codeOf(await callAction('report', 'exportReviewOutcomes', {}, LEARNER))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('report', 'exportReviewOutcomes', { decidedFrom: '2026-02-30' }, ADMIN))).toBe('INVALID_INPUT');
  expect(await countAll('exportFiles')).toBe(files);
  // Decided before a later day: nothing from then on.
  expect(dataOf(await callAction('report', 'exportReviewOutcomes', { decidedFrom: '2099-01-01' }, ADMIN)).rows).toBe(0);
});
