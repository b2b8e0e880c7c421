/**
 * A course's editable fields as the authoring actions store them. The cross-field rules themselves live in
 * typings/course-rules.ts, shared with the bulk imports (CLI and console), so a course is valid by one
 * definition.
 */
import type { CourseFieldsDoc } from '../../typings/domain';
import { courseFieldsProblem } from '../../typings/course-rules';
import { AppError } from '../core/errors';

export { courseFieldsProblem };

/** Throws INVALID_INPUT with the first problem. */
export function assertCourseFields(fields: CourseFieldsDoc): void {
  const problem = courseFieldsProblem(fields);
  if (problem) throw new AppError('INVALID_INPUT', problem);
}

/** A stored copy without `undefined` optionals (the database drops them anyway; views compare equal). */
export function normaliseFields(fields: CourseFieldsDoc): CourseFieldsDoc {
  return JSON.parse(JSON.stringify(fields)) as CourseFieldsDoc;
}

const FIELD_KEYS = ['title', 'summary', 'cover', 'category', 'format', 'audiences', 'durationMinutes', 'tags', 'content', 'quiz'] as const;

/**
 * The editable fields of a course or revision, in one key order (so stored copies compare equal). Take-away
 * files come last and only when there are some: a course without files is stored as before they existed.
 */
export function pickFields(source: CourseFieldsDoc): CourseFieldsDoc {
  const picked: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) picked[key] = source[key];
  if (source.files && source.files.length > 0) picked.files = source.files;
  return normaliseFields(picked as unknown as CourseFieldsDoc);
}

/** Every text of a course that learners read, for WeChat's content check (server/core/wechat.ts). */
export function courseTexts(fields: CourseFieldsDoc): string[] {
  const texts = [fields.title, fields.summary, ...fields.tags];
  for (const block of fields.content.blocks) texts.push(block.type === 'image' ? (block.caption ?? '') : block.text);
  for (const question of fields.quiz?.questions ?? [])
    texts.push(question.prompt, ...question.options.map((option) => option.text), question.explanation ?? '');
  return texts.filter((text) => text !== '');
}

/** Every storage file a course's fields point at: cover, media, narration and article pictures. */
export function courseFileIds(fields: CourseFieldsDoc | null | undefined): (string | null | undefined)[] {
  if (!fields) return [];
  const { content } = fields;
  return [fields.cover, content.mediaFileID, content.narrationFileID, ...content.blocks.map((block) => (block.type === 'image' ? block.fileID : null))];
}
