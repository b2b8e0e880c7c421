/**
 * The console's courses area end to end in a real browser (Debian's Chromium against the local cloud serving
 * the built console and functions): a trainer writes a course at the desk, uploads its cover into their own
 * folder with a progress bar, saves and submits it; a reviewer scores it from the review queue; the server then
 * publishes it (read back through the mini-program's own call). Scope: a branch trainer neither lists nor
 * opens a headquarters course, a reviewer's typed URL to a trainer screen shows 无权限, and the server refuses
 * both. Needs `npm run build` first (npm test runs it).
 */
import ExcelJS from 'exceljs';
import type { CourseAuthoringDoc } from '../../typings/domain';
import { grant, insertAll, readDoc, seedMember } from '../helpers/db';
import { downloadFrom, ONE_PIXEL_PNG, useConsole } from '../helpers/console';

jest.setTimeout(240_000);

const TRAINER = 'o-webc-trainer';
const BRANCH_TRAINER = 'o-webc-branch';
const REVIEWER = 'o-webc-reviewer';
const LEARNER = 'o-webc-learner';

const web = useConsole();

/** A 1×1 PNG. */
const PNG = ONE_PIXEL_PNG;

let courseId = '';

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:乙分公司', name: '乙分公司', path: ['乙分公司'], parentId: null },
  ]);
  await seedMember(TRAINER, 'm:webc-trainer', { name: '周讲师', roles: [grant('trainer')] });
  await seedMember(BRANCH_TRAINER, 'm:webc-branch', {
    name: '吴讲师',
    roles: [grant('trainer', 'dept:乙分公司')],
    departmentId: 'dept:乙分公司',
    departmentPath: ['乙分公司'],
  });
  await seedMember(REVIEWER, 'm:webc-reviewer', { name: '郑审核', roles: [grant('reviewer')] });
  await seedMember(LEARNER, 'm:webc-learner', { name: '钱学员' });
});

test('a trainer writes a course in the editor, uploads its cover into their own folder, saves and submits it for review', async () => {
  const page = await web.signInByScan(TRAINER, '/console/courses');
  await page.getByTestId('new-course').click();
  await page.waitForURL(/\/console\/courses\/new$/);
  await page.getByTestId('course-title').locator('input').fill('桌面写的安全课');
  await page.getByTestId('cover-file').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
  await page.getByText('已上传 ·').waitFor();
  // The picture previews from storage: the browser may read what it uploaded.
  const preview = page.getByTestId('upload-preview');
  await preview.waitFor();
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { querySelector(s: string): { naturalWidth: number } | null } }).document.querySelector(
        '[data-testid="upload-preview"]',
      )?.naturalWidth === 1,
  );
  await page.getByText('正文与媒体').click();
  await page.getByTestId('add-heading').click();
  await page.getByTestId('block-0').locator('input').fill('第一节 戴好安全帽');
  await page.getByTestId('add-paragraph').click();
  await page.getByTestId('block-1').locator('textarea').fill('进入工地之前，先检查安全帽的帽带是否系紧。');
  await page.getByText('测验', { exact: true }).click();
  await page.getByTestId('quiz-enabled').click();
  await page.getByTestId('question-prompt').locator('textarea').fill('进入工地前要检查什么？');
  const options = page.getByTestId('option-text');
  await options.nth(0).locator('input').fill('安全帽的帽带');
  await options.nth(1).locator('input').fill('手机电量');
  await page.getByTestId('option-correct').nth(0).click();

  await page.getByTestId('save-draft').click();
  await page.getByTestId('editor-notice').getByText('草稿已保存').waitFor();
  await page.waitForURL(/\/console\/courses\/[^/]+\/edit$/);
  courseId = decodeURIComponent(/\/courses\/([^/]+)\/edit$/.exec(page.url())?.[1] ?? '');
  const saved = await readDoc<CourseAuthoringDoc>('courseAuthoring', courseId);
  expect(saved).toMatchObject({ title: '桌面写的安全课', authorId: 'm:webc-trainer', courseStatus: 'draft', openStatus: 'draft' });
  const revision = await readDoc<{ fields: { cover: string; content: { blocks: unknown[] }; quiz: { questions: { answer: string[] }[] } } }>(
    'courseRevisions',
    `${courseId}:1`,
  );
  // The cover lives in the member's own folder, the only one the server accepts back.
  expect(revision?.fields.cover).toMatch(new RegExp(`^cloud://[^/]+/uploads/${TRAINER}/course-media/[0-9a-f]{16}-cover\\.png$`));
  expect(revision?.fields.content.blocks).toHaveLength(2);
  expect(revision?.fields.quiz.questions[0]?.answer).toEqual(['o1']);

  await page.getByTestId('submit-review').click();
  await page.getByTestId('editor-notice').getByText('已提交审核').waitFor();
  expect(await readDoc<CourseAuthoringDoc>('courseAuthoring', courseId)).toMatchObject({ openStatus: 'in_review', courseStatus: 'in_review' });

  // The catalogue shows it, filtered by the server.
  await page.goto(`${web.cloud.url}/console/courses`);
  const table = page.getByTestId('courses-table');
  await table.getByText('桌面写的安全课').waitFor();
  expect(await table.textContent()).toContain('审核中');
  await page.close();
});

test('a reviewer scores it from the review queue and the course is published', async () => {
  const page = await web.signInByScan(REVIEWER, '/console/reviews');
  await page.getByTestId('review-queue').getByText('桌面写的安全课').click();
  await page.waitForURL(/\/console\/reviews\/.+/);
  await page.getByTestId('review-content').getByText('进入工地之前').waitFor();
  for (const dimension of ['accuracy', 'structure', 'engagement']) await page.getByTestId(`score-${dimension}`).locator('input').fill('5');
  await page.getByTestId('review-notes').locator('textarea').fill('内容准确，结构清楚。');
  await page.getByTestId('submit-score').click();
  await page.getByTestId('review-outcome').getByText('通过审核并已发布').waitFor();

  expect(await readDoc<CourseAuthoringDoc>('courseAuthoring', courseId)).toMatchObject({ courseStatus: 'published', publishedRevision: 1, openRevision: null });
  // A learner now finds it through the mini-program's own call.
  const detail = await web.asMiniProgram(LEARNER, 'course', { action: 'detail', courseId });
  expect(detail).toMatchObject({ ok: true, data: { title: '桌面写的安全课' } });
  await page.close();
});

test('a reviewer sends a course back with a reason, which the author then reads in the editor', async () => {
  const fields = {
    title: '待退回的课',
    summary: '',
    cover: null,
    category: 'general_skills',
    format: 'text',
    audiences: [],
    durationMinutes: 3,
    tags: [],
    content: { blocks: [{ type: 'paragraph', text: '只有一句话。' }] },
    quiz: null,
  };
  const made = await web.asMiniProgram(TRAINER, 'authoring', { action: 'createCourse', fields });
  const returnedId = made.data.courseId as string;
  expect(await web.asMiniProgram(TRAINER, 'authoring', { action: 'submitForReview', courseId: returnedId })).toMatchObject({ ok: true });

  const page = await web.signInByScan(REVIEWER, '/console/reviews');
  await page.getByTestId('review-queue').getByText('待退回的课').click();
  for (const dimension of ['accuracy', 'structure', 'engagement']) await page.getByTestId(`score-${dimension}`).locator('input').fill('2');
  await page.getByTestId('my-average').getByText('低于通过分').waitFor();
  await page.getByTestId('submit-score').click();
  await page.getByTestId('review-error').getByText('退回修改请写明原因').waitFor();
  await page.getByTestId('review-notes').locator('textarea').fill('内容太单薄，请补充案例。');
  await page.getByTestId('submit-score').click();
  await page.getByTestId('review-outcome').getByText('已退回作者修改').waitFor();
  expect(await readDoc<CourseAuthoringDoc>('courseAuthoring', returnedId)).toMatchObject({ openStatus: 'returned', courseStatus: 'draft' });
  await page.close();

  const editor = await web.signInByScan(TRAINER, `/console/courses/${encodeURIComponent(returnedId)}/edit`);
  await editor.getByText('郑审核：内容太单薄，请补充案例。').waitFor();
  await editor.close();
});

test('the trainer puts the published course in a series, assigns it, and reads completion by department', async () => {
  const page = await web.signInByScan(TRAINER, '/console/series');
  await page.getByTestId('new-series').click();
  await page.getByTestId('series-title').locator('input').fill('桌面安全系列');
  await page.getByTestId('series-courses').click();
  await page.keyboard.type('桌面');
  await page.locator('.t-select-option').filter({ hasText: '桌面写的安全课' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByTestId('series-table').getByText('桌面安全系列').waitFor();
  const series = (await web.callFromPage(page, 'authoring', { action: 'listSeries' })).data.items as { title: string; courses: { courseId: string }[] }[];
  expect(series.find((item) => item.title === '桌面安全系列')?.courses.map((course) => course.courseId)).toEqual([courseId]);

  await page.goto(`${web.cloud.url}/console/assignments`);
  await page.getByTestId('new-assignment').click();
  await page.getByTestId('assignment-course').click();
  await page.keyboard.type('桌面');
  await page.locator('.t-select-option').filter({ hasText: '桌面写的安全课' }).click();
  await page.getByTestId('assignment-roles').getByText('学员').click();
  await page.getByTestId('assignment-due').locator('input').fill('2030-01-31');
  await page.keyboard.press('Enter');
  // A click inside the dialog closes the pickers' popups, so the next click reaches the button.
  await page.getByText('部门、角色、人群至少选一项').click();
  await page.getByRole('button', { name: '发布必修' }).click();
  await page.getByText('部门、角色、人群至少选一项').waitFor({ state: 'hidden' });
  const table = page.getByTestId('assignments-table');
  await table.getByText('桌面写的安全课').click();
  const departments = page.getByTestId('department-progress');
  await departments.getByText('总部 / 信息技术部').waitFor();
  // The role 学员 targets every active member (four here); an unscoped trainer reaches them all.
  const stats = (await web.callFromPage(page, 'assignment', { action: 'list' })).data.items as { title: string; assignedCount: number; dueDay: string }[];
  expect(stats.find((item) => item.title === '桌面写的安全课')).toMatchObject({ dueDay: '2030-01-31', assignedCount: 4 });
  await page.getByTestId('pending-members').getByText('钱学员').waitFor();
  // The full completion list exports everyone assigned, with their state, as the drawer's figures count them.
  const file = await downloadFrom(page, () => page.getByTestId('export-completion').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets[0]!.rowCount - 1).toBe(4);
  await page.close();
});

test('a branch trainer neither lists nor opens a headquarters course, and the server refuses it', async () => {
  const page = await web.signInByScan(BRANCH_TRAINER, '/console/courses');
  const table = page.getByTestId('courses-table');
  await table.getByText('暂无数据').waitFor();
  expect(await table.textContent()).not.toContain('桌面写的安全课');
  await page.goto(`${web.cloud.url}/console/courses/${encodeURIComponent(courseId)}/edit`);
  await page.getByTestId('editor-error').getByText('你只能编辑自己或管理范围内作者的课程').waitFor();
  expect(await web.callFromPage(page, 'authoring', { action: 'getDraft', courseId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await web.callFromPage(page, 'authoring', { action: 'listCourses', authorId: 'm:webc-trainer' })).toMatchObject({ ok: true, data: { total: 0 } });
  await page.close();
});

test('a reviewer sees no trainer menus; a typed series URL shows 无权限 while the server refuses the call', async () => {
  const page = await web.signInByScan(REVIEWER);
  await page.getByTestId('member-name').waitFor();
  const menu = await page.getByTestId('menu').textContent();
  expect(menu).toContain('课程审核');
  expect(menu).not.toContain('课程系列');
  expect(menu).not.toContain('必修任务');
  await page.goto(`${web.cloud.url}/console/series`);
  await page.locator('[data-testid="forbidden"]').getByText('无权限').waitFor();
  expect(await web.callFromPage(page, 'authoring', { action: 'listSeries' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});
