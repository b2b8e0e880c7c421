/**
 * A crowd on one discussion at once (a trainer's announcement): 30 colleagues liking one answer, then taking
 * the like back, 20 asking on one course and liking one question, and 20 answering one question. Nobody is
 * told CONFLICT (distinct members never race each other) and every count is exact.
 */
import type { DiscussionPostDoc } from '../../../../typings/domain';
import { FUNCTIONS } from '../../../../server/functions';
import { actionOf, callConcurrently, runConcurrently } from '../../../helpers/concurrency';
import { useTestCloud } from '../../../helpers/local-cloud';
import { readDoc, readWhere, seedMember } from '../../../helpers/db';
import { courseDoc, seedCourses } from '../../../helpers/courses';

jest.setTimeout(120_000);

useTestCloud();
const ask = actionOf(FUNCTIONS.course, 'discussionAsk');
const answer = actionOf(FUNCTIONS.course, 'discussionAnswer');
const like = actionOf(FUNCTIONS.course, 'discussionLike');
const colleagues = Array.from({ length: 30 }, (_, i) => ({ openid: `o-dcrowd-${i}`, memberId: `m:dcrowd-${i}` }));

let questionId = '';
let answerId = '';

beforeAll(async () => {
  await seedMember('o-dcrowd-asker', 'm:dcrowd-asker');
  for (const { openid, memberId } of colleagues) await seedMember(openid, memberId);
  await seedCourses(courseDoc('course:dcrowd', { title: '全员必修', authorId: 'm:dcrowd-author' }));
  questionId = (
    await callConcurrently<{ id: string }>(ask, { courseId: 'course:dcrowd', requestId: 'req-crowd-question', text: '大家怎么看？' }, 'o-dcrowd-asker')
  ).id;
  answerId = (await callConcurrently<{ id: string }>(answer, { questionId, requestId: 'req-crowd-first', text: '第一个回答' }, 'o-dcrowd-asker')).id;
});

it('counts 30 colleagues liking one answer at once exactly, and taking it back at once, with no CONFLICT', async () => {
  const liked = await Promise.all(colleagues.map(({ openid }) => runConcurrently(like, { postId: answerId, liked: true }, openid)));
  expect(liked.filter((code) => code === 'CONFLICT')).toEqual([]);
  expect(liked.filter((code) => code !== 'OK')).toEqual([]);
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', answerId)).toMatchObject({ likes: 30, likeVersion: 30 });
  expect(await readWhere('discussionLikes', { postId: answerId })).toHaveLength(30);
  // Everyone again at once: a like already there changes nothing.
  const again = await Promise.all(colleagues.map(({ openid }) => runConcurrently(like, { postId: answerId, liked: true }, openid)));
  expect(again.filter((code) => code !== 'OK')).toEqual([]);
  const unliked = await Promise.all(colleagues.map(({ openid }) => runConcurrently(like, { postId: answerId, liked: false }, openid)));
  expect(unliked.filter((code) => code !== 'OK')).toEqual([]);
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', answerId)).toMatchObject({ likes: 0, likeVersion: 60 });
  expect(await readWhere('discussionLikes', { postId: answerId })).toEqual([]);
});

it('takes 20 questions asked on one course at once, and 20 likes of one question, exactly and with no CONFLICT', async () => {
  const crowd = colleagues.slice(10, 30);
  const asked = await Promise.all(
    crowd.map(({ openid }, i) => runConcurrently(ask, { courseId: 'course:dcrowd', requestId: `req-crowd-ask-${i}`, text: `问题 ${i}：怎么做？` }, openid)),
  );
  expect(asked.filter((code) => code === 'CONFLICT')).toEqual([]);
  expect(asked.filter((code) => code !== 'OK')).toEqual([]);
  expect(await readWhere('discussionPosts', { courseId: 'course:dcrowd', kind: 'question' })).toHaveLength(21);
  expect(await readWhere('notifications', { memberId: 'm:dcrowd-author', kind: 'discussion_question' })).toHaveLength(21);
  const liked = await Promise.all(crowd.map(({ openid }) => runConcurrently(like, { postId: questionId, liked: true }, openid)));
  expect(liked.filter((code) => code === 'CONFLICT')).toEqual([]);
  expect(liked.filter((code) => code !== 'OK')).toEqual([]);
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', questionId)).toMatchObject({ likes: 20, likeVersion: 20 });
});

it('counts 20 answers to one question at once exactly, with no CONFLICT', async () => {
  const crowd = colleagues.slice(0, 20);
  const codes = await Promise.all(
    crowd.map(({ openid }, i) => runConcurrently(answer, { questionId, requestId: `req-crowd-answer-${i}`, text: `回答 ${i}` }, openid)),
  );
  expect(codes.filter((code) => code === 'CONFLICT')).toEqual([]);
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', questionId)).toMatchObject({ answers: 21, answerVersion: 21 });
  expect(await readWhere('discussionPosts', { questionId, kind: 'answer' })).toHaveLength(21);
  expect(await readWhere('notifications', { memberId: 'm:dcrowd-asker', kind: 'discussion_answered' })).toHaveLength(20);
});
