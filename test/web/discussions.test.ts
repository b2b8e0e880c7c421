/**
 * The console's 课程讨论 screen and the review-outcome export, end to end in a real browser: a trainer sees the
 * questions of courses in their scope (unanswered first), answers at the desk (marked 讲师 by the server),
 * marks the answer and hides a question; a reviewer downloads the review outcomes from 课程审核 and the
 * workbook is read back.
 */
import ExcelJS from 'exceljs';
import type { DiscussionPostDoc } from '../../typings/domain';
import { grant, insertAll, readDoc, seedMember } from '../helpers/db';
import { courseDoc, seedCourses } from '../helpers/courses';
import { downloadFrom, useConsole } from '../helpers/console';

jest.setTimeout(240_000);

const A = 'dept:甲分公司';
const B = 'dept:乙分公司';
const TRAINER = 'o-wd-trainer';
const LEARNER = 'o-wd-learner';
const REVIEWER = 'o-wd-reviewer';

const web = useConsole();

async function ask(courseId: string, text: string, requestId: string): Promise<string> {
  const answer = await web.asMiniProgram(LEARNER, 'course', { action: 'discussionAsk', courseId, text, requestId });
  expect(answer.ok).toBe(true);
  return answer.data.id as string;
}

beforeAll(async () => {
  await seedMember(TRAINER, 'm:wd-trainer', { name: '甲讲师', departmentId: A, departmentPath: ['甲分公司'], roles: [grant('trainer', A)] });
  await seedMember(LEARNER, 'm:wd-learner', { name: '小王', departmentId: A, departmentPath: ['甲分公司'] });
  await seedMember(REVIEWER, 'm:wd-reviewer', { name: '审核员', roles: [grant('reviewer')] });
  await seedCourses(
    courseDoc('course:wd-a', { title: '甲的课', authorId: 'm:wd-author-a' }),
    courseDoc('course:wd-b', { title: '乙的课', authorId: 'm:wd-author-b' }),
  );
  await insertAll('courseAuthoring', [
    { _id: 'course:wd-a', authorId: 'm:wd-author-a', authorName: '甲作者', authorDepartmentId: A },
    { _id: 'course:wd-b', authorId: 'm:wd-author-b', authorName: '乙作者', authorDepartmentId: B },
  ]);
  const at = new Date('2026-03-02T02:00:00Z');
  await insertAll('courseRevisions', [
    {
      _id: 'course:wd-a:1',
      courseId: 'course:wd-a',
      revision: 1,
      status: 'published',
      authorId: 'm:wd-author-a',
      fields: { title: '甲的课' },
      reviewerIds: ['m:wd-reviewer'],
      pendingReviewerIds: [],
      reviews: [{ reviewerId: 'm:wd-reviewer', reviewerName: '审核员', scores: { accuracy: 5 }, average: 5, notes: '很好', scoredAt: at }],
      rubric: { dimensions: [{ id: 'accuracy', name: '内容准确', weight: 100 }], scale: '1-5', threshold: 3 },
      finalScore: 5,
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
      decidedAt: at,
    },
  ]);
});

test('a trainer answers at the desk, marks the answer and hides a question; only courses in scope are listed', async () => {
  const first = await ask('course:wd-a', '第一节的练习在哪？', 'wd-ask-first');
  const second = await ask('course:wd-a', '这门课有证书吗？', 'wd-ask-second');
  await ask('course:wd-b', '乙的课怎么学？', 'wd-ask-other');

  const page = await web.signInByScan(TRAINER, '/console/discussions');
  await page.waitForURL(/\/console\/discussions$/);
  const table = page.getByTestId('discussion-queue');
  await table.getByText('第一节的练习在哪？').waitFor();
  expect(await table.textContent()).toContain('这门课有证书吗？');
  expect(await table.textContent()).not.toContain('乙的课怎么学？');
  expect(await page.getByTestId('menu').textContent()).toContain('课程讨论');

  await table.getByText('第一节的练习在哪？').click();
  await page.getByTestId('thread-question').getByText('第一节的练习在哪？').waitFor();
  await page.getByTestId('answer-text').locator('textarea').fill('在课程页底部的资料区');
  await page.getByTestId('send-answer').click();
  const answer = page.getByTestId('thread-answer').filter({ hasText: '在课程页底部的资料区' });
  await answer.waitFor();
  expect(await answer.textContent()).toContain('（讲师）');
  await answer.locator('.accept').click();
  await answer.getByText('已采纳').waitFor();
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', first)).toMatchObject({ answered: true, answers: 1 });
  const [written] = (await web.asMiniProgram(LEARNER, 'course', { action: 'discussionThread', questionId: first })).data.answers.items;
  expect(written).toMatchObject({ badge: 'trainer', accepted: true });
  await page.keyboard.press('Escape');

  // Unanswered first: the question just answered moves below the other.
  await table.locator('tbody tr').first().getByText('这门课有证书吗？').waitFor();
  await table.locator('tbody tr').first().locator('.hide-question').click();
  await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
  await table.getByText('这门课有证书吗？').waitFor({ state: 'detached' });
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', second)).toMatchObject({ status: 'hidden' });
  await page.close();
});

test('a reviewer downloads the review outcomes from 课程审核 and the workbook reads back', async () => {
  const page = await web.signInByScan(REVIEWER, '/console/reviews');
  await page.waitForURL(/\/console\/reviews$/);
  const file = await downloadFrom(page, () => page.getByTestId('export-review-outcomes').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('审核结果');
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 6)).toEqual(['课程', '版本', '作者', '审核员', '结果', '内容准确（100%）']);
  expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['甲的课', 1, '甲作者', '审核员', '通过并发布', 5]);
  expect(sheet.rowCount).toBe(2);
  await page.close();
});
