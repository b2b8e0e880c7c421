/**
 * What the console's courses screens share: the labels of the domain's unions (one copy, the mini-program's
 * miniprogram/utils/labels.ts, typed against typings/), select options built from them, and Beijing times.
 */
import type { Audience, CourseCategory, CourseFormat, CourseStatus, QuizQuestionKind } from '../../../typings/domain';
import type { RevisionStatus } from '../../../typings/functions/authoring';
import { AUDIENCE_LABELS, COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS, COURSE_STATUS_LABELS, REVISION_STATUS_LABELS } from '../../../miniprogram/utils/labels';

export { AUDIENCE_LABELS, COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS, COURSE_STATUS_LABELS, REVISION_STATUS_LABELS };

export const QUESTION_KIND_LABELS: Record<QuizQuestionKind, string> = { single: '单选题', multiple: '多选题', true_false: '判断题' };

const optionsOf = <T extends string>(labels: Record<T, string>): { label: string; value: T }[] =>
  (Object.keys(labels) as T[]).map((value) => ({ label: labels[value], value }));

export const CATEGORY_OPTIONS = optionsOf<CourseCategory>(COURSE_CATEGORY_LABELS);
export const FORMAT_OPTIONS = optionsOf<CourseFormat>(COURSE_FORMAT_LABELS);
export const STATUS_OPTIONS = optionsOf<CourseStatus>(COURSE_STATUS_LABELS);
export const AUDIENCE_OPTIONS = optionsOf<Audience>(AUDIENCE_LABELS);
export const QUESTION_KIND_OPTIONS = optionsOf<QuizQuestionKind>(QUESTION_KIND_LABELS);

export function revisionText(open: { revision: number; status: RevisionStatus } | null): string {
  return open ? `第 ${open.revision} 版 · ${REVISION_STATUS_LABELS[open.status]}` : '—';
}

export { beijingTime } from './time';
