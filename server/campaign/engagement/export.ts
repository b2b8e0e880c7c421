/**
 * The roster export (导出名单): every member taking part with their totals and one column per planned day,
 * as an Excel workbook in cloud storage, in leaderboard order. Each day's status comes from the enrollment's
 * own day map, so the export reads the enrollments, never the check-ins.
 */
import type { CampaignDoc, CheckinKind, EnrollmentDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { DashboardMemberRow, RosterExport } from '../../../typings/functions/campaign-engagement';
import { COLLECTIONS, defineAction } from '../../core';
import type { Database, WxCloud } from '../../core';
import { exportRows, exportTable, pathSegment } from '../../core/workbook';
import { beijingDate } from '../../core/time';
import { loadManagedCampaign } from '../access';
import { plannedDays, totalDays } from '../days';
import { dashboardMemberRow } from './dashboard';
import { enrolledFilter } from './leaderboards';

const MAX_QUERY = 1000;

/** What a day's cell says; an upcoming day's cell stays empty. */
export const DAY_STATUS_LABELS: Record<CheckinKind | 'missed' | 'open', string> = {
  on_time: '已打卡',
  made_up: '补卡',
  missed: '未打卡',
  open: '待打卡',
};

export function dayStatusLabel(kind: CheckinKind | undefined, day: string, today: string): string | null {
  if (kind !== undefined) return DAY_STATUS_LABELS[kind];
  if (day > today) return null;
  return DAY_STATUS_LABELS[day < today ? 'missed' : 'open'];
}

/**
 * Pages of the members taking part in leaderboard order (most days done, then longest streak, then `_id`):
 * one query per days-done value, so each reads its own group through the index that orders it, never the
 * whole campaign again (a group of more than 1000 takes more pages).
 */
async function* enrolledByProgress(db: Database, campaign: CampaignDoc): AsyncGenerator<EnrollmentDoc[]> {
  // From all planned days done (days done never exceed them) down to none.
  for (let daysDone = totalDays(campaign); daysDone >= 0; daysDone -= 1) {
    for (let skip = 0; ; skip += MAX_QUERY) {
      const page = (await db
        .collection(COLLECTIONS.campaignEnrollments)
        .where({ ...enrolledFilter(campaign._id), daysDone })
        .orderBy('longestStreak', 'desc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(MAX_QUERY)
        .get()) as unknown as { data: EnrollmentDoc[] };
      if (page.data.length > 0) yield page.data;
      if (page.data.length < MAX_QUERY) break;
    }
  }
}

/** One roster line: the enrollment (its day map) and the figures the dashboard shows for it. */
interface RosterLine {
  enrollment: EnrollmentDoc;
  member: DashboardMemberRow;
}

/** The roster's columns: the member's totals, then one column per planned day of `campaign`. */
export function rosterExport(campaign: CampaignDoc, today: string) {
  return exportTable<RosterLine>('打卡名单', [
    { header: '工号', width: 14, cell: ({ member }) => member.employeeNo ?? '' },
    { header: '姓名', width: 12, cell: ({ member }) => member.name },
    { header: '部门', width: 30, cell: ({ member }) => member.departmentPath.join('/') },
    { header: '小组', width: 12, cell: ({ member }) => member.teamName ?? '' },
    { header: '已打卡天数', width: 12, cell: ({ member }) => member.daysDone },
    { header: '补卡天数', width: 10, cell: ({ member }) => member.madeUpDays },
    { header: '未打卡天数', width: 12, cell: ({ member }) => member.missedDays },
    { header: '最长连续', width: 10, cell: ({ member }) => member.longestStreak },
    ...plannedDays(campaign).map((day, index) => ({
      header: `第${index + 1}天 ${day.slice(5)}`,
      width: 12,
      cell: ({ enrollment }: RosterLine) => dayStatusLabel(enrollment.days[day], day, today),
    })),
  ]);
}

async function* rosterLines(db: Database, campaign: CampaignDoc, today: string): AsyncGenerator<RosterLine[]> {
  for await (const page of enrolledByProgress(db, campaign))
    yield page.map((enrollment) => ({ enrollment, member: dashboardMemberRow(campaign, enrollment, today) }));
}

export async function exportRosterWorkbook(db: Database, cloud: WxCloud, campaign: CampaignDoc, now: Date, ownerId: string): Promise<RosterExport> {
  const today = beijingDate(now);
  return exportRows(cloud, rosterExport(campaign, today), rosterLines(db, campaign, today), {
    label: `campaigns/${pathSegment(campaign._id)}-${today}`,
    ownerId,
    now,
  });
}

export const exportRoster = defineAction({
  ...campaignEngagementContracts.exportRoster,
  roles: ['trainer', 'admin'],
  async handler({ db, cloud, caller, input, now }) {
    return exportRosterWorkbook(db, cloud, await loadManagedCampaign(db, caller.member, input.campaignId), now(), caller.member._id);
  },
});
