/**
 * The campaign editor's state: the contract's fields (typings/functions/campaign.ts) with one task row per
 * planned day carrying its date and course title for display, read from the trainer's view of a campaign.
 */
import type { Audience, CampaignTeamMode } from '../../../../typings/domain';
import { campaignFieldsShape, type CampaignAdminView } from '../../../../typings/functions/campaign';

export interface TaskRow {
  day: string;
  courseId: string | null;
  courseTitle: string | null;
  prompt: string;
}

export interface CampaignFormState {
  title: string;
  summary: string;
  cover: string | null;
  startDay: string;
  endDay: string;
  tasks: TaskRow[];
  requirement: { minTextLength: number; minPictures: number; maxPictures: number; requireCourse: boolean };
  signUpStartDay: string;
  signUpEndDay: string;
  capacity: number | null;
  departmentIds: string[];
  audiences: Audience[];
  inviteOnly: boolean;
  approvalRequired: boolean;
  teamMode: CampaignTeamMode;
  /** Saved teams keep their id (the server matches them); new ones have none. */
  teams: { id?: string; name: string }[];
  pointsPerCheckin: number;
  streakMilestones: { days: number; points: number }[];
  makeUp: { cardsPerMember: number; daysBack: number; pointsCost: number };
  makeUpCountsForStreak: boolean;
  reminderTime: string | null;
  certificatePercent: number;
}

/** `YYYY-MM-DD` plus `n` days (calendar arithmetic in UTC, so no zone shifts a day). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The planned days from start to end, at most `max` of them. */
export function campaignDays(startDay: string, endDay: string, max: number): string[] {
  const days: string[] = [];
  for (let day = startDay; day <= endDay && days.length < max; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Today in the browser's calendar (the console is used in China; the server decides Beijing days). */
function today(): string {
  const now = new Date();
  return addDays(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`, 0);
}

/** How a new campaign is joined: open to everyone in scope, without approval or teams. */
const OPEN_TO_ALL: Pick<CampaignFormState, 'inviteOnly' | 'approvalRequired' | 'teamMode'> = { inviteOnly: false, approvalRequired: false, teamMode: 'none' };

/** A new campaign: seven days starting in a week, sign-up open until the day before. */
export function emptyCampaignForm(): CampaignFormState {
  const start = addDays(today(), 7);
  const end = addDays(start, 6);
  return {
    title: '',
    summary: '',
    cover: null,
    startDay: start,
    endDay: end,
    tasks: campaignDays(start, end, 7).map((day) => ({ day, courseId: null, courseTitle: null, prompt: '' })),
    requirement: { minTextLength: 10, minPictures: 0, maxPictures: 9, requireCourse: false },
    signUpStartDay: today(),
    signUpEndDay: addDays(start, -1),
    capacity: null,
    ...OPEN_TO_ALL,
    audiences: [],
    departmentIds: [],
    teams: [],
    pointsPerCheckin: 5,
    streakMilestones: [],
    makeUp: { cardsPerMember: 0, daysBack: 0, pointsCost: 0 },
    makeUpCountsForStreak: true,
    reminderTime: null,
    certificatePercent: 100,
  };
}

/** The form of a saved campaign: every field of the contract (campaignFieldsShape), copied so edits stay local. */
export function formOf(campaign: CampaignAdminView): CampaignFormState {
  const copy = JSON.parse(JSON.stringify(campaign)) as CampaignAdminView;
  const fields = Object.fromEntries(Object.keys(campaignFieldsShape).map((key) => [key, copy[key as keyof CampaignAdminView]]));
  return {
    ...(fields as unknown as CampaignFormState),
    tasks: copy.tasks.map((task) => ({ day: task.day, courseId: task.courseId, courseTitle: task.courseTitle, prompt: task.prompt })),
    teams: copy.teams.map((team) => ({ id: team.id, name: team.name })),
  };
}

/** An idempotency key for one user intent (typings/schema.ts clientId). */
export function newRequestId(): string {
  return crypto.randomUUID();
}
