/**
 * A crowd on one discussion at once (a trainer's announcement): 30 colleagues liking one answer, then taking
 * the like back, and 20 answering one question. Nobody is told CONFLICT and every count is exact.
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

it('counts 20 answers to one question at once exactly, with no CONFLICT', async () => {
  const crowd = colleagues.slice(0, 20);
  const codes = await Promise.all(
    crowd.map(({ openid }, i) => runConcurrently(answer, { questionId, requestId: `req-crowd-answer-${i}`, text: `回答 ${i}` }, openid)),
  );
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  expect(await readDoc<DiscussionPostDoc>('discussionPosts', questionId)).toMatchObject({ answers: 21, answerVersion: 21 });
  expect(await readWhere('discussionPosts', { questionId, kind: 'answer' })).toHaveLength(21);
  expect(await readWhere('notifications', { memberId: 'm:dcrowd-asker', kind: 'discussion_answered' })).toHaveLength(20);
});
