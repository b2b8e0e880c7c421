/**
 * The console's Markdown course import end to end (web/src/views/courses/import.vue) in a real browser against
 * the local cloud: a trainer drops a zip built here (one good course with a picture and a take-away PDF, one
 * with bad front matter, a series.yaml); the preview lists both, the broken one with its problem, before
 * anything is sent; 导入 uploads the picture and the PDF into the trainer's own folders, creates the good course
 * as a draft and submits it: it waits in a reviewer's queue, nothing is published. Running the import again
 * skips it. Needs `npm run build` first (npm test runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { CourseAuthoringDoc, CourseRevisionDoc } from '../../typings/domain';
import { grant, readWhere, seedMember } from '../helpers/db';
import { ONE_PIXEL_PNG, useConsole } from '../helpers/console';
import { makeTempDir } from '../helpers/local-cloud';

jest.setTimeout(240_000);

const TRAINER = 'o-webi-trainer';
const REVIEWER = 'o-webi-reviewer';

const web = useConsole();
const HANDOUT = Buffer.from('%PDF-1.4\n%%EOF\n');

async function folderZip(): Promise<Buffer> {
  const zip = new JSZip();
  const root = zip.folder('安全课程') as JSZip;
  root.file(
    'listening/course.md',
    [
      '---',
      'title: 倾听的力量',
      'summary: 三分钟学会积极倾听',
      'category: general_skills',
      'format: article',
      'durationMinutes: 3',
      'tags: [沟通]',
      'files: [倾听手册.pdf]',
      '---',
      '# 为什么要倾听',
      '',
      '倾听让对方感到被**尊重**。',
      '',
      '![倾听示意图](picture.png)',
      '',
    ].join('\n'),
  );
  root.file('listening/picture.png', ONE_PIXEL_PNG);
  root.file('listening/倾听手册.pdf', HANDOUT);
  root.file('broken/course.md', '---\ntitle: 坏课程\ncategory: nowhere\nformat: article\ndurationMinutes: 2\n---\n正文\n');
  root.file('series.yaml', '- id: soft-skills\n  title: 软技能\n  courses: [listening]\n  stepUnlock: true\n');
  return zip.generateAsync({ type: 'nodebuffer' });
}

beforeAll(async () => {
  await seedMember(TRAINER, 'm:webi-trainer', { name: '冯讲师', roles: [grant('trainer')] });
  await seedMember(REVIEWER, 'm:webi-reviewer', { name: '陈审核', roles: [grant('reviewer')] });
});

test('a zip previews with its broken course named, imports the good one as a draft in review, and skips it on a second run', async () => {
  const page = await web.signInByScan(TRAINER, '/console/courses');
  await page.getByTestId('import-courses').click();
  await page.waitForURL(/\/console\/courses\/import$/);
  // The menu still shows where the trainer is: the catalogue.
  await page.getByTestId('menu').locator('.t-is-active', { hasText: '课程目录' }).waitFor();

  await page.getByTestId('import-zip').setInputFiles({ name: 'courses.zip', mimeType: 'application/zip', buffer: await folderZip() });
  await page.getByTestId('import-summary').getByText('共 2 门课程，可导入 1 门，1 门有问题将跳过；系列 1 个').waitFor();
  expect(await page.getByTestId('import-problem-broken').textContent()).toBe('安全课程/broken/course.md：参数 category 的取值不在允许范围内');
  await page.getByTestId('import-preview').getByText('倾听的力量').waitFor();
  // Nothing was sent for the preview.
  expect(await readWhere('courseAuthoring', { authorId: 'm:webi-trainer' })).toEqual([]);

  await page.getByTestId('import-run').click();
  await page.getByTestId('import-outcome').getByText('导入完成：提交审核 1 门，跳过 0 门，失败 0 门。').waitFor();
  await page.getByTestId('import-series').getByText('课程审核通过后再次导入，即可创建此系列').waitFor();

  const [course] = await readWhere<CourseAuthoringDoc>('courseAuthoring', { authorId: 'm:webi-trainer' });
  expect(course).toMatchObject({ title: '倾听的力量', courseStatus: 'in_review', openStatus: 'in_review', publishedRevision: 0 });
  const [revision] = await readWhere<CourseRevisionDoc>('courseRevisions', { courseId: course?._id });
  expect(revision?.fields.content.blocks).toEqual([
    { type: 'heading', text: '为什么要倾听' },
    { type: 'paragraph', text: '倾听让对方感到被尊重。' },
    { type: 'image', caption: '倾听示意图', fileID: expect.stringMatching(new RegExp(`/uploads/${TRAINER}/course-media/[0-9a-f]+-picture\\.png$`)) },
  ]);
  // The take-away file (课后资料) went into the trainer's own course-file folder, listed by name, type and size.
  expect(revision?.fields.files).toEqual([
    { name: '倾听手册.pdf', fileType: 'pdf', size: HANDOUT.length, fileID: expect.stringMatching(new RegExp(`/uploads/${TRAINER}/course-file/[^/]+\\.pdf$`)) },
  ]);
  expect(await readWhere('courses', { _id: course?._id })).toEqual([]);
  const queue = await web.asMiniProgram(REVIEWER, 'authoring', { action: 'reviewQueue' });
  expect(queue.data.items).toEqual([expect.objectContaining({ courseId: course?._id, title: '倾听的力量', authorName: '冯讲师' })]);

  await page.getByTestId('import-run').click();
  await page.getByTestId('import-outcome').getByText('导入完成：提交审核 0 门，跳过 1 门，失败 0 门。').waitFor();
  expect(await page.getByTestId('import-state-listening').textContent()).toBe('已跳过');
  expect(await readWhere('courseAuthoring', { authorId: 'm:webi-trainer' })).toHaveLength(1);
});

test('Enter in a form field never saves: the series drawer stays open with nothing created (README, the Enter key)', async () => {
  const page = await web.signInByScan(TRAINER, '/console/series');
  await page.getByTestId('new-series').click();
  const title = page.getByTestId('series-title').locator('input');
  await title.fill('按回车的系列');
  await title.press('Enter');
  // Give a submit, had there been one, the time to reach the server.
  await page.waitForTimeout(500);
  await title.waitFor();
  expect(await title.inputValue()).toBe('按回车的系列');
  expect(await readWhere('series', {})).toEqual([]);
  // The menu lights 课程系列, the screen's own entry.
  await page.getByTestId('menu').locator('.t-is-active', { hasText: '课程系列' }).waitFor();
});

test('a picked folder (webkitdirectory) previews like a zip: each course with its files found by their path', async () => {
  const folder = path.join(makeTempDir('weike-import-folder-'), '沟通课程');
  fs.mkdirSync(path.join(folder, 'feedback'), { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'feedback', 'course.md'),
    '---\ntitle: 如何给反馈\ncategory: general_skills\nformat: article\ndurationMinutes: 4\ncover: cover.png\n---\n# 先说事实\n\n再说影响。\n',
  );
  fs.writeFileSync(path.join(folder, 'feedback', 'cover.png'), ONE_PIXEL_PNG);
  const page = await web.signInByScan(TRAINER, '/console/courses/import');
  await page.getByTestId('import-folder').setInputFiles(folder);
  await page.getByTestId('import-summary').getByText('共 1 门课程，可导入 1 门').waitFor();
  await page.getByTestId('import-preview').getByText('如何给反馈').waitFor();
  fs.rmSync(path.dirname(folder), { recursive: true, force: true });
});
