/** 学习: the course catalogue. */
import type { ActionOutput } from '../../typings/api';
import { call } from './transport';

export type CourseListPage = ActionOutput<'course', 'list'>;
export type CourseListItem = CourseListPage['items'][number];

export function listCourses(page: number, pageSize: number): Promise<CourseListPage> {
  return call('course', 'list', { page, pageSize });
}
