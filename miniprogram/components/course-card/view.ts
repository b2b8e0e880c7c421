/** What a course card shows, shaped once for the home, the catalogue, a series and 我的学习. */
import type { CourseSummary } from '../../../typings/functions/course';
import { COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS } from '../../utils/labels';
import { routeUrl } from '../../utils/routes';

export interface CourseCardView {
  id: string;
  title: string;
  summary: string;
  coverUrl: string;
  /** 视频 · 8 分钟 · 领导力 */
  meta: string;
  /** 4.5 分 · 120 人学过 */
  stats: string;
  /** Shown as a progress bar when not null. */
  percent: number | null;
  /** A short state on the card (已完成, 已逾期…), or ''. */
  badge: string;
  locked: boolean;
}

/** The course pages live in the packageCourse subpackage; the main package links there only through these. */
export function courseUrl(courseId: string): string {
  return routeUrl('packageCourse/course', { id: courseId });
}

export function seriesUrl(seriesId: string): string {
  return routeUrl('packageCourse/series', { id: seriesId });
}

export function catalogueUrl(keyword = ''): string {
  return routeUrl('packageCourse/catalogue', { keyword: keyword.trim() });
}

export const MY_LEARNING_URL = routeUrl('packageCourse/my');

export function toCourseCard(course: CourseSummary, extra: Partial<Pick<CourseCardView, 'percent' | 'badge' | 'locked'>> = {}): CourseCardView {
  const stats = [course.rating !== null ? `${course.rating.toFixed(1)} 分` : '', course.learners > 0 ? `${course.learners} 人学过` : '']
    .filter((part) => part !== '')
    .join(' · ');
  return {
    id: course.id,
    title: course.title,
    summary: course.summary,
    coverUrl: course.coverUrl ?? '',
    meta: `${COURSE_FORMAT_LABELS[course.format]} · ${course.durationMinutes} 分钟 · ${COURSE_CATEGORY_LABELS[course.category]}`,
    stats,
    percent: extra.percent ?? null,
    badge: extra.badge ?? '',
    locked: extra.locked ?? false,
  };
}

/** Study time as people say it: 45 秒, 12 分钟, 2 小时 5 分钟. */
export function studyTimeLabel(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) return `${whole} 秒`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} 小时` : `${Math.floor(minutes / 60)} 小时 ${rest} 分钟`;
}
