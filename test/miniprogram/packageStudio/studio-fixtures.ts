/**
 * Shared fixtures for the studio page tests: a backend routing `<function>.<action>` to handlers, revisions
 * and pages of results.
 */
import type { CourseStatus } from '../../../typings/domain';
import * as z from 'zod/mini';
import { courseFieldsSchema, type AuthoredCourseView, type CourseFieldsInput, type RevisionView } from '../../../typings/functions/authoring';
export { backend, inputsOf as callsOf, type Routes as Handlers } from '../../helpers/backend';
export { input, openPage, page, text, texts } from '../harness';

export function fields(overrides: Partial<RevisionView['fields']> = {}): RevisionView['fields'] {
  return {
    title: '安全生产第一课',
    summary: '岗位安全要点',
    cover: null,
    category: 'company_knowledge',
    format: 'article',
    audiences: [],
    durationMinutes: 8,
    tags: ['安全'],
    content: {
      blocks: [
        { type: 'heading', text: '一、总则' },
        { type: 'paragraph', text: '安全第一。' },
      ],
    },
    quiz: null,
    ...overrides,
  };
}

export function revision(overrides: Partial<RevisionView> = {}): RevisionView {
  return {
    revisionId: 'c1:1',
    courseId: 'c1',
    revision: 1,
    status: 'draft',
    courseStatus: 'draft',
    authorId: 'm-trainer',
    authorName: '李培训',
    fields: fields(),
    reviews: [],
    finalScore: null,
    rubric: null,
    updatedAt: '2026-03-01T02:00:00.000Z',
    submittedAt: null,
    decidedAt: null,
    ...overrides,
  };
}

/** The fields as the server stores what the page sent: checked by the contract's schema, defaults applied. */
export const storedFields = (sent: CourseFieldsInput): RevisionView['fields'] => z.parse(courseFieldsSchema, sent);

/** One row of 我的课程 (authoring.listMyCourses). */
export function authoredCourse(courseId: string, title: string, courseStatus: CourseStatus, overrides: Partial<AuthoredCourseView> = {}): AuthoredCourseView {
  return {
    courseId,
    title,
    format: 'article',
    category: 'company_knowledge',
    courseStatus,
    publishedRevision: courseStatus === 'published' ? 1 : 0,
    openRevision: null,
    updatedAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

export const RUBRIC: NonNullable<RevisionView['rubric']> = {
  dimensions: [
    { id: 'accuracy', name: '内容准确', weight: 2 },
    { id: 'design', name: '教学设计', weight: 1 },
  ],
  scale: '1-5',
  threshold: 3.5,
};

export { ok } from '../wx-stub';
