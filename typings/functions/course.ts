/** Function `course`: the catalogue of micro-courses (学习). */
import { contract } from '../contract';
import type { CourseCategory, CourseFormat } from '../domain';
import { Page, pageInput } from './paging';

export interface CourseSummary {
  id: string;
  title: string;
  summary: string;
  category: CourseCategory;
  format: CourseFormat;
  durationMinutes: number;
  tags: string[];
  /** ISO 8601. */
  publishedAt: string | null;
}

export const courseContracts = {
  list: contract<Page<CourseSummary>>()(pageInput),
};
