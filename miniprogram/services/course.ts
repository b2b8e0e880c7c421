/** 学习: the catalogue, course detail, series, quizzes, ratings, the 学习 home and 我的学习 (function `course`). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action, call, pagedAction } from './transport';

export type CourseListInput = ActionInput<'course', 'list'>;
export type CourseListPage = ActionOutput<'course', 'list'>;
export type CourseListItem = CourseListPage['items'][number];
export type CourseDetail = ActionOutput<'course', 'detail'>;
export type CourseFileUrl = ActionOutput<'course', 'fileUrl'>;
export type SeriesListPage = ActionOutput<'course', 'seriesList'>;
export type SeriesDetail = ActionOutput<'course', 'seriesDetail'>;
export type QuizAttempt = ActionOutput<'course', 'quiz'>;
export type QuizResult = ActionOutput<'course', 'submitQuiz'>;
export type RateInput = ActionInput<'course', 'rate'>;
export type RateResult = ActionOutput<'course', 'rate'>;
export type CommentPage = ActionOutput<'course', 'comments'>;
export type HomeView = ActionOutput<'course', 'home'>;
export type MyLearningPage = ActionOutput<'course', 'myLearning'>;

/** Catalogue filters besides paging (category, format, series, keyword). */
export type CourseFilters = Omit<CourseListInput, 'page' | 'pageSize'>;

export function listCourses(page: number, pageSize: number, filters: CourseFilters = {}): Promise<CourseListPage> {
  return call('course', 'list', { page, pageSize, ...filters });
}

export function getCourse(courseId: string): Promise<CourseDetail> {
  return call('course', 'detail', { courseId });
}

/** A temporary download URL of the course's take-away file at `index` (of the detail's `files`). */
export function getCourseFileUrl(courseId: string, index: number): Promise<CourseFileUrl> {
  return call('course', 'fileUrl', { courseId, index });
}

export const listSeries = pagedAction('course', 'seriesList');

export function getSeries(seriesId: string): Promise<SeriesDetail> {
  return call('course', 'seriesDetail', { seriesId });
}

/** The questions of one attempt; the same `attemptId` always answers the same attempt. */
export function startQuiz(courseId: string, attemptId: string): Promise<QuizAttempt> {
  return call('course', 'quiz', { courseId, attemptId });
}

/** Question id → chosen option ids; resubmitting the same attempt answers its first result. */
export function submitQuiz(courseId: string, attemptId: string, answers: Record<string, string[]>): Promise<QuizResult> {
  return call('course', 'submitQuiz', { courseId, attemptId, answers });
}

export const rateCourse = action('course', 'rate');

export function listComments(courseId: string, page: number, pageSize: number): Promise<CommentPage> {
  return call('course', 'comments', { courseId, page, pageSize });
}

export function getHome(): Promise<HomeView> {
  return call('course', 'home', {});
}

export function getMyLearning(page: number, pageSize: number, completedOnly: boolean): Promise<MyLearningPage> {
  return call('course', 'myLearning', { page, pageSize, completedOnly });
}
