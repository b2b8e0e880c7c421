/** A starter catalogue for the demo company: courses, a check-in campaign and a micro-course contest. */

type Category = 'company_knowledge' | 'general_skills' | 'leadership' | 'professional_skills' | 'onboarding';
type Format = 'article' | 'narrated_article' | 'video' | 'audio' | 'h5' | 'text';

const COURSES: [string, string, Category, Format, number, string[]][] = [
  ['企业文化十问十答', '用十个问题讲清公司的使命、愿景与价值观。', 'company_knowledge', 'narrated_article', 8, ['文化', '价值观']],
  ['差旅报销制度速览', '一图看懂差旅标准、报销流程与常见退单原因。', 'company_knowledge', 'article', 6, ['制度', '报销']],
  ['新员工第一周指南', '入职第一周要办的事、要见的人、要用的系统。', 'onboarding', 'article', 10, ['入职']],
  ['信息安全红线', '五条不能碰的信息安全红线与真实案例。', 'company_knowledge', 'video', 9, ['安全', '合规']],
  ['高效会议的三个习惯', '会前明确目标、会中控制时间、会后跟进行动。', 'general_skills', 'video', 12, ['效率', '会议']],
  ['结构化表达：金字塔原理', '结论先行、以上统下、归类分组、逻辑递进。', 'general_skills', 'narrated_article', 15, ['沟通']],
  ['新任经理的角色转变', '从个人贡献者到带团队，最难的三件事。', 'leadership', 'video', 18, ['管理', '新经理']],
  ['如何给下属有效反馈', 'SBI 反馈模型与练习。', 'leadership', 'audio', 10, ['反馈', '辅导']],
  ['客户异议处理五步法', '倾听、确认、澄清、回应、推进，配真实对话。', 'professional_skills', 'video', 14, ['销售', '客户']],
  ['投诉电话的黄金三分钟', '客服场景下稳定情绪、厘清诉求的话术。', 'professional_skills', 'audio', 8, ['客服']],
  ['产品知识 H5：年度新品', '交互式了解今年上市的三款新品。', 'professional_skills', 'h5', 7, ['产品']],
  ['办公软件快捷键清单', '每天节省半小时的二十个快捷键。', 'general_skills', 'text', 5, ['效率', '工具']],
];

const DAY = 86_400_000;

export function demoCourses(now: Date) {
  return COURSES.map(([title, summary, category, format, durationMinutes, tags], index) => ({
    _id: `course:demo-${String(index + 1).padStart(2, '0')}`,
    title,
    summary,
    category,
    format,
    durationMinutes,
    tags,
    audiences: [],
    status: 'published',
    createdAt: new Date(now.getTime() - (40 - index) * DAY),
    publishedAt: new Date(now.getTime() - (30 - index) * DAY),
  }));
}

/** Beijing calendar day (YYYY-MM-DD) `offset` days from `now`. */
function beijingDay(now: Date, offset: number): string {
  return new Date(now.getTime() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10);
}

export function demoCampaigns(now: Date) {
  return [
    {
      _id: 'campaign:demo-21days',
      title: '21 天结构化表达打卡',
      summary: '每天一个小练习，三周养成结论先行的表达习惯。',
      startDay: beijingDay(now, -3),
      endDay: beijingDay(now, 17),
      status: 'published',
      publishedAt: new Date(now.getTime() - 7 * DAY),
    },
    {
      _id: 'campaign:demo-onboarding',
      title: '新员工 7 天融入计划',
      summary: '七天七个任务，认识公司、认识同事、认识岗位。',
      startDay: beijingDay(now, 4),
      endDay: beijingDay(now, 10),
      status: 'published',
      publishedAt: new Date(now.getTime() - 1 * DAY),
    },
  ];
}

export function demoContests(now: Date) {
  return [
    {
      _id: 'contest:demo-2026',
      title: '2026 年度微课大赛',
      theme: '把经验变成课：一线最佳实践',
      summary: '初赛图文、复赛微课、决赛现场路演；专家评分 90% + 网络投票 10%。',
      status: 'published',
      publishedAt: new Date(now.getTime() - 10 * DAY),
    },
  ];
}
