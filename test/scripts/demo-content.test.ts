/**
 * The demo catalogue (content/demo) seeded into a local cloud by scripts/demo/courses.ts through the real
 * importer: every category and format, three series (one step-by-step), quizzes, media served from cloud
 * storage, the two required assignments; committed media are exactly what scripts/demo/media.ts makes.
 * Temporary URLs: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/getTempFileURL.html
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AssignmentDoc, CourseDoc, SeriesDoc } from '../../typings/domain';
import { COURSE_CATEGORIES, COURSE_FORMATS } from '../../typings/domain';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { addInBatches } from '../helpers/demo';
import { countAll, testDb } from '../helpers/db';
import { getCloud } from '../../server/core/cloud';
import { tempUrls } from '../../server/core';
import { buildDemoCompany } from '../../scripts/demo/company';
import { DEMO_ASSIGNMENTS, DEMO_AUTHOR_OPENID, seedCourseDemo } from '../../scripts/demo/courses';
import type { CourseDemoResult } from '../../scripts/demo/courses';
import { DEMO_CONTENT_DIR, DEMO_MEDIA, renderMedia } from '../../scripts/demo/media';
import { FILES_COURSE_SLUG } from '../../scripts/demo/course-files';
import ExcelJS from 'exceljs';

// marked ships only an ES module as its entry, which jest's CommonJS runtime cannot load; its UMD build is
// the same library (the importer's own test runs it under tsx instead). Drop this once jest maps `marked`.

jest.setTimeout(30_000);

// A fixed instant (10:00 Beijing) so due days and the new-hire audience are the same on every run.
const NOW = new Date('2026-03-02T02:00:00Z');
const company = buildDemoCompany(NOW);

let cloud: TestCloud;
let seeded: CourseDemoResult;

async function all<T>(collection: string, filter: Record<string, unknown>): Promise<T[]> {
  const result = (await testDb().collection(collection).where(filter).limit(1000).get()) as unknown as { data: T[] };
  return result.data;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  // The demo company as scripts/demo/index.ts writes it: the assignments target these members.
  const bound = new Map(company.identities.map((identity) => [identity.memberId, identity.openid]));
  await addInBatches('departments', company.departments);
  await addInBatches(
    'members',
    company.members.map((member) => ({ ...member, ...(bound.has(member._id) ? { boundOpenid: bound.get(member._id) } : {}) })),
  );
  await addInBatches(
    'bindings',
    company.identities.map((identity) => ({ _id: identity.openid, memberId: identity.memberId, boundAt: NOW })),
  );
  seeded = await seedCourseDemo(testDb(), getCloud(), NOW, company);
});

afterAll(async () => {
  await cloud.dispose();
});

it('publishes at least 30 courses over every category and format, authored by the demo trainer', async () => {
  const courses = await all<CourseDoc>('courses', { status: 'published' });
  expect(courses.length).toBeGreaterThanOrEqual(30);
  expect(seeded.courses).toBe(courses.length);
  expect(new Set(courses.map((course) => course.category))).toEqual(new Set(COURSE_CATEGORIES));
  expect(new Set(courses.map((course) => course.format))).toEqual(new Set(COURSE_FORMATS));
  const trainer = company.identities.find((identity) => identity.openid === DEMO_AUTHOR_OPENID);
  expect(new Set(courses.map((course) => course.authorId))).toEqual(new Set([trainer?.memberId]));
  // Audiences: some for new hires, some for managers, most for everyone.
  const forEveryone = courses.filter((course) => course.audiences.length === 0).length;
  expect(forEveryone).toBeGreaterThan(courses.length / 2);
  expect(courses.some((course) => course.audiences.includes('new_hire'))).toBe(true);
  expect(courses.some((course) => course.audiences.includes('first_line_manager'))).toBe(true);
  // Articles carry pictures; every course has substance (several paragraphs) and a cover.
  expect(courses.filter((course) => course.format === 'article').every((course) => course.content.blocks.some((block) => block.type === 'image'))).toBe(true);
  for (const course of courses) {
    expect(course.cover).toMatch(/^cloud:\/\//);
    expect(course.content.blocks.filter((block) => block.type === 'paragraph').length).toBeGreaterThanOrEqual(3);
  }
});

it('has three series, the onboarding one unlocking step by step', async () => {
  const series = await all<SeriesDoc>('series', { status: 'published' });
  expect(seeded.series).toBe(3);
  expect(series.map((entry) => entry.title).sort()).toEqual(['客户服务', '新任经理', '新员工入职'].sort());
  expect(series.find((entry) => entry._id === 's:new-hire')).toMatchObject({ stepUnlock: true, audiences: ['new_hire'] });
  expect(series.every((entry) => entry.courseIds.length >= 4)).toBe(true);
});

it('puts quizzes on at least ten courses with every question kind, some required for completion', async () => {
  const withQuiz = (await all<CourseDoc>('courses', { status: 'published' })).filter((course) => course.quiz !== null);
  expect(seeded.quizzes).toBe(withQuiz.length);
  expect(withQuiz.length).toBeGreaterThanOrEqual(10);
  const kinds = new Set(withQuiz.flatMap((course) => course.quiz?.questions.map((question) => question.kind) ?? []));
  expect(kinds).toEqual(new Set(['single', 'multiple', 'true_false']));
  expect(withQuiz.some((course) => course.quiz?.requiredForCompletion)).toBe(true);
  expect(withQuiz.some((course) => (course.quiz?.attemptLimit ?? 0) > 0)).toBe(true);
});

it('uploads the media to cloud storage and serves them by temporary URL with the right content type', async () => {
  const courses = await all<CourseDoc>('courses', { status: 'published' });
  const pick = (format: CourseDoc['format']) => courses.find((course) => course.format === format) as CourseDoc;
  const video = pick('video').content.mediaFileID as string;
  const cover = pick('article').cover as string;
  const audio = pick('audio').content.mediaFileID as string;
  const narration = pick('narrated_article').content.narrationFileID as string;
  const urls = await tempUrls(getCloud(), [video, cover, audio, narration]);

  const fetched = async (fileID: string) => {
    const response = await fetch(urls.get(fileID) as string);
    expect(response.status).toBe(200);
    return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const local = (fileID: string, slug: string) => fs.readFileSync(path.join(DEMO_CONTENT_DIR, slug, path.basename(fileID)));
  const slugOf = (course: CourseDoc) => course._id.replace(/^c:/, '');

  const mp4 = await fetched(video);
  expect(mp4.type).toBe('video/mp4');
  expect(mp4.bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
  expect(mp4.bytes.equals(local(video, slugOf(pick('video'))))).toBe(true);
  const png = await fetched(cover);
  expect(png.type).toBe('image/png');
  expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  for (const [fileID, course] of [
    [audio, pick('audio')],
    [narration, pick('narrated_article')],
  ] as const) {
    const wav = await fetched(fileID);
    expect(wav.type).toBe('audio/wav');
    expect(wav.bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(wav.bytes.equals(local(fileID, slugOf(course)))).toBe(true);
  }
});

it('publishes a course with a real PDF and a real workbook as take-away files, in the demo trainer’s own folder', async () => {
  const [course] = await all<CourseDoc>('courses', { _id: `c:${FILES_COURSE_SLUG}` });
  expect(course?.files?.map(({ name, fileType }) => ({ name, fileType }))).toEqual([
    { name: '查找函数速查表.pdf', fileType: 'pdf' },
    { name: '查找函数练习数据.xlsx', fileType: 'xlsx' },
  ]);
  const [pdf, sheet] = course?.files ?? [];
  for (const file of [pdf, sheet]) expect(file?.fileID).toMatch(new RegExp(`/uploads/${DEMO_AUTHOR_OPENID}/course-file/[^/]+$`));
  const urls = await tempUrls(getCloud(), [pdf?.fileID, sheet?.fileID]);
  const bytes = async (fileID: string | undefined) => Buffer.from(await (await fetch(urls.get(fileID as string) as string)).arrayBuffer());
  const pdfBytes = await bytes(pdf?.fileID);
  expect(pdfBytes.length).toBe(pdf?.size);
  const text = pdfBytes.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  // The cross-reference table points at each object exactly.
  const xref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
  expect(text.slice(xref, xref + 4)).toBe('xref');
  const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
  expect(offsets.map((offset) => text.slice(offset, offset + 7))).toEqual(offsets.map((_, index) => `${index + 1} 0 obj`));
  const workbookBytes = await bytes(sheet?.fileID);
  expect(workbookBytes.length).toBe(sheet?.size);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['Prices', 'Orders']);
  expect(workbook.getWorksheet('Prices')?.getRow(2).values).toEqual([undefined, 'A-01', '签字笔', 3]);
});

it('creates the two required assignments relative to now, targeting the whole company and the new hires', async () => {
  const assignments = await all<AssignmentDoc>('assignments', {});
  expect(assignments).toHaveLength(DEMO_ASSIGNMENTS.length);
  const course = assignments.find((assignment) => assignment.kind === 'course') as AssignmentDoc;
  const series = assignments.find((assignment) => assignment.kind === 'series') as AssignmentDoc;
  // 2026-03-02 in Beijing: due in 2 and 30 days.
  expect(course).toMatchObject({ courseId: 'c:code-of-conduct', dueDay: '2026-03-04', status: 'active', roles: ['learner'] });
  expect(series).toMatchObject({ seriesId: 's:new-hire', dueDay: '2026-04-01', status: 'active', audiences: ['new_hire'] });
  const active = company.members.filter((member) => member.active).length;
  expect(course.assignedCount).toBe(active);
  expect(series.assignedCount).toBeGreaterThan(0);
  expect(series.assignedCount).toBeLessThan(active);
  expect(await countAll('assignmentTargets')).toBe(course.assignedCount + series.assignedCount);
});

it('seeds again without duplicating anything', async () => {
  const before = { courses: await countAll('courses'), targets: await countAll('assignmentTargets') };
  expect(await seedCourseDemo(testDb(), getCloud(), NOW, company)).toEqual(seeded);
  expect({ courses: await countAll('courses'), targets: await countAll('assignmentTargets') }).toEqual(before);
  expect(await all<CourseDoc>('courses', { revision: 1 })).toHaveLength(seeded.courses);
  expect(await countAll('assignments')).toBe(DEMO_ASSIGNMENTS.length);
});

describe('committed media', () => {
  it('are exactly what scripts/demo/media.ts generates, and stay small', () => {
    // Every sound, and one picture of each kind (PNG encoding is slow under jest; pictures of a kind share code).
    const kinds = new Set<string>();
    const sample = Object.entries(DEMO_MEDIA).filter(
      ([, spec]) => spec.kind === 'chime' || spec.kind === 'voice' || (!kinds.has(spec.kind) && kinds.add(spec.kind)),
    );
    expect(kinds).toEqual(new Set(['cover', 'bars', 'quadrant', 'flow', 'tree', 'funnel', 'gift']));
    for (const [file, spec] of sample)
      expect({ file, same: fs.readFileSync(path.join(DEMO_CONTENT_DIR, file)).equals(renderMedia(spec)) }).toEqual({ file, same: true });
    for (const file of Object.keys(DEMO_MEDIA)) expect(fs.existsSync(path.join(DEMO_CONTENT_DIR, file))).toBe(true);
    let total = 0;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else {
          const size = fs.statSync(full).size;
          total += size;
          if (full.endsWith('.wav') || full.endsWith('.png')) expect({ full, size: size < 50_000 }).toEqual({ full, size: true });
          if (full.endsWith('.mp4')) expect({ full, size: size < 100_000 }).toEqual({ full, size: true });
        }
      }
    };
    walk(DEMO_CONTENT_DIR);
    expect(total).toBeLessThan(2_000_000);
  });
});
