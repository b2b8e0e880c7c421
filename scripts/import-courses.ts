/**
 * Bulk course import (批量导入课程): `tsx scripts/import-courses.ts <folder> [--env <envId>] [--author <memberId>]`.
 * The folder format is documented in content/README.md: one sub-folder per course with `course.md` (YAML
 * front matter + Markdown body) and its media files, and an optional `series.yaml`. Each course is checked
 * whole before anything of it is written, then its files are uploaded and it is published in one transaction;
 * the folder name is the course's slug, so importing again updates in place. The reading rules (front matter,
 * Markdown, series.yaml) are typings/course-folder.ts's, the same the console's import previews with.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CourseFieldsDoc } from '../typings/domain';
import { COURSE_FILE, CourseFolderError, readCourseText, readSeriesText, SERIES_FILE, withUploadedFiles, type SeriesSource } from '../typings/course-folder';
import type { Database, WxCloud } from '../server/core';
import { pickFields } from '../server/authoring/fields';
import { publishDirectly } from '../server/authoring/revisions';
import type { Author, ImportOutcome } from '../server/authoring/revisions';
import { saveSeries } from '../server/authoring/series';
import { connect, runCli, takeEnvOption } from './cli-env';

export const IMPORT_AUTHOR: Author = { memberId: 'system:import', name: '批量导入', departmentId: '' };

export interface CourseSource {
  slug: string;
  dir: string;
  /** Fields with `local://<name>` where fileIDs will go. */
  fields: CourseFieldsDoc;
  /** Local files to upload: name in the fields → full path. */
  files: Map<string, string>;
}

/** The size of a file of the course folder `dir`, undefined when there is none. */
function sizeInFolder(dir: string, name: string): number | undefined {
  const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
  return stat?.isFile() ? stat.size : undefined;
}

/** Reads and checks one course folder; throws CourseFolderError naming the file. Nothing is written. */
export function readCourse(dir: string): CourseSource {
  const slug = path.basename(dir);
  const file = path.join(dir, COURSE_FILE);
  if (!fs.existsSync(file)) throw new CourseFolderError(`${file}：文件不存在`);
  const source = readCourseText(slug, fs.readFileSync(file, 'utf8'), file, (name) => sizeInFolder(dir, name));
  return { slug, dir, fields: pickFields(source.fields), files: new Map(source.files.map((name) => [name, path.join(dir, name)])) };
}

export function courseIdOf(slug: string): string {
  return `c:${slug}`;
}

async function uploadAndPublish(db: Database, cloud: WxCloud, source: CourseSource, author: Author, now: Date): Promise<ImportOutcome> {
  const ids = new Map<string, string>();
  for (const [name, full] of source.files) {
    const cloudPath = `courses/${source.slug}/${path.basename(full)}`;
    const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: fs.readFileSync(full) })) as { fileID: string };
    ids.set(name, fileID);
  }
  return publishDirectly(db, courseIdOf(source.slug), withUploadedFiles(source.fields, ids), author, now);
}

function readSeries(folder: string): SeriesSource[] {
  const file = path.join(folder, SERIES_FILE);
  return fs.existsSync(file) ? readSeriesText(fs.readFileSync(file, 'utf8'), file) : [];
}

export interface ImportReport {
  courses: { slug: string; outcome: ImportOutcome }[];
  series: string[];
  errors: string[];
}

/** Imports every course folder under `folder`, then the series. Bad courses are reported and skipped whole. */
export async function importCourses(db: Database, cloud: WxCloud, folder: string, options: { author?: Author; now?: Date } = {}): Promise<ImportReport> {
  const author = options.author ?? IMPORT_AUTHOR;
  const now = options.now ?? new Date();
  const report: ImportReport = { courses: [], series: [], errors: [] };
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new CourseFolderError(`${folder}：文件夹不存在`);
  const dirs = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(folder, entry.name))
    .sort();
  const imported = new Set<string>();
  for (const dir of dirs) {
    try {
      const source = readCourse(dir);
      report.courses.push({ slug: source.slug, outcome: await uploadAndPublish(db, cloud, source, author, now) });
      imported.add(source.slug);
    } catch (err) {
      if (!(err instanceof CourseFolderError)) throw err;
      report.errors.push(err.message);
    }
  }
  let series: SeriesSource[] = [];
  try {
    series = readSeries(folder);
  } catch (err) {
    if (!(err instanceof CourseFolderError)) throw err;
    report.errors.push(err.message);
  }
  for (const entry of series) {
    const missing = entry.courses.find((slug) => !imported.has(slug));
    if (missing) {
      report.errors.push(`${path.join(folder, SERIES_FILE)}：系列 ${entry.id} 引用的课程 ${missing} 未导入`);
      continue;
    }
    await saveSeries(
      db,
      `s:${entry.id}`,
      {
        title: entry.title,
        summary: entry.summary,
        cover: null,
        courseIds: entry.courses.map(courseIdOf),
        stepUnlock: entry.stepUnlock,
        audiences: entry.audiences,
      },
      null,
      now,
    );
    report.series.push(entry.id);
  }
  return report;
}

const OUTCOME_LABELS: Record<ImportOutcome, string> = { created: '新建', updated: '更新', unchanged: '未变' };

async function main(args: string[]): Promise<number> {
  const envId = takeEnvOption(args);
  const authorIndex = args.indexOf('--author');
  const authorId = authorIndex >= 0 ? args.splice(authorIndex, 2)[1] : undefined;
  const folder = args[0];
  if (!folder || args.length !== 1) {
    console.error('用法：tsx scripts/import-courses.ts <课程文件夹> [--env <环境ID>] [--author <员工ID>]');
    return 2;
  }
  const target = await connect(envId);
  const author = authorId ? { memberId: authorId, name: authorId, departmentId: '' } : IMPORT_AUTHOR;
  const report = await importCourses(target.db, target.cloud, path.resolve(folder), { author });
  for (const course of report.courses) console.log(`${OUTCOME_LABELS[course.outcome]}  ${course.slug}`);
  for (const id of report.series) console.log(`系列  ${id}`);
  for (const error of report.errors) console.error(`错误：${error}`);
  console.log(`导入到 ${target.description}：课程 ${report.courses.length} 门，系列 ${report.series.length} 个，失败 ${report.errors.length} 项`);
  return report.errors.length > 0 ? 1 : 0;
}

if (require.main === module) runCli(main);
