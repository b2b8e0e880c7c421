/**
 * Shared fixtures for the studio page tests: a backend routing `<function>.<action>` to handlers, revisions
 * and pages of results.
 */
export { backend, inputsOf as callsOf, type Routes as Handlers } from '../../helpers/backend';
export { input, openPage, page, text, texts } from '../harness';

export function fields(overrides: Record<string, unknown> = {}) {
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

export function revision(overrides: Record<string, unknown> = {}) {
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

export const RUBRIC = {
  dimensions: [
    { id: 'accuracy', name: '内容准确', weight: 2 },
    { id: 'design', name: '教学设计', weight: 1 },
  ],
  scale: '1-5',
  threshold: 3.5,
};

export { ok } from '../wx-stub';
