/**
 * A crowd rating one course at once (a trainer's announcement), with or without comments: nobody is told
 * CONFLICT (distinct members never race each other), every rating is counted exactly, and the rating's
 * operation count.
 */
import { FUNCTIONS } from '../../../server/functions';
import { actionOf, callConcurrently, runConcurrently } from '../../helpers/concurrency';
import { useTestCloud } from '../../helpers/local-cloud';
import { seedMember } from '../../helpers/db';
import { courseDoc, seedCourses } from '../../helpers/courses';

jest.setTimeout(60_000);

const cloud = useTestCloud();
const rate = actionOf(FUNCTIONS.course, 'rate');
const listComments = actionOf(FUNCTIONS.course, 'comments');
const colleagues = Array.from({ length: 40 }, (_, i) => ({ openid: `o-crowd-${i}`, memberId: `m:crowd-${i}` }));

beforeAll(async () => {
  for (const { openid, memberId } of colleagues) await seedMember(openid, memberId);
  await seedCourses(
    courseDoc('course:crowd', { title: '全员必修' }),
    courseDoc('course:quiet', { title: '选修' }),
    courseDoc('course:commented', { title: '热门课' }),
    // Rated before ratings were sharded: 30 ratings summing 120 in its stats, no shards, no ratingVersion.
    courseDoc('course:legacy', { title: '老课程', stats: { learners: 30, completions: 30, ratingCount: 30, ratingSum: 120 } }),
  );
});

it('turns none of 40 colleagues rating one course at once away, and counts every rating exactly', async () => {
  // All at once, then all again with a new rating: nobody is told CONFLICT.
  const first = await Promise.all(
    colleagues.map(({ openid }, i) => runConcurrently(rate, { courseId: 'course:crowd', rating: (i % 5) + 1, comment: '' }, openid)),
  );
  expect(first.filter((code) => code === 'CONFLICT')).toEqual([]);
  expect(first.filter((code) => code !== 'OK')).toEqual([]);
  expect(await cloud.database.getDocument('courses', 'course:crowd')).toMatchObject({ stats: { ratingCount: 40, ratingSum: 120, learners: 0 } });
  const second = await Promise.all(colleagues.map(({ openid }) => runConcurrently(rate, { courseId: 'course:crowd', rating: 5, comment: '' }, openid)));
  expect(second.filter((code) => code !== 'OK')).toEqual([]);
  // A sum read before the last shard write never replaces a newer one: the course holds all 80 writes.
  expect(await cloud.database.getDocument('courses', 'course:crowd')).toMatchObject({ stats: { ratingCount: 40, ratingSum: 200 }, ratingVersion: 80 });
});

it('takes 20 colleagues rating one course with comments at once: no CONFLICT, every comment listed once', async () => {
  const crowd = colleagues.slice(0, 20);
  const codes = await Promise.all(
    crowd.map(({ openid }, i) => runConcurrently(rate, { courseId: 'course:commented', rating: 4, comment: `讲得清楚，第 ${i} 条` }, openid)),
  );
  expect(codes.filter((code) => code === 'CONFLICT')).toEqual([]);
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  expect(await cloud.database.getDocument('courses', 'course:commented')).toMatchObject({ stats: { ratingCount: 20, ratingSum: 80 }, ratingVersion: 20 });
  const listed = await callConcurrently<{ items: { comment: string }[]; total: number }>(
    listComments,
    { courseId: 'course:commented', pageSize: 50 },
    crowd[0]!.openid,
  );
  expect(listed.total).toBe(20);
  expect(new Set(listed.items.map((row) => row.comment)).size).toBe(20);
});

it('rates in 10 database operations: guard 1, course 1, rating and shard in one transaction 6, the roll-up query and write 2', async () => {
  const { openid } = colleagues[0]!;
  cloud.actions.reset();
  expect(await runConcurrently(rate, { courseId: 'course:quiet', rating: 3, comment: '' }, openid)).toBe('OK');
  expect(cloud.actions.databaseOperations()).toBe(10);
  expect(await cloud.database.getDocument('courses', 'course:quiet')).toMatchObject({ stats: { ratingCount: 1, ratingSum: 3 }, ratingVersion: 1 });
});

it('keeps what a course counted before ratings were sharded: the first rating since adds to it, under a crowd too', async () => {
  const raters = colleagues.slice(0, 10);
  const codes = await Promise.all(raters.map(({ openid }) => runConcurrently(rate, { courseId: 'course:legacy', rating: 5, comment: '' }, openid)));
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  expect(await cloud.database.getDocument('courses', 'course:legacy')).toMatchObject({
    stats: { ratingCount: 40, ratingSum: 170, learners: 30 },
    ratingVersion: 10,
  });
});
