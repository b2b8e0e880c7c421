/** 讨论: a course's questions and answers (function `course`, the discussion actions). */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action, call } from './transport';

export type DiscussionListPage = ActionOutput<'course', 'discussionList'>;
export type DiscussionQuestion = DiscussionListPage['items'][number];
export type DiscussionThread = ActionOutput<'course', 'discussionThread'>;
export type DiscussionAnswer = DiscussionThread['answers']['items'][number];
export type DiscussionSort = NonNullable<ActionInput<'course', 'discussionList'>['sort']>;

export function listQuestions(courseId: string, page: number, pageSize: number, sort: DiscussionSort = 'newest'): Promise<DiscussionListPage> {
  return call('course', 'discussionList', { courseId, page, pageSize, sort });
}

export function getThread(questionId: string, page: number, pageSize: number, sort: DiscussionSort = 'newest'): Promise<DiscussionThread> {
  return call('course', 'discussionThread', { questionId, page, pageSize, sort });
}

export const askQuestion = action('course', 'discussionAsk');
export const answerQuestion = action('course', 'discussionAnswer');
export const likePost = action('course', 'discussionLike');
export const acceptAnswer = action('course', 'discussionAccept');
export const hidePost = action('course', 'discussionHide');
export const deletePost = action('course', 'discussionDelete');
