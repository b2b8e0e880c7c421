/** Courses, series and quizzes for the course and learning tests, written through the real wx-server-sdk. */
import type { CourseDoc, QuizDoc, SeriesDoc } from '../../typings/domain';
import { insertAll } from './db';

export const PUBLISHED_AT = new Date('2026-01-10T02:00:00Z');

export function courseDoc(id: string, overrides: Partial<CourseDoc> = {}): CourseDoc {
  return {
    _id: id,
    title: `课程 ${id}`,
    cover: null,
    summary: '摘要',
    category: 'general_skills',
    audiences: [],
    format: 'article',
    durationMinutes: 10,
    tags: ['沟通'],
    authorId: 'm:author',
    seriesIds: [],
    status: 'published',
    revision: 1,
    content: { blocks: [{ type: 'paragraph', text: '正文' }] },
    quiz: null,
    stats: { learners: 0, completions: 0, ratingCount: 0, ratingSum: 0 },
    createdAt: PUBLISHED_AT,
    updatedAt: PUBLISHED_AT,
    publishedAt: PUBLISHED_AT,
    ...overrides,
  };
}

export function quizDoc(overrides: Partial<QuizDoc> = {}): QuizDoc {
  return {
    passMark: 60,
    attemptLimit: 2,
    requiredForCompletion: false,
    shuffle: true,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        prompt: '一加一等于几？',
        options: [
          { id: 'a', text: '1' },
          { id: 'b', text: '2' },
          { id: 'c', text: '3' },
        ],
        answer: ['b'],
        explanation: '常识',
      },
      {
        id: 'q2',
        kind: 'multiple',
        prompt: '哪些是颜色？',
        options: [
          { id: 'a', text: '红' },
          { id: 'b', text: '桌子' },
          { id: 'c', text: '蓝' },
        ],
        answer: ['a', 'c'],
      },
      {
        id: 'q3',
        kind: 'true_false',
        prompt: '地球是圆的',
        options: [
          { id: 't', text: '对' },
          { id: 'f', text: '错' },
        ],
        answer: ['t'],
      },
      {
        id: 'q4',
        kind: 'single',
        prompt: '中国的首都？',
        options: [
          { id: 'a', text: '北京' },
          { id: 'b', text: '上海' },
        ],
        answer: ['a'],
      },
      {
        id: 'q5',
        kind: 'single',
        prompt: '一周几天？',
        options: [
          { id: 'a', text: '5' },
          { id: 'b', text: '7' },
        ],
        answer: ['b'],
      },
    ],
    ...overrides,
  };
}

export function seriesDoc(id: string, courseIds: string[], overrides: Partial<SeriesDoc> = {}): SeriesDoc {
  return {
    _id: id,
    title: `系列 ${id}`,
    summary: '系列摘要',
    cover: null,
    courseIds,
    stepUnlock: false,
    audiences: [],
    status: 'published',
    createdAt: PUBLISHED_AT,
    publishedAt: PUBLISHED_AT,
    ...overrides,
  };
}

export async function seedCourses(...courses: CourseDoc[]): Promise<void> {
  await insertAll('courses', courses);
}

/** Every figure of a report rollup row at zero (typings/docs/report.ts ReportSums), for rows built in tests. */
export const ZERO_REPORT_SUMS = {
  audience: 0,
  views: 0,
  learners: 0,
  completions: 0,
  studyMs: 0,
  quizTakers: 0,
  quizPassers: 0,
  ratingCount: 0,
  ratingSum: 0,
  sharers: 0,
  shares: 0,
  opens: 0,
  conversions: 0,
} as const;

/** A published course's authoring record (`courseAuthoring`), as the review gate leaves it. */
export function courseAuthoringDoc(courseId: string, authorId: string, at: Date) {
  return {
    _id: courseId,
    authorId,
    authorName: '作者',
    authorDepartmentId: 'dept:总部/信息技术部',
    title: courseId,
    format: 'article',
    category: 'general_skills',
    courseStatus: 'published',
    publishedRevision: 1,
    latestRevision: 1,
    openRevision: null,
    openStatus: null,
    createdAt: at,
    updatedAt: at,
  };
}
