/** Demo check-in campaigns and a micro-course contest (the courses come from content/demo). */

import { beijingDate } from '../../server/roster';

const DAY = 86_400_000;

/** Beijing calendar day (YYYY-MM-DD) `offset` days from `now`. */
function beijingDay(now: Date, offset: number): string {
  return beijingDate(new Date(now.getTime() + offset * DAY));
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
