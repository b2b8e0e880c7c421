/**
 * Cross-field rules of a course's editable fields, beyond what the input schema checks: what each format
 * needs, and a quiz whose answers make sense. Shared by the authoring actions and the bulk import, so a
 * course is valid by one definition. Messages are Chinese and name the field.
 */
import type { CourseFieldsDoc, CourseFormat, QuizDoc } from '../../typings/domain';
import { AppError } from '../core/errors';

const FORMAT_LABELS: Record<CourseFormat, string> = {
  article: '图文',
  narrated_article: '图文配音',
  video: '视频',
  audio: '音频',
  h5: 'H5',
  text: '纯文本',
};

/** The first problem with `fields`, or null when they are publishable. */
export function courseFieldsProblem(fields: CourseFieldsDoc): string | null {
  const { content, format } = fields;
  const label = FORMAT_LABELS[format];
  const hasText = content.blocks.some((block) => block.type !== 'image');
  switch (format) {
    case 'article':
      if (content.blocks.length === 0) return `${label}课程需要正文内容（content.blocks）`;
      break;
    case 'narrated_article':
      if (content.blocks.length === 0) return `${label}课程需要正文内容（content.blocks）`;
      if (!content.narrationFileID) return `${label}课程需要上传配音音频（content.narrationFileID）`;
      break;
    case 'video':
    case 'audio':
      if (!content.mediaFileID) return `${label}课程需要上传${label}文件（content.mediaFileID）`;
      break;
    case 'h5':
      if (!content.h5Url) return `${label}课程需要填写页面地址（content.h5Url）`;
      break;
    case 'text':
      if (!hasText) return `${label}课程需要正文文字（content.blocks）`;
      if (content.blocks.some((block) => block.type === 'image')) return `${label}课程不能包含图片，请改用图文格式`;
      break;
  }
  return fields.quiz ? quizProblem(fields.quiz) : null;
}

function quizProblem(quiz: QuizDoc): string | null {
  const questionIds = new Set<string>();
  for (const [index, question] of quiz.questions.entries()) {
    const where = `测验第 ${index + 1} 题`;
    if (questionIds.has(question.id)) return `${where}的编号 ${question.id} 与前面的题目重复`;
    questionIds.add(question.id);
    const optionIds = new Set(question.options.map((option) => option.id));
    if (optionIds.size !== question.options.length) return `${where}的选项编号重复`;
    if (question.kind === 'true_false' && question.options.length !== 2) return `${where}是判断题，应恰好有两个选项`;
    const answers = new Set(question.answer);
    if (answers.size !== question.answer.length) return `${where}的答案重复`;
    if (question.answer.some((answer) => !optionIds.has(answer))) return `${where}的答案不在选项之中`;
    if (question.kind !== 'multiple' && answers.size !== 1) return `${where}是${question.kind === 'single' ? '单选题' : '判断题'}，只能有一个答案`;
    if (question.kind === 'multiple' && answers.size < 2) return `${where}是多选题，至少应有两个答案`;
  }
  return null;
}

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

/** The editable fields of a course or revision, in one key order (so stored copies compare equal). */
export function pickFields(source: CourseFieldsDoc): CourseFieldsDoc {
  const picked: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) picked[key] = source[key];
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
