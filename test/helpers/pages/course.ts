/** Shared fixtures for the course page tests: course summaries and details, and a backend routing by function.action. */
import { ok } from '../../miniprogram/wx-stub';
import { backend, page, type Routes } from '../backend';
import type { CourseContentView, CourseDetail, CourseSummary, MyProgress } from '../../../typings/functions/course';
import type { ReportResult } from '../../../typings/functions/learning';
export { callsOf } from '../backend';

export function summary(n: number, overrides: Partial<CourseSummary> = {}): CourseSummary {
  return {
    id: `c${n}`,
    title: `课程${n}`,
    summary: `摘要${n}`,
    coverUrl: null,
    category: 'leadership',
    format: 'video',
    durationMinutes: n,
    tags: [],
    audiences: [],
    learners: 0,
    rating: null,
    hasQuiz: false,
    publishedAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

export function progress(overrides: Partial<MyProgress> = {}): MyProgress {
  return {
    position: 0,
    furthest: 0,
    percent: 0,
    studySeconds: 0,
    completed: false,
    completedAt: null,
    quizPassed: false,
    quizAttempts: 0,
    quizBestScore: null,
    lastStudiedAt: null,
    ...overrides,
  };
}

export function detail(overrides: Partial<CourseDetail> = {}, content: Partial<CourseContentView> = {}): CourseDetail {
  return {
    ...summary(1),
    revision: 1,
    content: { blocks: [], mediaUrl: 'https://media.example/v.mp4', narrationUrl: null, h5Url: null, mediaSeconds: 300, ...content },
    locked: false,
    lockedReason: null,
    series: [],
    quiz: null,
    progress: null,
    myRating: null,
    completionRule: '播放到 90% 即完成',
    files: [],
    ...overrides,
  };
}

export function reportResult(overrides: Partial<ReportResult> = {}): ReportResult {
  return { progress: progress(), creditedMs: 0, justCompleted: false, ignored: false, ...overrides };
}

/** Answers `<fn>.<action>` from `routes`; learning.report answers an empty result, comments and the discussion an empty page unless given. */
export function courseBackend(routes: Routes): void {
  backend(routes, {
    'learning.report': () => ok(reportResult()),
    'course.comments': () => ok(page([], 1, 0)),
    'course.discussionList': () => ok({ ...page([], 1, 0), canModerate: false }),
  });
}
