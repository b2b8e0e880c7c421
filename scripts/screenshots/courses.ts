/** The courses area's screens (web/src/areas/courses.ts) with the demo company in them. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import type { Shot } from '../screenshots';
import { DEMO_CONTENT_DIR } from '../demo/media';

/**
 * A folder of Markdown courses as a trainer would drop it on 批量导入: demo courses under new folder names (so
 * they are not already imported), one with a front matter mistake, and a series.yaml.
 */
async function importZip(): Promise<Buffer> {
  const zip = new JSZip();
  const root = zip.folder('新员工课程包') as JSZip;
  const copies = {
    'privacy-basics': 'data-privacy',
    'fire-drill': 'fire-safety',
    'listening-skills': 'active-listening',
    'meeting-skills': 'effective-meetings',
  };
  for (const [slug, source] of Object.entries(copies)) {
    const dir = path.join(DEMO_CONTENT_DIR, source);
    for (const file of fs.readdirSync(dir)) root.file(`${slug}/${file}`, fs.readFileSync(path.join(dir, file)));
  }
  root.file('office-tips/course.md', '---\ntitle: 办公小技巧\ncategory: tips\nformat: article\ndurationMinutes: 3\n---\n# 快捷键\n\n常用的快捷键。\n');
  root.file('series.yaml', '- id: new-hire-basics\n  title: 新员工基础\n  courses: [privacy-basics, fire-drill, listening-skills]\n  stepUnlock: true\n');
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function dropImportZip(page: Page): Promise<void> {
  await page.getByTestId('import-zip').setInputFiles({ name: '新员工课程包.zip', mimeType: 'application/zip', buffer: await importZip() });
}

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
  { file: 'courses-import.png', as: 'demo-trainer', path: '/console/courses/import', act: dropImportZip, wait: '[data-testid="import-problem-office-tips"]' },
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
