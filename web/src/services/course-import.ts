/**
 * The console's bulk course import (批量导入): a dropped .zip or a picked folder of Markdown courses (the format
 * of content/README.md) read in the browser with the CLI's own reader (typings/course-folder.ts), previewed
 * course by course, then imported through the review gate: each course's files upload into the trainer's own
 * folder (services/upload.ts), the course is created as a draft with its folder name as import key and
 * submitted for review. Nothing is published here. Re-running asks the server what earlier runs made
 * (authoring.importStatus) and skips it; a draft an interrupted run left is submitted. A series from
 * series.yaml is created (as a draft) once all its courses have passed review, so running the import again
 * after review creates it.
 */
import type { CourseFieldsDoc } from '../../../typings/domain';
import {
  COURSE_FILE,
  CourseFolderError,
  readCourseText,
  readSeriesText,
  SERIES_FILE,
  splitFrontMatter,
  withUploadedFiles,
  type SeriesSource,
} from '../../../typings/course-folder';
import { IMPORT_KEYS_MAX, type ImportedCourseView } from '../../../typings/functions/authoring';
import { call, isApiError } from './transport';
import { errorMessage } from './errors';
import { uploadFile } from './upload';

/** One course of the folder as the preview shows it. */
export interface ImportCourse {
  slug: string;
  /** Where course.md sits in the folder or zip. */
  path: string;
  title: string;
  blocks: number;
  /** Local files (pictures, media) the course uploads. */
  files: number;
  /** Why the course cannot be imported (named by file), or null. */
  problem: string | null;
  fields: CourseFieldsDoc | null;
  /** The course's local files by the name the fields use. */
  blobs: Map<string, Blob>;
  /** Those that are take-away files (课后资料): uploaded as such (`course-file`), the rest as media. */
  takeaway: Set<string>;
}

export interface ImportSeries {
  source: SeriesSource;
  problem: string | null;
}

export interface ImportFolder {
  courses: ImportCourse[];
  series: ImportSeries[];
  /** A problem with series.yaml as a whole, or with the folder. */
  problems: string[];
}

/** A file of the dropped folder or zip: its path inside, how to read it, and its size when known without reading. */
interface Entry {
  path: string;
  blob: () => Promise<Blob>;
  size?: number;
}

/** The import reads at most this much; a bigger folder is imported in parts. */
export const IMPORT_MAX_BYTES = 500 * 1024 * 1024;

const IGNORED = /(^|\/)(__MACOSX|\.[^/]*)(\/|$)/;

async function zipEntries(file: File): Promise<Entry[]> {
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    throw new CourseFolderError(`${file.name}：无法读取压缩包，请确认是 .zip 文件`);
  }
  return Object.values(zip.files)
    .filter((inner) => !inner.dir)
    .map((inner) => {
      // Read once: the preview reads a course folder's files for their sizes, the import uploads them.
      let read: Promise<Blob> | undefined;
      return { path: inner.name, blob: () => (read ??= inner.async('blob')) };
    });
}

/** The files of a dropped .zip, or of a picked folder (`webkitdirectory`: each file carries its relative path). */
export async function entriesOf(files: readonly File[]): Promise<Entry[]> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > IMPORT_MAX_BYTES) throw new CourseFolderError(`文件过大（最大 ${IMPORT_MAX_BYTES / 1024 / 1024} MB），请分批导入`);
  const first = files[0];
  const entries =
    files.length === 1 && first && /\.zip$/i.test(first.name)
      ? await zipEntries(first)
      : files.map((file) => ({ path: file.webkitRelativePath || file.name, blob: async () => file, size: file.size }));
  return entries.filter((entry) => !IGNORED.test(entry.path));
}

const parentOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** A title to list a broken course by: its front matter's, when that much reads. */
function titleFrom(text: string, slug: string): string {
  try {
    const { data } = splitFrontMatter(text, '');
    return typeof data.title === 'string' && data.title.trim() ? data.title.trim() : slug;
  } catch {
    return slug;
  }
}

/** The sizes of the files under `dir` by path (a zip's entries are read for theirs; a picked folder's are known). */
async function sizesUnder(entries: readonly Entry[], dir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const entry of entries) {
    if (dir && !entry.path.startsWith(`${dir}/`)) continue;
    sizes.set(entry.path, entry.size ?? (await entry.blob()).size);
  }
  return sizes;
}

/** Reads every course (a folder holding course.md) and series.yaml; nothing is sent anywhere. */
export async function readImportFolder(entries: readonly Entry[]): Promise<ImportFolder> {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const courseFiles = entries.filter((entry) => baseName(entry.path) === COURSE_FILE).sort((a, b) => a.path.localeCompare(b.path));
  const problems: string[] = [];
  if (courseFiles.length === 0) problems.push(`没有找到课程：每门课程应是一个包含 ${COURSE_FILE} 的文件夹`);
  if (courseFiles.length > IMPORT_KEYS_MAX) problems.push(`一次最多导入 ${IMPORT_KEYS_MAX} 门课程，请分批导入`);
  const courses: ImportCourse[] = [];
  const seen = new Set<string>();
  for (const entry of courseFiles.slice(0, IMPORT_KEYS_MAX)) {
    const dir = parentOf(entry.path);
    const slug = baseName(dir);
    const text = await (await entry.blob()).text();
    const course: ImportCourse = {
      slug,
      path: entry.path,
      title: titleFrom(text, slug),
      blocks: 0,
      files: 0,
      problem: null,
      fields: null,
      blobs: new Map(),
      takeaway: new Set(),
    };
    try {
      if (seen.has(slug)) throw new CourseFolderError(`${entry.path}：课程文件夹名 ${slug} 与前面的课程重复`);
      const inFolder = (name: string) => (dir ? `${dir}/${name}` : name);
      const sizes = await sizesUnder(entries, dir);
      const source = readCourseText(slug, text, entry.path, (name) => sizes.get(inFolder(name)));
      course.fields = source.fields;
      course.title = source.fields.title;
      course.blocks = source.fields.content.blocks.length;
      course.files = source.files.length;
      course.takeaway = new Set(source.takeaway);
      for (const name of source.files) course.blobs.set(name, await (byPath.get(inFolder(name)) as Entry).blob());
    } catch (err) {
      if (!(err instanceof CourseFolderError)) throw err;
      course.problem = err.message;
    }
    seen.add(slug);
    courses.push(course);
  }
  const series: ImportSeries[] = [];
  // series.yaml sits beside the course folders.
  const root = courseFiles[0] ? parentOf(parentOf(courseFiles[0].path)) : '';
  const seriesEntry = byPath.get(root ? `${root}/${SERIES_FILE}` : SERIES_FILE);
  if (seriesEntry) {
    try {
      const good = new Set(courses.filter((course) => !course.problem).map((course) => course.slug));
      for (const source of readSeriesText(await (await seriesEntry.blob()).text(), seriesEntry.path)) {
        const missing = source.courses.find((slug) => !good.has(slug));
        series.push({ source, problem: missing ? `${seriesEntry.path}：系列 ${source.id} 引用的课程 ${missing} 不在可导入的课程中` : null });
      }
    } catch (err) {
      if (!(err instanceof CourseFolderError)) throw err;
      problems.push(err.message);
    }
  }
  return { courses, series, problems };
}

export type ImportState = 'waiting' | 'uploading' | 'creating' | 'submitted' | 'skipped' | 'failed' | 'held';

export interface ImportProgress {
  state: ImportState;
  /** 0–100 while uploading. */
  percent: number;
  /** What happened, in Chinese: the server's message on failure. */
  message: string;
}

type Report = (key: string, progress: ImportProgress) => void;

/** Uploads one course's files, creates its draft under its import key and submits it for review. */
async function importCourse(course: ImportCourse, report: Report): Promise<void> {
  const uploaded = new Map<string, string>();
  let done = 0;
  for (const [name, blob] of course.blobs) {
    const file = new File([blob], name, { type: blob.type });
    const { fileID } = await uploadFile(file, course.takeaway.has(name) ? 'course-file' : 'course-media', (percent) =>
      report(course.slug, { state: 'uploading', percent: Math.round((100 * done + percent) / course.blobs.size), message: `上传 ${name}` }),
    );
    uploaded.set(name, fileID);
    done += 1;
  }
  report(course.slug, { state: 'creating', percent: 100, message: '创建草稿' });
  const fields = withUploadedFiles(course.fields as CourseFieldsDoc, uploaded);
  const draft = await call('authoring', 'createCourse', { fields, importKey: course.slug });
  await call('authoring', 'submitForReview', { courseId: draft.courseId });
  report(course.slug, { state: 'submitted', percent: 100, message: '已提交审核' });
}

function earlier(found: ImportedCourseView): ImportProgress {
  if (found.courseStatus === 'published' || found.courseStatus === 'archived') return { state: 'skipped', percent: 100, message: '已导入并已发布，跳过' };
  return { state: 'skipped', percent: 100, message: found.openStatus === 'returned' ? '已导入，审核退回，请在编辑器中修改' : '已导入，正在审核，跳过' };
}

/**
 * Imports every course without a problem, one after another (uploads are the slow part and share one
 * connection), then the series. `report` gets each course's (by slug) and series' (by `series:<id>`) progress.
 */
export async function runImport(folder: ImportFolder, report: Report): Promise<void> {
  const courses = folder.courses.filter((course) => !course.problem);
  const series = folder.series.filter((entry) => !entry.problem);
  const seriesKeys = series.map((entry) => entry.source.id);
  const status = await call('authoring', 'importStatus', { courseKeys: courses.map((course) => course.slug), seriesKeys });
  const found = new Map(status.courses.map((course) => [course.importKey, course]));
  for (const course of courses) {
    const before = found.get(course.slug);
    try {
      if (before && before.openStatus === 'draft') {
        // An earlier run stopped between creating and submitting.
        await call('authoring', 'submitForReview', { courseId: before.courseId });
        report(course.slug, { state: 'submitted', percent: 100, message: '已导入的草稿，已提交审核' });
      } else if (before) report(course.slug, earlier(before));
      else await importCourse(course, report);
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT' && !before) report(course.slug, { state: 'skipped', percent: 100, message: errorMessage(err) });
      else report(course.slug, { state: 'failed', percent: 0, message: errorMessage(err, '导入失败，请重试') });
    }
  }
  if (series.length === 0) return;
  const now = await call('authoring', 'importStatus', { courseKeys: courses.map((course) => course.slug), seriesKeys });
  const made = new Set(now.series.map((entry) => entry.importKey));
  const courseIds = new Map(now.courses.map((course) => [course.importKey, course]));
  for (const { source } of series) {
    const key = `series:${source.id}`;
    if (made.has(source.id)) {
      report(key, { state: 'skipped', percent: 100, message: '系列已导入过，跳过' });
      continue;
    }
    const members = source.courses.map((slug) => courseIds.get(slug));
    if (members.some((course) => course?.courseStatus !== 'published')) {
      report(key, { state: 'held', percent: 0, message: '课程审核通过后再次导入，即可创建此系列' });
      continue;
    }
    try {
      await call('authoring', 'createSeries', {
        title: source.title,
        summary: source.summary,
        cover: null,
        courseIds: members.map((course) => (course as ImportedCourseView).courseId),
        stepUnlock: source.stepUnlock,
        audiences: source.audiences,
        publish: false,
        importKey: source.id,
      });
      report(key, { state: 'submitted', percent: 100, message: '系列已创建为草稿' });
    } catch (err) {
      report(key, { state: 'failed', percent: 0, message: errorMessage(err, '创建系列失败，请重试') });
    }
  }
}
