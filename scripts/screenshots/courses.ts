/** The courses area's screens (web/src/areas/courses.ts) with the demo company in them. */
import type { Shot } from '../screenshots';

export const shots: readonly Shot[] = [
  { file: 'courses-catalogue.png', as: 'demo-trainer', path: '/console/courses', wait: '[data-testid="courses-table"] tbody tr td' },
  { file: 'courses-editor.png', as: 'demo-trainer', path: '/console/courses/c:fire-safety/edit', wait: '[data-testid="revision-state"]' },
  {
    file: 'courses-editor-content.png',
    as: 'demo-trainer',
    path: '/console/courses/c:fire-safety/edit',
    click: '.t-tabs__nav-item:has-text("正文与媒体")',
    wait: '[data-testid="block-0"]',
  },
  {
    file: 'courses-editor-quiz.png',
    as: 'demo-trainer',
    path: '/console/courses/c:code-of-conduct/edit',
    click: '.t-tabs__nav-item:has-text("测验")',
    wait: '[data-testid="question-0"]',
  },
  { file: 'courses-review-queue.png', as: 'demo-reviewer', path: '/console/reviews', wait: '[data-testid="review-queue"] tbody tr td a' },
  {
    file: 'courses-review.png',
    as: 'demo-reviewer',
    path: '/console/reviews',
    click: '[data-testid="review-queue"] tbody tr td a',
    wait: '[data-testid="review-content"]',
  },
  { file: 'courses-series.png', as: 'demo-trainer', path: '/console/series', wait: '[data-testid="series-table"] tbody tr td a' },
  { file: 'courses-assignments.png', as: 'demo-trainer', path: '/console/assignments', wait: '[data-testid="assignments-table"] tbody tr td a' },
  {
    file: 'courses-assignment-progress.png',
    as: 'demo-trainer',
    path: '/console/assignments',
    click: '[data-testid="assignments-table"] tbody tr td a',
    wait: '[data-testid="department-progress"] tbody tr td',
  },
  { file: 'courses-discussions.png', as: 'demo-trainer', path: '/console/discussions', wait: '[data-testid="discussion-queue"] tbody tr td' },
  {
    file: 'courses-discussion-thread.png',
    as: 'demo-trainer',
    path: '/console/discussions',
    click: '[data-testid="discussion-queue"] tbody tr:nth-child(3) td',
    wait: '[data-testid="thread-answer"]',
  },
];
