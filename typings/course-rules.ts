/**
 * Cross-field rules of a course's editable fields, beyond what the input schema checks: what each format
 * needs, and a quiz whose answers make sense. One definition for the authoring actions (server/authoring/
 * fields.ts), the CLI import (scripts/import-courses.ts) and the console's import preview
 * (typings/course-folder.ts). Messages are Chinese and name the field.
 */
import type { CourseFieldsDoc, CourseFormat, QuizDoc } from './domain';

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
