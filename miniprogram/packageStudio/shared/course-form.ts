/**
 * The course editor's form: what the template binds to (strings for number inputs, a flag per audience, a
 * `correct` flag per quiz option), converted from and to the `authoring` contract's fields. Checks here
 * only spare a round trip for the obvious; the server checks everything again with its own messages.
 */
import type { Audience, ContentBlock, CourseCategory, CourseFormat, QuizQuestionKind, TakeawayFileDoc } from '../../../typings/domain';
import type { CourseFieldsInput, Revision } from '../../services/authoring';
import { AUDIENCE_LABELS, COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS } from '../../utils/labels';
import { AUTHORING_LIMITS } from '../../utils/limits';

/** The contract's authoring limits (utils/limits.ts). */
export const LIMITS = AUTHORING_LIMITS;

export interface Choice<T extends string> {
  value: T;
  label: string;
}

const choicesOf = <T extends string>(labels: Record<T, string>): Choice<T>[] => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

export const CATEGORY_CHOICES = choicesOf<CourseCategory>(COURSE_CATEGORY_LABELS);
export const FORMAT_CHOICES = choicesOf<CourseFormat>(COURSE_FORMAT_LABELS);
export const AUDIENCE_CHOICES = choicesOf<Audience>(AUDIENCE_LABELS);
export const QUESTION_KIND_CHOICES: Choice<QuizQuestionKind>[] = [
  { value: 'single', label: '单选题' },
  { value: 'multiple', label: '多选题' },
  { value: 'true_false', label: '判断题' },
];

/** Audience flags in AUDIENCE_CHOICES order, shared by the course, series and assignment forms. */
export interface AudienceFlag {
  value: Audience;
  label: string;
  checked: boolean;
}

export function audienceFlags(selected: readonly Audience[]): AudienceFlag[] {
  return AUDIENCE_CHOICES.map((choice) => ({ ...choice, checked: selected.includes(choice.value) }));
}

export function checkedAudiences(flags: readonly AudienceFlag[]): Audience[] {
  return flags.filter((flag) => flag.checked).map((flag) => flag.value);
}

export interface OptionForm {
  id: string;
  text: string;
  correct: boolean;
}

export interface QuestionForm {
  id: string;
  kindIndex: number;
  prompt: string;
  options: OptionForm[];
  explanation: string;
}

export interface QuizForm {
  passMark: string;
  attemptLimit: string;
  requiredForCompletion: boolean;
  shuffle: boolean;
  questions: QuestionForm[];
}

export interface CourseForm {
  title: string;
  summary: string;
  cover: string;
  categoryIndex: number;
  formatIndex: number;
  audiences: AudienceFlag[];
  durationMinutes: string;
  /** Separated by spaces or commas (，、 too). */
  tags: string;
  blocks: ContentBlock[];
  mediaFileID: string;
  narrationFileID: string;
  h5Url: string;
  mediaSeconds: string;
  quizEnabled: boolean;
  quiz: QuizForm;
  /** Take-away files (课后资料), as components/takeaway-files keeps them. */
  files: TakeawayFileDoc[];
}

const TRUE_FALSE_OPTIONS: readonly { id: string; text: string }[] = [
  { id: 't', text: '正确' },
  { id: 'f', text: '错误' },
];

export function emptyQuiz(): QuizForm {
  return { passMark: '60', attemptLimit: '0', requiredForCompletion: false, shuffle: true, questions: [] };
}

export function emptyCourseForm(): CourseForm {
  return {
    title: '',
    summary: '',
    cover: '',
    categoryIndex: 0,
    formatIndex: 0,
    audiences: audienceFlags([]),
    durationMinutes: '5',
    tags: '',
    blocks: [],
    mediaFileID: '',
    narrationFileID: '',
    h5Url: '',
    mediaSeconds: '',
    quizEnabled: false,
    quiz: emptyQuiz(),
    files: [],
  };
}

const indexOf = <T extends string>(choices: readonly Choice<T>[], value: T): number =>
  Math.max(
    0,
    choices.findIndex((choice) => choice.value === value),
  );

export function courseFormOf(fields: Revision['fields']): CourseForm {
  const { content, quiz } = fields;
  return {
    title: fields.title,
    summary: fields.summary,
    cover: fields.cover ?? '',
    categoryIndex: indexOf(CATEGORY_CHOICES, fields.category),
    formatIndex: indexOf(FORMAT_CHOICES, fields.format),
    audiences: audienceFlags(fields.audiences),
    durationMinutes: String(fields.durationMinutes),
    tags: fields.tags.join(' '),
    blocks: content.blocks.map((block) => ({ ...block })),
    mediaFileID: content.mediaFileID ?? '',
    narrationFileID: content.narrationFileID ?? '',
    h5Url: content.h5Url ?? '',
    mediaSeconds: content.mediaSeconds === undefined ? '' : String(content.mediaSeconds),
    files: fields.files ?? [],
    quizEnabled: quiz !== null,
    quiz:
      quiz === null
        ? emptyQuiz()
        : {
            passMark: String(quiz.passMark),
            attemptLimit: String(quiz.attemptLimit),
            requiredForCompletion: quiz.requiredForCompletion,
            shuffle: quiz.shuffle,
            questions: quiz.questions.map((question) => ({
              id: question.id,
              kindIndex: indexOf(QUESTION_KIND_CHOICES, question.kind),
              prompt: question.prompt,
              options: question.options.map((option) => ({ ...option, correct: question.answer.includes(option.id) })),
              explanation: question.explanation ?? '',
            })),
          },
  };
}

/** The first unused id of the form `<prefix><n>` (ids stay stable when items are moved or removed). */
function nextId(prefix: string, taken: readonly { id: string }[]): string {
  const used = new Set(taken.map((item) => item.id));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function newQuestion(questions: readonly QuestionForm[]): QuestionForm {
  return {
    id: nextId('q', questions),
    kindIndex: 0,
    prompt: '',
    options: [
      { id: 'o1', text: '', correct: false },
      { id: 'o2', text: '', correct: false },
    ],
    explanation: '',
  };
}

export function newOption(options: readonly OptionForm[]): OptionForm {
  return { id: nextId('o', options), text: '', correct: false };
}

/** Changing the kind: true/false gets its two fixed options; single choice keeps at most one correct option. */
export function withKind(question: QuestionForm, kindIndex: number): QuestionForm {
  const kind = QUESTION_KIND_CHOICES[kindIndex]?.value ?? 'single';
  if (kind === 'true_false') {
    return { ...question, kindIndex, options: TRUE_FALSE_OPTIONS.map((option) => ({ ...option, correct: false })) };
  }
  const wasTrueFalse = QUESTION_KIND_CHOICES[question.kindIndex]?.value === 'true_false';
  const options = wasTrueFalse ? newQuestion([]).options : question.options;
  if (kind === 'single') {
    const first = options.findIndex((option) => option.correct);
    return { ...question, kindIndex, options: options.map((option, index) => ({ ...option, correct: index === first })) };
  }
  return { ...question, kindIndex, options };
}

/** Marks an option correct: exclusive for single and true/false questions, a toggle for multiple choice. */
export function toggleCorrect(question: QuestionForm, optionIndex: number): QuestionForm {
  const multiple = QUESTION_KIND_CHOICES[question.kindIndex]?.value === 'multiple';
  const options = question.options.map((option, index) => {
    if (index === optionIndex) return { ...option, correct: multiple ? !option.correct : true };
    return multiple ? option : { ...option, correct: false };
  });
  return { ...question, options };
}

/** Moves `list[index]` by `offset` (−1 up, +1 down); out of range changes nothing. */
export function moved<T>(list: readonly T[], index: number, offset: number): T[] {
  const target = index + offset;
  const copy = list.slice();
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return copy;
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

export function removed<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}

function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，、]+/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

/** A whole number within bounds, or null. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

export type FormCheck = { ok: true; fields: CourseFieldsInput } | { ok: false; error: string };

function quizOf(form: QuizForm): { ok: true; quiz: NonNullable<CourseFieldsInput['quiz']> } | { ok: false; error: string } {
  const passMark = wholeNumber(form.passMark, 0, 100);
  if (passMark === null) return { ok: false, error: '及格分为 0 到 100 的整数' };
  const attemptLimit = wholeNumber(form.attemptLimit, 0, 100);
  if (attemptLimit === null) return { ok: false, error: '答题次数为 0 到 100 的整数（0 表示不限）' };
  if (form.questions.length === 0) return { ok: false, error: '测验至少需要一道题' };
  if (form.questions.length > LIMITS.questions) return { ok: false, error: `测验最多 ${LIMITS.questions} 道题` };
  const questions = [];
  for (const [index, question] of form.questions.entries()) {
    const label = `第 ${index + 1} 题`;
    const prompt = question.prompt.trim();
    if (prompt === '') return { ok: false, error: `${label}：请填写题目` };
    const options = question.options.map((option) => ({ id: option.id, text: option.text.trim() }));
    if (options.length < 2) return { ok: false, error: `${label}：至少需要两个选项` };
    if (options.some((option) => option.text === '')) return { ok: false, error: `${label}：选项内容不能为空` };
    const answer = question.options.filter((option) => option.correct).map((option) => option.id);
    if (answer.length === 0) return { ok: false, error: `${label}：请标出正确答案` };
    const kind = QUESTION_KIND_CHOICES[question.kindIndex]?.value ?? 'single';
    const explanation = question.explanation.trim();
    questions.push({ id: question.id, kind, prompt, options, answer, ...(explanation ? { explanation } : {}) });
  }
  return { ok: true, quiz: { passMark, attemptLimit, requiredForCompletion: form.requiredForCompletion, shuffle: form.shuffle, questions } };
}

/** The form as the contract's fields, or the first problem in Chinese. */
export function fieldsOfForm(form: CourseForm): FormCheck {
  const title = form.title.trim();
  if (title === '') return { ok: false, error: '请填写课程标题' };
  if (title.length > LIMITS.title) return { ok: false, error: `标题最多 ${LIMITS.title} 个字` };
  const summary = form.summary.trim();
  if (summary.length > LIMITS.summary) return { ok: false, error: `简介最多 ${LIMITS.summary} 个字` };
  const durationMinutes = wholeNumber(form.durationMinutes, 1, LIMITS.durationMinutes);
  if (durationMinutes === null) return { ok: false, error: `时长为 1 到 ${LIMITS.durationMinutes} 分钟的整数` };
  const tags = parseTags(form.tags);
  if (tags.length > LIMITS.tags) return { ok: false, error: `标签最多 ${LIMITS.tags} 个` };
  if (tags.some((tag) => tag.length > LIMITS.tag)) return { ok: false, error: `每个标签最多 ${LIMITS.tag} 个字` };
  const blocks = form.blocks.map((block): ContentBlock => (block.type === 'image' ? block : { type: block.type, text: block.text.trim() }));
  if (blocks.some((block) => block.type !== 'image' && block.text === '')) return { ok: false, error: '标题段落和正文段落不能为空' };

  const format = FORMAT_CHOICES[form.formatIndex]?.value ?? 'article';
  const content: CourseFieldsInput['content'] = { blocks };
  if (format === 'video' || format === 'audio') {
    if (!form.mediaFileID) return { ok: false, error: format === 'video' ? '请上传视频文件' : '请上传音频文件' };
    content.mediaFileID = form.mediaFileID;
  }
  if (format === 'narrated_article') {
    if (!form.narrationFileID) return { ok: false, error: '请上传配音音频' };
    content.narrationFileID = form.narrationFileID;
  }
  if (format === 'h5') {
    const h5Url = form.h5Url.trim();
    if (!h5Url.startsWith('https://')) return { ok: false, error: 'H5 链接须以 https:// 开头' };
    content.h5Url = h5Url;
  }
  if (format === 'video' || format === 'audio' || format === 'narrated_article') {
    if (form.mediaSeconds.trim() !== '') {
      const seconds = wholeNumber(form.mediaSeconds, 1, 36_000);
      if (seconds === null) return { ok: false, error: '媒体时长为 1 到 36000 秒的整数' };
      content.mediaSeconds = seconds;
    }
  }
  let quiz: CourseFieldsInput['quiz'] = null;
  if (form.quizEnabled) {
    const checked = quizOf(form.quiz);
    if (!checked.ok) return checked;
    quiz = checked.quiz;
  }
  return {
    ok: true,
    fields: {
      title,
      summary,
      cover: form.cover || null,
      category: CATEGORY_CHOICES[form.categoryIndex]?.value ?? 'company_knowledge',
      format,
      audiences: checkedAudiences(form.audiences),
      durationMinutes,
      tags,
      content,
      quiz,
      // None is the contract's default: a course without files sends none.
      ...(form.files.length > 0 ? { files: form.files } : {}),
    },
  };
}
