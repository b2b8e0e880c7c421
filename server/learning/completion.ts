/**
 * The completion rule (完成规则) of every format, in one place. Chosen thresholds (CloudBase and WeChat
 * prescribe none):
 * - video and audio: the furthest point reaches 90% of the media, and valid study time is at least 45% of
 *   its length (seeking to the end does not complete; playing at up to 2× speed does);
 * - article, narrated article and plain text: read to the end (95% scrolled) and valid study time of at least
 *   30% of the stated duration;
 * - H5 pages (a `web-view` reports no scrolling): valid study time of at least 50% of the stated duration;
 * - and, when the quiz is required for completion, a passed quiz.
 */
import type { CourseDoc, LearningRecordDoc } from '../../typings/domain';

type CourseRuleFields = Pick<CourseDoc, 'format' | 'durationMinutes' | 'content' | 'quiz'>;
type RecordRuleFields = Pick<LearningRecordDoc, 'furthest' | 'studyMs' | 'quizPassed'>;

export const MEDIA_PLAYED_SHARE = 0.9;
export const MEDIA_MIN_TIME_SHARE = 0.45;
export const READ_TO_END_PERCENT = 95;
export const READING_MIN_TIME_SHARE = 0.3;
export const H5_MIN_TIME_SHARE = 0.5;

export function isMediaFormat(format: CourseDoc['format']): boolean {
  return format === 'video' || format === 'audio';
}

/** Length of the media in seconds: the measured length, else the stated duration. */
export function mediaSeconds(course: CourseRuleFields): number {
  return course.content.mediaSeconds && course.content.mediaSeconds > 0 ? course.content.mediaSeconds : Math.max(1, course.durationMinutes * 60);
}

/** The largest meaningful position: the media length, or 100 (percent) for reading. */
export function positionLimit(course: CourseRuleFields): number {
  return isMediaFormat(course.format) ? mediaSeconds(course) : 100;
}

/** Study time the format asks for, milliseconds. */
export function minimumStudyMs(course: CourseRuleFields): number {
  if (isMediaFormat(course.format)) return Math.round(mediaSeconds(course) * 1000 * MEDIA_MIN_TIME_SHARE);
  const share = course.format === 'h5' ? H5_MIN_TIME_SHARE : READING_MIN_TIME_SHARE;
  return Math.round(course.durationMinutes * 60_000 * share);
}

function quizRequired(course: CourseRuleFields): boolean {
  return course.quiz?.requiredForCompletion === true && course.quiz.questions.length > 0;
}

/** Whether the content part of the rule is met (everything but the quiz). */
function contentDone(course: CourseRuleFields, record: RecordRuleFields): boolean {
  const enoughTime = record.studyMs >= minimumStudyMs(course);
  if (isMediaFormat(course.format)) return enoughTime && record.furthest >= mediaSeconds(course) * MEDIA_PLAYED_SHARE;
  if (course.format === 'h5') return enoughTime;
  return enoughTime && record.furthest >= READ_TO_END_PERCENT;
}

export function isCompleted(course: CourseRuleFields, record: RecordRuleFields): boolean {
  return contentDone(course, record) && (!quizRequired(course) || record.quizPassed);
}

/** Progress in percent shown to the learner: how far they got (time, for H5 pages). */
export function progressPercent(course: CourseRuleFields, record: RecordRuleFields): number {
  const ratio = course.format === 'h5' ? record.studyMs / Math.max(1, minimumStudyMs(course)) : record.furthest / positionLimit(course);
  return Math.max(0, Math.min(100, Math.round(ratio * 100)));
}

/** The rule in Chinese, for the course page. */
export function describeRule(course: CourseRuleFields): string {
  const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
  const time = minimumStudyMs(course);
  let rule: string;
  if (isMediaFormat(course.format)) rule = `播放至 ${Math.round(MEDIA_PLAYED_SHARE * 100)}% 且有效学习不少于 ${minutes(time)} 分钟`;
  else if (course.format === 'h5') rule = `有效学习不少于 ${minutes(time)} 分钟`;
  else rule = `阅读至文末且有效学习不少于 ${minutes(time)} 分钟`;
  return quizRequired(course) ? `${rule}，并通过测验` : rule;
}
