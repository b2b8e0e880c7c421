/**
 * The console's course editor attaches take-away files (课后资料) in a real browser against the local cloud
 * (test/helpers/console.ts): a file of another type is refused before any upload, a PDF goes into the
 * trainer's own course-file folder and is saved with the draft (name, type, size), and removing it saves the
 * draft without it; a course submitted with a file shows it to its reviewer, who opens it in a new tab. Needs `npm run build` first (npm test runs it).
 */
import type { CourseRevisionDoc } from '../../typings/domain';
import { grant, readDoc, seedMember } from '../helpers/db';
import { useConsole } from '../helpers/console';
import { articleFields } from '../helpers/course-fields';

jest.setTimeout(240_000);

const TRAINER = 'o-wcf-trainer';
const REVIEWER = 'o-wcf-reviewer';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

const web = useConsole();
let courseId = '';

beforeAll(async () => {
  await seedMember(TRAINER, 'm:wcf-trainer', { name: '孙讲师', roles: [grant('trainer')] });
  await seedMember(REVIEWER, 'm:wcf-reviewer', { name: '钱审核', roles: [grant('reviewer')] });
  const created = await web.asMiniProgram(TRAINER, 'authoring', { action: 'createCourse', fields: articleFields({ title: '带资料的安全课' }) });
  expect(created).toMatchObject({ ok: true });
  courseId = created.data.courseId;
});

test('a trainer attaches a PDF to a course in the editor: uploaded to their own folder, saved with the draft, then removed', async () => {
  const page = await web.signInByScan(TRAINER, `/console/courses/${encodeURIComponent(courseId)}/edit`);
  const files = page.getByTestId('takeaway-table');
  await files.waitFor();
  await page.getByTestId('takeaway-file').setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await page.getByText('只能上传 PDF、PPT、Word 或 Excel 文件').waitFor();
  await page.getByTestId('takeaway-file').setInputFiles({ name: '安全手册.pdf', mimeType: 'application/pdf', buffer: PDF });
  await files.getByText('安全手册.pdf').waitFor();
  expect(await files.textContent()).toContain(`${PDF.length} B`);

  await page.getByTestId('save-draft').click();
  await page.getByTestId('editor-notice').getByText('草稿已保存').waitFor();
  const saved = await readDoc<CourseRevisionDoc>('courseRevisions', `${courseId}:1`);
  expect(saved?.fields.files).toEqual([
    { name: '安全手册.pdf', fileType: 'pdf', size: PDF.length, fileID: expect.stringMatching(new RegExp(`/uploads/${TRAINER}/course-file/[^/]+\\.pdf$`)) },
  ]);

  await files.getByText('移除').click();
  await files.getByText('安全手册.pdf').waitFor({ state: 'detached' });
  // The notice of the first save is still up: wait for this save's answer instead.
  await Promise.all([
    page.waitForResponse((response) => response.request().postData()?.includes('saveDraft') === true),
    page.getByTestId('save-draft').click(),
  ]);
  expect((await readDoc<CourseRevisionDoc>('courseRevisions', `${courseId}:1`))?.fields.files).toBeUndefined();
  await page.close();
});

test('a course submitted for review with a file lists it on the reviewer’s page (name, type and size), who opens it', async () => {
  const editor = await web.signInByScan(TRAINER, `/console/courses/${encodeURIComponent(courseId)}/edit`);
  await editor.getByTestId('takeaway-table').waitFor();
  await editor.getByTestId('takeaway-file').setInputFiles({ name: '安全手册.pdf', mimeType: 'application/pdf', buffer: PDF });
  await editor.getByTestId('takeaway-table').getByText('安全手册.pdf').waitFor();
  await editor.getByTestId('save-draft').click();
  await editor.getByTestId('editor-notice').getByText('草稿已保存').waitFor();
  await editor.getByTestId('submit-review').click();
  await editor.getByTestId('editor-notice').getByText('已提交审核').waitFor();
  await editor.close();

  const review = await web.signInByScan(REVIEWER, '/console/reviews');
  await review.getByTestId('review-queue').getByText('带资料的安全课').click();
  await review.waitForURL(/\/console\/reviews\/.+/);
  await review.getByTestId('review-file').waitFor();
  expect((await review.getByTestId('review-file').textContent())?.replace(/\s+/g, '')).toBe(`课后资料：安全手册.pdf（PDF，${PDF.length}B）打开`);
  // 打开 asks the server for the file's address (this revision's reviewers only) and opens it in a new tab.
  const [opened] = await Promise.all([review.context().waitForEvent('page'), review.getByTestId('open-review-file').click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.pdf/);
  const downloaded = await fetch(opened.url());
  expect(Buffer.from(await downloaded.arrayBuffer()).equals(PDF)).toBe(true);
  await opened.close();
  await review.close();
});
