/**
 * The Markdown course folder (批量导入格式, content/README.md) read from text: front matter + Markdown body →
 * a course's fields, and series.yaml → series. One reader for the CLI import (scripts/import-courses.ts, files
 * from disk) and the console's import (web/src/services/course-import.ts, files from a zip or a picked
 * folder), so a folder previews in the browser exactly as the CLI would take it. Nothing here touches files:
 * callers say which files exist and their sizes. Local files stay `local://<name>` placeholders until uploaded.
 */
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import type { ContentBlock, CourseFieldsDoc, TakeawayFileDoc, TakeawayFileType } from './domain';
import { AUDIENCES } from './domain';
import { courseFieldsSchema } from './functions/authoring';
import { courseFieldsProblem } from './course-rules';
import { issueMessage } from './input-messages';
import { TAKEAWAY_LIMITS, takeawayFileOf, takeawayFileProblem } from './takeaway-files';

/** A course folder's name: its slug, the CLI's course id `c:<slug>` and the console's import key. */
export const COURSE_SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const COURSE_FILE = 'course.md';
export const SERIES_FILE = 'series.yaml';
/** Where a local file's name stands in the fields until it is uploaded. */
export const LOCAL_FILE = 'local://';

/** A problem with the folder; the message names the file and is shown as it is. */
export class CourseFolderError extends Error {}

type FrontMatter = Record<string, unknown>;

/** Splits `---\nyaml\n---\nbody`. */
export function splitFrontMatter(text: string, file: string): { data: FrontMatter; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new CourseFolderError(`${file}：缺少以 --- 包围的 YAML 头信息`);
  let data: unknown;
  try {
    data = parseYaml(match[1] as string);
  } catch (err) {
    throw new CourseFolderError(`${file}：YAML 头信息格式错误（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new CourseFolderError(`${file}：YAML 头信息应为键值对`);
  return { data: data as FrontMatter, body: match[2] as string };
}

/** Plain text of inline tokens (emphasis and links keep their words). */
function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens.map((token) => ('tokens' in token && token.tokens ? inlineText(token.tokens, '') : 'text' in token ? String(token.text) : '')).join('');
}

export type SourceBlock = ContentBlock | { type: 'localImage'; file: string; caption?: string };

/** Markdown → content blocks; pictures become `localImage` blocks naming their file. */
export function markdownBlocks(body: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
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

const FRONT_MATTER_KEYS = new Set([
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
  'files',
]);

export interface CourseSource {
  slug: string;
  /** The fields, checked against the contract; local files as `local://<name>`. */
  fields: CourseFieldsDoc;
  /** Names (relative to the course folder) of the local files the fields use, each once. */
  files: string[];
  /** Those of them that are take-away files (课后资料, the fields' `files`): the console uploads them as such. */
  takeaway: string[];
}

/** The file name without its folders: what a take-away file is listed as. */
const fileNameOf = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * Reads one course from its course.md `text`; `sizeOf(name)` gives the size in bytes of a file of the course
 * folder, undefined when there is none. Throws CourseFolderError naming `file` on the first problem: bad front
 * matter, a missing file, a take-away file of another type or too large, a value over the contract's limits
 * (the schema's own message) or a cross-field rule (typings/course-rules.ts).
 */
export function readCourseText(slug: string, text: string, file: string, sizeOf: (name: string) => number | undefined): CourseSource {
  if (!COURSE_SLUG.test(slug)) throw new CourseFolderError(`${slug}：文件夹名应为小写字母、数字和连字符（作为课程标识）`);
  const { data, body } = splitFrontMatter(text, file);
  const unknown = Object.keys(data).find((key) => !FRONT_MATTER_KEYS.has(key));
  if (unknown) throw new CourseFolderError(`${file}：不支持的头信息字段 ${unknown}`);
  const files: string[] = [];
  const local = (name: unknown, key: string): string | undefined => {
    if (name === undefined || name === null) return undefined;
    if (typeof name !== 'string' || name === '' || name.includes('..') || /^([A-Za-z]:)?[\\/]|^[a-z]+:\/\//i.test(name))
      throw new CourseFolderError(`${file}：${key} 应为课程文件夹内的文件名`);
    if (sizeOf(name) === undefined) throw new CourseFolderError(`${file}：${key} 引用的文件 ${name} 不存在`);
    if (!files.includes(name)) files.push(name);
    return `${LOCAL_FILE}${name}`;
  };
  const blocks = markdownBlocks(body).map((block) =>
    block.type === 'localImage'
      ? { type: 'image' as const, fileID: local(block.file, '正文图片') as string, ...(block.caption ? { caption: block.caption } : {}) }
      : block,
  );
  const content: Record<string, unknown> = { blocks };
  const media = local(data.media, 'media');
  const narration = local(data.narration, 'narration');
  if (media) content.mediaFileID = media;
  if (narration) content.narrationFileID = narration;
  if (data.h5Url !== undefined) content.h5Url = data.h5Url;
  if (data.mediaSeconds !== undefined) content.mediaSeconds = data.mediaSeconds;
  const takeaway = takeawayFiles(data.files, file, local, sizeOf);
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
    ...(takeaway.length > 0 ? { files: takeaway } : {}),
  };
  // Local placeholders pass the schema's cloud:// check as if uploaded.
  const asUploaded = JSON.parse(JSON.stringify(raw).split(LOCAL_FILE).join('cloud://import/')) as unknown;
  const parsed = z.safeParse(courseFieldsSchema, asUploaded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CourseFolderError(`${file}：${issue ? issueMessage(issue, asUploaded) : '头信息不正确'}`);
  }
  const problem = courseFieldsProblem(parsed.data as CourseFieldsDoc);
  if (problem) throw new CourseFolderError(`${file}：${problem}`);
  const fields = JSON.parse(JSON.stringify(parsed.data).split('cloud://import/').join(LOCAL_FILE)) as CourseFieldsDoc;
  return { slug, fields, files, takeaway: takeaway.map((entry) => entry.fileID.slice(LOCAL_FILE.length)) };
}

/**
 * The front matter's `files` (课后资料: PDF, Word, PowerPoint, Excel in the course folder) as take-away
 * entries with local placeholders; each listed by its file name, typed by its extension, sized by `sizeOf`.
 */
function takeawayFiles(
  value: unknown,
  file: string,
  local: (name: unknown, key: string) => string | undefined,
  sizeOf: (name: string) => number | undefined,
): TakeawayFileDoc[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new CourseFolderError(`${file}：files 应为课程文件夹内的文件名列表`);
  if (value.length > TAKEAWAY_LIMITS.files) throw new CourseFolderError(`${file}：files 最多 ${TAKEAWAY_LIMITS.files} 个`);
  const seen = new Set<unknown>();
  return value.map((name: unknown) => {
    const fileID = local(name, 'files') as string;
    const named = name as string;
    if (seen.has(named)) throw new CourseFolderError(`${file}：files 中的 ${named} 重复`);
    seen.add(named);
    const size = sizeOf(named) as number;
    const problem = takeawayFileProblem(fileNameOf(named), size);
    if (problem) throw new CourseFolderError(`${file}：files 中的 ${named}：${problem}`);
    const { name: listed, fileType } = takeawayFileOf(fileNameOf(named)) as { name: string; fileType: TakeawayFileType };
    return { name: listed, fileID, fileType, size };
  });
}

/** `fields` with every `local://<name>` replaced by its uploaded file id from `uploaded` (name → fileID). */
export function withUploadedFiles(fields: CourseFieldsDoc, uploaded: ReadonlyMap<string, string>): CourseFieldsDoc {
  const text = JSON.stringify(fields).replace(/"local:\/\/([^"]*)"/g, (whole) => {
    const name = (JSON.parse(whole) as string).slice(LOCAL_FILE.length);
    const fileID = uploaded.get(name);
    if (!fileID) throw new CourseFolderError(`文件 ${name} 尚未上传`);
    return JSON.stringify(fileID);
  });
  return JSON.parse(text) as CourseFieldsDoc;
}

export interface SeriesSource {
  /** The series' slug (the CLI's id `s:<id>`, the console's import key). */
  id: string;
  title: string;
  summary: string;
  /** Course folder names, in learning order. */
  courses: string[];
  stepUnlock: boolean;
  audiences: CourseFieldsDoc['audiences'];
}

/** Reads series.yaml's `text`; throws CourseFolderError naming `file` and the series. */
export function readSeriesText(text: string, file: string): SeriesSource[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new CourseFolderError(`${file}：YAML 格式错误（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）`);
  }
  if (!Array.isArray(data)) throw new CourseFolderError(`${file}：应为系列的列表`);
  return data.map((entry: Record<string, unknown>, index) => {
    const where = `${file}：第 ${index + 1} 个系列`;
    if (typeof entry !== 'object' || entry === null) throw new CourseFolderError(`${where}应为键值对`);
    if (typeof entry.id !== 'string' || !COURSE_SLUG.test(entry.id)) throw new CourseFolderError(`${where}的 id 应为小写字母、数字和连字符`);
    if (typeof entry.title !== 'string' || entry.title.trim() === '') throw new CourseFolderError(`${where}缺少 title`);
    if (!Array.isArray(entry.courses) || entry.courses.length === 0 || entry.courses.some((slug) => typeof slug !== 'string'))
      throw new CourseFolderError(`${where}的 courses 应为课程文件夹名的列表`);
    const audiences = (entry.audiences ?? []) as string[];
    if (!Array.isArray(audiences) || audiences.some((audience) => !(AUDIENCES as readonly string[]).includes(audience)))
      throw new CourseFolderError(`${where}的 audiences 取值不正确`);
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
