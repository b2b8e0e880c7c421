/** 课程制作与审核: trainers' courses and series, reviewers' queue and scores (function `authoring`). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action, call, pagedAction } from './transport';

export type CourseFieldsInput = ActionInput<'authoring', 'createCourse'>['fields'];
export type Revision = ActionOutput<'authoring', 'getDraft'>;
export type AuthoredCoursePage = ActionOutput<'authoring', 'listMyCourses'>;
export type AuthoredCourse = AuthoredCoursePage['items'][number];
export type ReviewQueuePage = ActionOutput<'authoring', 'reviewQueue'>;
export type ReviewQueueEntry = ReviewQueuePage['items'][number];
export type SeriesPage = ActionOutput<'authoring', 'listSeries'>;
export type Series = SeriesPage['items'][number];
export type SeriesInput = ActionInput<'authoring', 'createSeries'>;
export type SeriesUpdate = ActionInput<'authoring', 'updateSeries'>;
export type ReviewSettings = ActionOutput<'authoring', 'getReviewSettings'>;
export type ReviewSettingsInput = ActionInput<'authoring', 'updateReviewSettings'>;

export const listMyCourses = pagedAction('authoring', 'listMyCourses');

export type MyCreations = ActionOutput<'authoring', 'myCreations'>;
export type AuthorSettingsView = ActionOutput<'authoring', 'getAuthorSettings'>;
export type AuthorSettingsInput = ActionInput<'authoring', 'setAuthorSettings'>;

export function getAuthorSettings(): Promise<AuthorSettingsView> {
  return call('authoring', 'getAuthorSettings', {});
}

export function setAuthorSettings(settings: AuthorSettingsInput): Promise<AuthorSettingsView> {
  return call('authoring', 'setAuthorSettings', settings);
}

/** 年度作者奖: the winners of a published year (the newest when `year` is null). */
export type AuthorAwardWinners = ActionOutput<'authoring', 'authorAwardWinners'>;

export function authorAwardWinners(year: number | null): Promise<AuthorAwardWinners> {
  return call('authoring', 'authorAwardWinners', year === null ? {} : { year });
}

/** 我的创作: my published courses' figures, my author level and the points authoring earned me. */
export function myCreations(): Promise<MyCreations> {
  return call('authoring', 'myCreations', {});
}

export function createCourse(fields: CourseFieldsInput): Promise<Revision> {
  return call('authoring', 'createCourse', { fields });
}

export function getDraft(courseId: string): Promise<Revision> {
  return call('authoring', 'getDraft', { courseId });
}

/** `baseUpdatedAt` is the `updatedAt` the editor loaded: the server refuses a save over a newer one. */
export function saveDraft(courseId: string, fields: CourseFieldsInput, baseUpdatedAt: string): Promise<Revision> {
  return call('authoring', 'saveDraft', { courseId, fields, baseUpdatedAt });
}

export function submitForReview(courseId: string): Promise<Revision> {
  return call('authoring', 'submitForReview', { courseId });
}

/** Hides a published course from learners (their progress is kept). */
export function archiveCourse(courseId: string): Promise<AuthoredCourse> {
  return call('authoring', 'archiveCourse', { courseId });
}

/** Shows an archived course to learners again. */
export function unarchiveCourse(courseId: string): Promise<AuthoredCourse> {
  return call('authoring', 'unarchiveCourse', { courseId });
}

export function reviewQueue(page: number, pageSize: number, includeScored: boolean): Promise<ReviewQueuePage> {
  return call('authoring', 'reviewQueue', { page, pageSize, includeScored });
}

export function getReview(revisionId: string): Promise<Revision> {
  return call('authoring', 'getReview', { revisionId });
}

/** A temporary download URL of the take-away file at `index` of a revision the caller reviews. */
export function getReviewFileUrl(revisionId: string, index: number): Promise<ActionOutput<'authoring', 'reviewFileUrl'>> {
  return call('authoring', 'reviewFileUrl', { revisionId, index });
}

export function scoreReview(input: ActionInput<'authoring', 'scoreReview'>): Promise<Revision> {
  return call('authoring', 'scoreReview', input);
}

export const listSeries = pagedAction('authoring', 'listSeries');

export const createSeries = action('authoring', 'createSeries');

export const updateSeries = action('authoring', 'updateSeries');

export function getReviewSettings(): Promise<ReviewSettings> {
  return call('authoring', 'getReviewSettings', {});
}

export const updateReviewSettings = action('authoring', 'updateReviewSettings');
