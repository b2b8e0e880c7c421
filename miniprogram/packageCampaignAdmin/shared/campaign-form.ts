/**
 * The campaign editor's form: what the template binds to (text for numbers, flags for choices, one row per
 * planned day), converted from the trainer's view of a campaign and to the contract's fields. The checks
 * here spare a round trip for the obvious and keep the days and tasks in step; the server checks again.
 */
import type { Audience, CampaignTeamMode } from '../../../typings/domain';
import { campaignUrl, type CampaignAdminView, type CampaignFields } from '../../services/campaign';
import { addDays, daysInclusive } from '../../utils/time';
import { AUDIENCE_LABELS, CAMPAIGN_TEAM_MODE_LABELS } from '../../utils/labels';
import { readInteger, readText } from '../../utils/form';
import { CAMPAIGN_LIMITS } from '../../utils/limits';

export const MAX_DAYS = CAMPAIGN_LIMITS.days;
export const MAX_TEAMS = CAMPAIGN_LIMITS.teams;
export const MAX_MILESTONES = CAMPAIGN_LIMITS.milestones;

export interface TaskRow {
  day: string;
  label: string;
  courseId: string;
  courseTitle: string;
  prompt: string;
}

export interface TeamRow {
  /** '' for a team not saved yet. */
  id: string;
  name: string;
}

export interface MilestoneRow {
  days: string;
  points: string;
}

export interface Flag<T extends string> {
  value: T;
  label: string;
  checked: boolean;
}

export const TEAM_MODES: { value: CampaignTeamMode; label: string }[] = (Object.keys(CAMPAIGN_TEAM_MODE_LABELS) as CampaignTeamMode[]).map((value) => ({
  value,
  label: CAMPAIGN_TEAM_MODE_LABELS[value],
}));

export interface CampaignForm {
  title: string;
  summary: string;
  cover: string;
  startDay: string;
  endDay: string;
  tasks: TaskRow[];
  minTextLength: string;
  minPictures: string;
  maxPictures: string;
  requireCourse: boolean;
  signUpStartDay: string;
  signUpEndDay: string;
  /** '' for no limit. */
  capacity: string;
  departmentIds: string[];
  audiences: Flag<Audience>[];
  inviteOnly: boolean;
  approvalRequired: boolean;
  teamModeIndex: number;
  teams: TeamRow[];
  pointsPerCheckin: string;
  milestones: MilestoneRow[];
  cardsPerMember: string;
  daysBack: string;
  makeUpCost: string;
  makeUpCountsForStreak: boolean;
  reminderOn: boolean;
  reminderTime: string;
  certificatePercent: string;
}

export function audienceFlags(selected: readonly Audience[]): Flag<Audience>[] {
  return (Object.keys(AUDIENCE_LABELS) as Audience[]).map((value) => ({ value, label: AUDIENCE_LABELS[value], checked: selected.includes(value) }));
}

/** The task rows for the days from start to end, keeping what was typed for days still in range. */
export function taskRowsFor(startDay: string, endDay: string, previous: readonly TaskRow[]): TaskRow[] {
  const count = daysInclusive(startDay, endDay);
  if (!(count >= 1) || count > MAX_DAYS) return previous.slice();
  const byDay = new Map(previous.map((row) => [row.day, row]));
  return Array.from({ length: count }, (_, index) => {
    const day = addDays(startDay, index);
    const kept = byDay.get(day);
    return { day, label: `第 ${index + 1} 天`, courseId: kept?.courseId ?? '', courseTitle: kept?.courseTitle ?? '', prompt: kept?.prompt ?? '' };
  });
}

/** A new campaign: starting in a week for 21 days, sign-up open until it starts. */
export function emptyForm(today: string): CampaignForm {
  const startDay = addDays(today, 7);
  const endDay = addDays(startDay, 20);
  return {
    title: '',
    summary: '',
    cover: '',
    startDay,
    endDay,
    tasks: taskRowsFor(startDay, endDay, []),
    minTextLength: '20',
    minPictures: '0',
    maxPictures: '9',
    requireCourse: false,
    signUpStartDay: today,
    signUpEndDay: startDay,
    capacity: '',
    departmentIds: [],
    audiences: audienceFlags([]),
    inviteOnly: false,
    approvalRequired: false,
    teamModeIndex: 0,
    teams: [],
    pointsPerCheckin: '10',
    milestones: [
      { days: '7', points: '50' },
      { days: '14', points: '100' },
      { days: '21', points: '200' },
    ],
    cardsPerMember: '2',
    daysBack: '3',
    makeUpCost: '0',
    makeUpCountsForStreak: true,
    reminderOn: true,
    reminderTime: '20:00',
    certificatePercent: '100',
  };
}

export function formOf(campaign: CampaignAdminView): CampaignForm {
  return {
    title: campaign.title,
    summary: campaign.summary,
    cover: campaign.cover ?? '',
    startDay: campaign.startDay,
    endDay: campaign.endDay,
    tasks: campaign.tasks.map((task) => ({
      day: task.day,
      label: `第 ${task.index} 天`,
      courseId: task.courseId ?? '',
      courseTitle: task.courseTitle ?? '',
      prompt: task.prompt,
    })),
    minTextLength: String(campaign.requirement.minTextLength),
    minPictures: String(campaign.requirement.minPictures),
    maxPictures: String(campaign.requirement.maxPictures),
    requireCourse: campaign.requirement.requireCourse,
    signUpStartDay: campaign.signUpStartDay,
    signUpEndDay: campaign.signUpEndDay,
    capacity: campaign.capacity === null ? '' : String(campaign.capacity),
    departmentIds: campaign.departmentIds.slice(),
    audiences: audienceFlags(campaign.audiences),
    inviteOnly: campaign.inviteOnly,
    approvalRequired: campaign.approvalRequired,
    teamModeIndex: Math.max(
      0,
      TEAM_MODES.findIndex((mode) => mode.value === campaign.teamMode),
    ),
    teams: campaign.teams.map((team) => ({ id: team.id, name: team.name })),
    pointsPerCheckin: String(campaign.pointsPerCheckin),
    milestones: campaign.streakMilestones.map((milestone) => ({ days: String(milestone.days), points: String(milestone.points) })),
    cardsPerMember: String(campaign.makeUp.cardsPerMember),
    daysBack: String(campaign.makeUp.daysBack),
    makeUpCost: String(campaign.makeUp.pointsCost),
    makeUpCountsForStreak: campaign.makeUpCountsForStreak,
    reminderOn: campaign.reminderTime !== null,
    reminderTime: campaign.reminderTime ?? '20:00',
    certificatePercent: String(campaign.certificatePercent),
  };
}

export type FormCheck = { ok: true; fields: CampaignFields } | { ok: false; error: string };

type Counted = { ok: true; value: number } | { ok: false; error: string };

function count(text: string, label: string, min: number, max: number): Counted {
  const read = readInteger(text, { label, min, max });
  return read.ok ? { ok: true, value: read.value ?? 0 } : read;
}

/** The form as the contract's fields, or the first problem in Chinese. */
export function fieldsOfForm(form: CampaignForm): FormCheck {
  const title = readText(form.title, '活动标题', 40, true);
  if (!title.ok) return title;
  const summary = readText(form.summary, '活动介绍', 2000, false);
  if (!summary.ok) return summary;
  const days = daysInclusive(form.startDay, form.endDay);
  if (!(days >= 1)) return { ok: false, error: '结束日期不能早于开始日期' };
  if (days > MAX_DAYS) return { ok: false, error: `活动最多 ${MAX_DAYS} 天` };
  if (form.tasks.length !== days) return { ok: false, error: '每日任务与活动天数不一致，请重新选择日期' };
  const untasked = form.tasks.find((task) => task.courseId === '' && task.prompt.trim() === '');
  if (untasked) return { ok: false, error: `${untasked.label}需要关联课程或填写打卡题目` };
  if (form.tasks.some((task) => task.prompt.trim().length > 500)) return { ok: false, error: '每日打卡题目最多 500 字' };
  if (daysInclusive(form.signUpStartDay, form.signUpEndDay) < 1) return { ok: false, error: '报名截止日期不能早于报名开始日期' };
  if (form.signUpStartDay > form.endDay) return { ok: false, error: '报名须在活动结束前开始' };

  const minText = count(form.minTextLength, '最少字数', 0, 2000);
  if (!minText.ok) return minText;
  const minPictures = count(form.minPictures, '最少图片数', 0, 9);
  if (!minPictures.ok) return minPictures;
  const maxPictures = count(form.maxPictures, '最多图片数', 0, 9);
  if (!maxPictures.ok) return maxPictures;
  if (minPictures.value > maxPictures.value) return { ok: false, error: '最少图片数不能大于最多图片数' };
  const capacity = readInteger(form.capacity, { label: '名额', min: 1, max: 100_000, optional: true });
  if (!capacity.ok) return capacity;

  const teamMode = TEAM_MODES[form.teamModeIndex]?.value ?? 'none';
  const teams = form.teams.map((team) => ({ ...(team.id ? { id: team.id } : {}), name: team.name.trim() }));
  if (teamMode !== 'none' && teams.length === 0) return { ok: false, error: '分组活动至少需要一个小组' };
  if (teams.some((team) => team.name === '')) return { ok: false, error: '请填写每个小组的名称' };
  if (teams.some((team) => team.name.length > 20)) return { ok: false, error: '小组名称最多 20 个字' };
  if (new Set(teams.map((team) => team.name)).size !== teams.length) return { ok: false, error: '小组名称不能重复' };

  const points = count(form.pointsPerCheckin, '每次打卡积分', 0, 1000);
  if (!points.ok) return points;
  const milestones: { days: number; points: number }[] = [];
  for (const row of form.milestones) {
    const milestoneDays = count(row.days, '连续打卡天数', 2, MAX_DAYS);
    if (!milestoneDays.ok) return milestoneDays;
    const milestonePoints = count(row.points, '连续打卡奖励积分', 0, 100_000);
    if (!milestonePoints.ok) return milestonePoints;
    milestones.push({ days: milestoneDays.value, points: milestonePoints.value });
  }
  if (new Set(milestones.map((milestone) => milestone.days)).size !== milestones.length) return { ok: false, error: '连续打卡奖励的天数不能重复' };
  milestones.sort((a, b) => a.days - b.days);

  const cards = count(form.cardsPerMember, '补卡卡数量', 0, 30);
  if (!cards.ok) return cards;
  const daysBack = count(form.daysBack, '可补卡天数', 0, 30);
  if (!daysBack.ok) return daysBack;
  const cost = count(form.makeUpCost, '补卡消耗积分', 0, 100_000);
  if (!cost.ok) return cost;
  const certificate = count(form.certificatePercent, '结业证书所需打卡比例', 1, 100);
  if (!certificate.ok) return certificate;
  if (form.reminderOn && !/^([01]\d|2[0-3]):[0-5]\d$/.test(form.reminderTime)) return { ok: false, error: '请选择提醒时间' };

  return {
    ok: true,
    fields: {
      title: title.value,
      summary: summary.value,
      cover: form.cover || null,
      startDay: form.startDay,
      endDay: form.endDay,
      tasks: form.tasks.map((task) => ({ courseId: task.courseId || null, prompt: task.prompt.trim() })),
      requirement: { minTextLength: minText.value, minPictures: minPictures.value, maxPictures: maxPictures.value, requireCourse: form.requireCourse },
      signUpStartDay: form.signUpStartDay,
      signUpEndDay: form.signUpEndDay,
      capacity: capacity.value,
      departmentIds: form.departmentIds.slice(),
      audiences: form.audiences.filter((flag) => flag.checked).map((flag) => flag.value),
      inviteOnly: form.inviteOnly,
      approvalRequired: form.approvalRequired,
      teamMode,
      teams: teamMode === 'none' ? [] : teams,
      pointsPerCheckin: points.value,
      streakMilestones: milestones,
      makeUp: { cardsPerMember: cards.value, daysBack: daysBack.value, pointsCost: cost.value },
      makeUpCountsForStreak: form.makeUpCountsForStreak,
      reminderTime: form.reminderOn ? form.reminderTime : null,
      certificatePercent: certificate.value,
    },
  };
}

/** The invitation link a trainer sends: the detail page with the campaign's token (a path without the leading slash). */
export function invitationPath(campaignId: string, inviteToken: string): string {
  return campaignUrl('detail', { id: campaignId, inviteToken }).slice(1);
}
