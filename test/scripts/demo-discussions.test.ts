/**
 * The demo discussions (scripts/demo/discussions.ts): after the demo catalogue, the trainer's desk lists the
 * unanswered questions first, the answers carry the badges the server decides (作者, 管理员), one is marked
 * by the asker and one by the author, and seeding again adds nothing.
 */
import type { DiscussionPostDoc } from '../../typings/domain';
import { useDemoCatalogueCloud } from '../helpers/demo';
import { readWhere, testDb } from '../helpers/db';
import { callAction } from '../helpers/invoke';
import { dataOf } from '../helpers/envelope';
import { getCloud } from '../../server/core/cloud';
import { seedDiscussionDemo } from '../../scripts/demo/discussions';

jest.setTimeout(300_000);

const NOW = new Date('2026-03-02T02:00:00Z');
const company = useDemoCatalogueCloud(NOW);

it('seeds answered and unanswered questions with author-marked answers, once', async () => {
  expect(await seedDiscussionDemo(testDb(), getCloud(), company, NOW)).toEqual({ questions: 4, answered: 2 });
  const queue = dataOf(await callAction('course', 'discussionQueue', { pageSize: 20 }, { openid: 'demo-trainer' }));
  expect(queue.items.map((item) => [item.answered, item.answers])).toEqual([
    [false, 0],
    [false, 1],
    [true, 2],
    [true, 2],
  ]);
  const weekly = queue.items.find((item) => item.text.startsWith('第三节'));
  const thread = dataOf(await callAction('course', 'discussionThread', { questionId: weekly?.id ?? '' }, { openid: 'demo-learner' }));
  expect(thread.answers.items.map((answer) => [answer.badge, answer.accepted])).toEqual([
    ['author', true],
    ['admin', false],
  ]);
  const posts = await readWhere<DiscussionPostDoc>('discussionPosts');
  await seedDiscussionDemo(testDb(), getCloud(), company, NOW);
  expect(await readWhere<DiscussionPostDoc>('discussionPosts')).toHaveLength(posts.length);
  expect(await readWhere('notifications', { kind: 'discussion_answered' })).toHaveLength(5);
});
