/** How a campaign's rules read for learners (detail page) and in the trainer's preview. */
import { ACTIVE_ENROLLMENT, type CampaignDetail, type CampaignTask, type Enrollment } from '../../services/campaign';
import { ENROLLMENT_STATUS_LABELS } from '../../utils/labels';
import { ENROLLMENT_STATUS_THEMES, type TagTheme } from '../../utils/status-themes';

/** 文字不少于 50 字、图片 1–9 张、需先完成当天课程 */
export function requirementLines(requirement: CampaignDetail['requirement']): string[] {
  const lines: string[] = [];
  lines.push(requirement.minTextLength > 0 ? `心得文字不少于 ${requirement.minTextLength} 字` : '心得文字可选');
  if (requirement.maxPictures === 0) lines.push('无需上传图片');
  else if (requirement.minPictures > 0) lines.push(`上传图片 ${requirement.minPictures}–${requirement.maxPictures} 张`);
  else lines.push(`可上传图片，最多 ${requirement.maxPictures} 张`);
  if (requirement.requireCourse) lines.push('打卡前需完成当天的课程');
  return lines;
}

export function ruleLines(campaign: CampaignDetail): string[] {
  const lines: string[] = [];
  if (campaign.pointsPerCheckin > 0) lines.push(`每次打卡得 ${campaign.pointsPerCheckin} 积分`);
  for (const milestone of campaign.streakMilestones) lines.push(`连续打卡 ${milestone.days} 天，奖励 ${milestone.points} 积分`);
  const { makeUp } = campaign;
  if (makeUp.cardsPerMember > 0) {
    const cost = makeUp.pointsCost > 0 ? `，每次消耗 ${makeUp.pointsCost} 积分` : '';
    const window = makeUp.daysBack === 1 ? '只能补昨天' : `可补最近 ${makeUp.daysBack} 天内漏打的卡`;
    lines.push(`每人 ${makeUp.cardsPerMember} 张补卡卡，${window}${cost}`);
    lines.push(campaign.makeUpCountsForStreak ? '补卡计入连续打卡' : '补卡计入打卡天数，但不计入连续打卡');
  } else {
    lines.push('本活动不支持补卡');
  }
  lines.push(campaign.certificatePercent >= 100 ? '完成全部打卡即可获得结业证书' : `完成 ${campaign.certificatePercent}% 的打卡天数即可获得结业证书`);
  if (campaign.reminderTime) lines.push(`每天 ${campaign.reminderTime} 提醒未打卡的成员（需订阅提醒）`);
  return lines;
}

export function signUpLines(campaign: CampaignDetail): string[] {
  const lines = [`报名时间：${campaign.signUpStartDay} 至 ${campaign.signUpEndDay}`];
  const seats =
    campaign.capacity === null ? `不限名额，已报名 ${campaign.enrolledCount} 人` : `名额 ${campaign.capacity} 人，已报名 ${campaign.enrolledCount} 人`;
  lines.push(campaign.waitlistedCount > 0 ? `${seats}，候补 ${campaign.waitlistedCount} 人` : seats);
  if (campaign.approvalRequired) lines.push('报名需管理员审核');
  if (campaign.inviteOnly) lines.push('仅限受邀成员报名');
  return lines;
}

export interface TaskView {
  key: string;
  label: string;
  day: string;
  courseId: string;
  courseTitle: string;
  prompt: string;
  today: boolean;
  /** Far from today: hidden until 展开全部 (a 21-day list would make the page several screens long). */
  folded: boolean;
}

/** Tasks shown either side of today's (or the next, or the last) task while the list is folded. */
export const TASKS_AROUND_TODAY = 3;

export function toTaskView(task: CampaignTask, today: string): TaskView {
  return {
    key: task.day,
    label: `第 ${task.index} 天`,
    day: task.day,
    courseId: task.courseId ?? '',
    courseTitle: task.courseTitle ?? '',
    prompt: task.prompt,
    today: task.day === today,
    folded: false,
  };
}

/**
 * The task list folded around today: today's task (before the start the first, after the end the last) and
 * TASKS_AROUND_TODAY either side stay open, the rest fold. Tasks are in day order.
 */
export function foldedTasks(tasks: readonly CampaignTask[], today: string): TaskView[] {
  const next = tasks.findIndex((task) => task.day >= today);
  const focus = next === -1 ? tasks.length - 1 : next;
  return tasks.map((task, index) => ({ ...toTaskView(task, today), folded: Math.abs(index - focus) > TASKS_AROUND_TODAY }));
}

export interface EnrollmentView {
  status: Enrollment['status'];
  statusLabel: string;
  statusTheme: TagTheme;
  /** 候补第 3 位 / 等待管理员审核 / '' */
  note: string;
  team: string;
  progress: string;
  streak: string;
  cardsLeft: number;
  active: boolean;
}

export function toEnrollmentView(enrollment: Enrollment, totalDays: number): EnrollmentView {
  const notes: Partial<Record<Enrollment['status'], string>> = {
    pending: '等待管理员审核',
    waitlisted: enrollment.waitPosition !== null ? `候补第 ${enrollment.waitPosition} 位，有人退出后自动补位` : '候补中',
    rejected: '报名未通过审核',
  };
  const made = enrollment.madeUpDays > 0 ? `（含补卡 ${enrollment.madeUpDays} 天）` : '';
  return {
    status: enrollment.status,
    statusLabel: ENROLLMENT_STATUS_LABELS[enrollment.status],
    statusTheme: ENROLLMENT_STATUS_THEMES[enrollment.status],
    note: notes[enrollment.status] ?? '',
    team: enrollment.teamName ?? '',
    progress: `已打卡 ${enrollment.daysDone}/${totalDays} 天${made}`,
    streak: `连续 ${enrollment.currentStreak} 天 · 最长 ${enrollment.longestStreak} 天`,
    cardsLeft: enrollment.makeUpCardsLeft,
    active: ACTIVE_ENROLLMENT.includes(enrollment.status),
  };
}
