/**
 * Demo discussions (讨论) under two published courses the demo trainer wrote and everyone sees: questions
 * answered and marked by the asker or by the course's author (作者), questions answered but not yet marked,
 * and one nobody has answered (the console's 课程讨论 desk lists it first), with likes. Everything goes
 * through the real actions (guard, content check, badges, counters, notifications); request ids are fixed,
 * so seeding again adds nothing.
 */
import type { Database, WxCloud } from '../../server/core';
import { COLLECTIONS, resolveCaller } from '../../server/core';
import type { Action } from '../../server/core';
import { parseInput } from '../../server/core/validate';
import { discussionAccept, discussionAnswer, discussionAsk, discussionLike } from '../../server/course/discussion';
import type { CourseDoc } from '../../typings/domain';
import type { buildDemoCompany } from './company';

const HOUR = 3_600_000;

interface Post {
  id: string;
}

export async function seedDiscussionDemo(
  db: Database,
  cloud: WxCloud,
  company: ReturnType<typeof buildDemoCompany>,
  now: Date,
): Promise<{ questions: number; answered: number }> {
  const trainer = company.identities.find((identity) => identity.openid === 'demo-trainer');
  if (!trainer) throw new Error('演示公司缺少 demo-trainer 身份');
  const { data } = (await db
    .collection(COLLECTIONS.courses)
    .where({ status: 'published', authorId: trainer.memberId, audiences: db.command.size(0) })
    .orderBy('_id', 'asc')
    .limit(2)
    .get()) as unknown as { data: CourseDoc[] };
  const [first, second] = data;
  if (!first || !second) return { questions: 0, answered: 0 };

  async function run<T>(action: Action<unknown, unknown>, openid: string, input: Record<string, unknown>, hoursAgo: number): Promise<T> {
    const caller = await resolveCaller(db, { openid, appid: null, unionid: null }, action.roles);
    const at = new Date(now.getTime() - hoursAgo * HOUR);
    return (await action.handler({ input: parseInput(action.input, input), caller, db, cloud, requestId: 'demo-seed:discussion', now: () => at })) as T;
  }
  const ask = (openid: string, courseId: string, key: string, text: string, hoursAgo: number) =>
    run<Post>(discussionAsk as Action<unknown, unknown>, openid, { courseId, requestId: `demo-discussion-${key}`, text }, hoursAgo);
  const answer = (openid: string, questionId: string, key: string, text: string, hoursAgo: number) =>
    run<Post>(discussionAnswer as Action<unknown, unknown>, openid, { questionId, requestId: `demo-discussion-${key}`, text }, hoursAgo);
  const like = (openid: string, postId: string) => run(discussionLike as Action<unknown, unknown>, openid, { postId, liked: true }, 0);
  const accept = (openid: string, answerId: string) => run(discussionAccept as Action<unknown, unknown>, openid, { answerId }, 0);

  // Answered by the author and marked by the asker.
  const materials = await ask('demo-learner', first._id, 'q-materials', '这门课的练习材料在哪里下载？', 72);
  const fromAuthor = await answer('demo-trainer', materials.id, 'a-materials-author', '在课程页底部的资料区，可以直接打开。', 70);
  const fromJudge = await answer('demo-judge', materials.id, 'a-materials-judge', '我也找了一会儿，确实在最下面。', 60);
  await accept('demo-learner', fromAuthor.id);
  for (const openid of ['demo-judge', 'demo-reviewer', 'demo-admin']) await like(openid, fromAuthor.id);
  await like('demo-learner', fromJudge.id);
  await like('demo-reviewer', materials.id);

  // Answered by a colleague, not marked yet.
  const stores = await ask('demo-judge', first._id, 'q-stores', '课程里的案例可以直接用在门店吗？', 24);
  await answer('demo-learner', stores.id, 'a-stores-learner', '我们门店试过，要按班次调整一下。', 20);

  // Answered by an admin and the author; the author marks the answer.
  const weekly = await ask('demo-learner', second._id, 'q-weekly', '第三节的方法怎么用到每周例会上？', 48);
  await answer('demo-admin', weekly.id, 'a-weekly-admin', '人力资源部下周会发一份例会模板。', 40);
  const marked = await answer('demo-trainer', weekly.id, 'a-weekly-author', '每次例会先用五分钟复盘上周的一个案例，再对照第三节的步骤。', 30);
  await accept('demo-trainer', marked.id);
  await like('demo-judge', weekly.id);

  // Nobody has answered yet.
  await ask('demo-reviewer', second._id, 'q-quiz', '有没有配套测验的讲解？', 6);
  return { questions: 4, answered: 2 };
}
