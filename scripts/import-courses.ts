/**
 * Bulk course import (批量导入课程): `tsx scripts/import-courses.ts <folder> [--env <envId>] [--author <memberId>]`.
 * The folder format is documented in content/README.md: one sub-folder per course with `course.md` (YAML
 * front matter + Markdown body) and its media files, and an optional `series.yaml`. Each course is checked
 * whole before anything of it is written, then its files are uploaded and it is published in one transaction;
 * the folder name is the course's slug, so importing again updates in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import YAML from 'yaml';
import type { CourseFieldsDoc, ContentBlock } from '../typings/domain';
import { AUDIENCES } from '../typings/domain';
import { courseFieldsSchema } from '../typings/functions/authoring';
import type { Database, WxCloud } from '../server/core';
import { parseInput } from '../server/core/validate';
import { courseFieldsProblem, pickFields } from '../server/authoring/fields';
import { publishDirectly } from '../server/authoring/revisions';
import type { Author, ImportOutcome } from '../server/authoring/revisions';
import { saveSeries } from '../server/authoring/series';
import { connect, runCli, takeEnvOption } from './cli-env';

export const IMPORT_AUTHOR: Author = { memberId: 'system:import', name: '批量导入', departmentId: '' };

export class ImportError extends Error {}

interface FrontMatter {
  [key: string]: unknown;
}

/** Splits `---\nyaml\n---\nbody`. */
function splitFrontMatter(text: string, file: string): { data: FrontMatter; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new ImportError(`${file}：缺少以 --- 包围的 YAML 头信息`);
  let data: unknown;
  try {
    data = YAML.parse(match[1] as string);
  } catch (err) {
    throw new ImportError(`${file}：YAML 头信息格式错误（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ImportError(`${file}：YAML 头信息应为键值对`);
  return { data: data as FrontMatter, body: match[2] as string };
}

/** Plain text of inline tokens (emphasis and links keep their words). */
function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens.map((token) => ('tokens' in token && token.tokens ? inlineText(token.tokens, '') : 'text' in token ? String(token.text) : '')).join('');
}

/** Markdown → content blocks; images become `{ type: 'image', file }` to be replaced by uploaded fileIDs. */
export function markdownBlocks(body: string): (ContentBlock | { type: 'localImage'; file: string; caption?: string })[] {
  const blocks: (ContentBlock | { type: 'localImage'; file: string; caption?: string })[] = [];
  for (const token of marked.lexer(body)) {
    if (token.type === 'heading') blocks.push({ type: 'heading', text: inlineText((token as Tokens.Heading).tokens, (token as Tokens.Heading).text).trim() });
    else if (token.type === 'paragraph') {
      const paragraph = token as Tokens.Paragraph;
      const images = paragraph.tokens.filter((inner): inner is Tokens.Image => inner.type === 'image');
      for (const image of images) blocks.push({ type: 'localImage', file: image.href, ...(image.text ? { caption: image.text } : {}) });
      const text = inlineText(
        paragraph.tokens.filter((inner) => inner.type !== 'image'),
        '',
      ).trim();
      if (text) blocks.push({ type: 'paragraph', text });
    } else if (token.type === 'list') {
      for (const item of (token as Tokens.List).items) blocks.push({ type: 'paragraph', text: `• ${inlineText(item.tokens, item.text).trim()}` });
    } else if (token.type === 'blockquote' || token.type === 'code') blocks.push({ type: 'paragraph', text: (token as Tokens.Blockquote).text.trim() });
  }
  return blocks;
}

export interface CourseSource {
  slug: string;
  dir: string;
  file: string;
  /** Fields with local file names where fileIDs will go. */
  fields: CourseFieldsDoc;
  /** Local files to upload, by the placeholder used in `fields`. */
  files: Map<string, string>;
}

const LOCAL = 'local://';

/** Reads and checks one course folder; throws ImportError naming the file. Nothing is written. */
export function readCourse(dir: string): CourseSource {
  const slug = path.basename(dir);
  const file = path.join(dir, 'course.md');
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(slug)) throw new ImportError(`${dir}：文件夹名应为小写字母、数字和连字符（作为课程标识）`);
  if (!fs.existsSync(file)) throw new ImportError(`${file}：文件不存在`);
  const { data, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'), file);
  const files = new Map<string, string>();
  const local = (name: unknown, key: string): string | undefined => {
    if (name === undefined || name === null) return undefined;
    if (typeof name !== 'string' || name.includes('..') || path.isAbsolute(name)) throw new ImportError(`${file}：${key} 应为课程文件夹内的文件名`);
    const full = path.join(dir, name);
    if (!fs.existsSync(full)) throw new ImportError(`${file}：${key} 引用的文件 ${name} 不存在`);
    files.set(`${LOCAL}${name}`, full);
    return `${LOCAL}${name}`;
  };
  const blocks = markdownBlocks(body).map((block) =>
    block.type === 'localImage'
      ? { type: 'image' as const, fileID: local(block.file, '正文图片') as string, ...(block.caption ? { caption: block.caption } : {}) }
      : block,
  );
  const known = new Set([
    'title',
    'summary',
    'category',
    'format',
    'audiences',
    'durationMinutes',
    'tags',
    'cover',
    'media',
    'narration',
    'h5Url',
    'mediaSeconds',
    'quiz',
  ]);
  const unknown = Object.keys(data).find((key) => !known.has(key));
  if (unknown) throw new ImportError(`${file}：不支持的头信息字段 ${unknown}`);
  const content: Record<string, unknown> = { blocks };
  const media = local(data.media, 'media');
  const narration = local(data.narration, 'narration');
  if (media) content.mediaFileID = media;
  if (narration) content.narrationFileID = narration;
  if (data.h5Url !== undefined) content.h5Url = data.h5Url;
  if (data.mediaSeconds !== undefined) content.mediaSeconds = data.mediaSeconds;
  const raw = {
    title: data.title,
    summary: data.summary ?? '',
    cover: local(data.cover, 'cover') ?? null,
    category: data.category,
    format: data.format,
    audiences: data.audiences ?? [],
    durationMinutes: data.durationMinutes,
    tags: (data.tags ?? []) as unknown,
    content,
    quiz: data.quiz ?? null,
  };
  // Local placeholders pass the schema's cloud:// check as if uploaded.
  const asUploaded = JSON.parse(JSON.stringify(raw).split(LOCAL).join('cloud://import/')) as unknown;
  let parsed: CourseFieldsDoc;
  try {
    parsed = parseInput(courseFieldsSchema, asUploaded) as CourseFieldsDoc;
  } catch (err) {
    throw new ImportError(`${file}：${err instanceof Error ? err.message : String(err)}`);
  }
  const problem = courseFieldsProblem(parsed);
  if (problem) throw new ImportError(`${file}：${problem}`);
  const fields = JSON.parse(JSON.stringify(parsed).split('cloud://import/').join(LOCAL)) as CourseFieldsDoc;
  return { slug, dir, file, fields: pickFields(fields), files };
}

export function courseIdOf(slug: string): string {
  return `c:${slug}`;
}

async function uploadAndPublish(db: Database, cloud: WxCloud, source: CourseSource, author: Author, now: Date): Promise<ImportOutcome> {
  const ids = new Map<string, string>();
  for (const [placeholder, full] of source.files) {
    const cloudPath = `courses/${source.slug}/${path.basename(full)}`;
    const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: fs.readFileSync(full) })) as { fileID: string };
    ids.set(placeholder, fileID);
  }
  const text = JSON.stringify(source.fields).replace(/"local:\/\/([^"]*)"/g, (whole) => JSON.stringify(ids.get(JSON.parse(whole) as string)));
  return publishDirectly(db, courseIdOf(source.slug), JSON.parse(text) as CourseFieldsDoc, author, now);
}

interface SeriesSource {
  id: string;
  title: string;
  summary: string;
  courses: string[];
  stepUnlock: boolean;
  audiences: CourseFieldsDoc['audiences'];
}

function readSeries(folder: string): SeriesSource[] {
  const file = path.join(folder, 'series.yaml');
  if (!fs.existsSync(file)) return [];
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ImportError(`${file}：YAML 格式错误（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）`);
  }
  if (!Array.isArray(data)) throw new ImportError(`${file}：应为系列的列表`);
  return data.map((entry: Record<string, unknown>, index) => {
    const where = `${file}：第 ${index + 1} 个系列`;
    if (typeof entry.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(entry.id)) throw new ImportError(`${where}的 id 应为小写字母、数字和连字符`);
    if (typeof entry.title !== 'string' || entry.title.trim() === '') throw new ImportError(`${where}缺少 title`);
    if (!Array.isArray(entry.courses) || entry.courses.length === 0 || entry.courses.some((slug) => typeof slug !== 'string'))
      throw new ImportError(`${where}的 courses 应为课程文件夹名的列表`);
    const audiences = (entry.audiences ?? []) as string[];
    if (!Array.isArray(audiences) || audiences.some((audience) => !(AUDIENCES as readonly string[]).includes(audience)))
      throw new ImportError(`${where}的 audiences 取值不正确`);
    return {
      id: entry.id,
      title: entry.title.trim(),
      summary: typeof entry.summary === 'string' ? entry.summary : '',
      courses: entry.courses as string[],
      stepUnlock: entry.stepUnlock === true,
      audiences: audiences as SeriesSource['audiences'],
    };
  });
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
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new ImportError(`${folder}：文件夹不存在`);
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
      if (!(err instanceof ImportError)) throw err;
      report.errors.push(err.message);
    }
  }
  let series: SeriesSource[] = [];
  try {
    series = readSeries(folder);
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    report.errors.push(err.message);
  }
  for (const entry of series) {
    const missing = entry.courses.find((slug) => !imported.has(slug));
    if (missing) {
      report.errors.push(`${path.join(folder, 'series.yaml')}：系列 ${entry.id} 引用的课程 ${missing} 未导入`);
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
