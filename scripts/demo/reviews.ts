/**
 * Courses waiting for review (待审核), so the console's review queue and its catalogue's 审核中 filter have
 * something in them: the branch trainer writes two courses and submits them through the real authoring
 * actions (content checks, reviewer choice), which assign the demo reviewer. Seeding twice adds nothing.
 */
import type { Database, WxCloud } from '../../server/core';
import { COLLECTIONS, resolveCaller } from '../../server/core';
import { parseInput } from '../../server/core/validate';
import { createCourse, submitForReview } from '../../server/authoring/actions';
import type { CourseFieldsInput, RevisionView } from '../../typings/functions/authoring';
import type { buildDemoCompany } from './company';

const AUTHOR_OPENID = 'demo-branch-trainer';

const COURSES: CourseFieldsInput[] = [
  {
    title: '门店晨会十分钟',
    summary: '用十分钟开好一场门店晨会：目标、分工、鼓劲。',
    cover: null,
    category: 'professional_skills',
    format: 'article',
    audiences: ['first_line_manager'],
    durationMinutes: 10,
    tags: ['门店', '晨会'],
    content: {
      blocks: [
        { type: 'heading', text: '晨会开什么' },
        { type: 'paragraph', text: '说清今天的目标，分好每个人的任务，再用一个昨天的好例子给大家鼓劲。' },
        { type: 'heading', text: '常见问题' },
        { type: 'paragraph', text: '晨会变成训话、时间拖太长、只讲数字不讲方法。' },
      ],
    },
    quiz: {
      passMark: 60,
      attemptLimit: 0,
      requiredForCompletion: false,
      shuffle: true,
      questions: [
        {
          id: 'q1',
          kind: 'true_false',
          prompt: '晨会应控制在十分钟左右',
          options: [
            { id: 't', text: '正确' },
            { id: 'f', text: '错误' },
          ],
          answer: ['t'],
        },
      ],
    },
  },
  {
    title: '客户投诉的第一句话',
    summary: '接到投诉时，第一句话决定了后面十分钟。',
    cover: null,
    category: 'general_skills',
    format: 'text',
    audiences: [],
    durationMinutes: 5,
    tags: ['客服'],
    content: { blocks: [{ type: 'paragraph', text: '先确认对方的感受，再复述问题，最后说明你接下来会做什么。' }] },
    quiz: null,
  },
];

export async function seedReviewDemo(db: Database, cloud: WxCloud, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<{ inReview: number }> {
  const author = company.identities.find((identity) => identity.openid === AUTHOR_OPENID);
  if (!author) throw new Error(`演示公司缺少 ${AUTHOR_OPENID} 身份`);
  const existing = (await db.collection(COLLECTIONS.courseAuthoring).where({ authorId: author.memberId, openStatus: 'in_review' }).count()) as unknown as {
    total: number;
  };
  if (existing.total > 0) return { inReview: existing.total };
  // The author goes through the real guard (binding → member → role), as a call from the console would.
  const caller = await resolveCaller(db, { openid: AUTHOR_OPENID, appid: null, unionid: null }, createCourse.roles);
  for (const [index, fields] of COURSES.entries()) {
    const context = { caller, db, cloud, requestId: `demo-seed:review-${index}`, now: () => now };
    const made = (await createCourse.handler({ ...context, input: parseInput(createCourse.input, { fields }) })) as RevisionView;
    await submitForReview.handler({ ...context, input: parseInput(submitForReview.input, { courseId: made.courseId }) });
  }
  return { inReview: COURSES.length };
}
