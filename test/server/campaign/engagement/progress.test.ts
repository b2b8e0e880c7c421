/**
 * Leaderboards, team PK, the trainer's dashboard, the member list and the roster export, each checked
 * against an independent computation over the stored check-ins and enrollments of a generated campaign
 * (members joining late, make-ups, teams); and the certificate, issued once.
 */
import ExcelJS from 'exceljs';
import type { CampaignCertificateDoc, CampaignDoc, CheckinDoc, EnrollmentDoc, MemberDoc } from '../../../../typings/domain';
import type { DashboardMemberRow, DashboardMemberSort, TeamRankRow } from '../../../../typings/functions/campaign-engagement';
import { quit } from '../../../../server/campaign/enrollment';
import { addDays } from '../../../../server/core/time';
import { plannedDays } from '../../../../server/campaign/days';
import { useTestCloud } from '../../../helpers/local-cloud';
import { grant, testDb } from '../../../helpers/db';
import { codeOf, dataOf } from '../../../helpers/envelope';
import { freezeClock } from '../../../helpers/clock';
import { runConcurrently } from '../../../helpers/concurrency';
import { actionOf, beijing, call, campaignFields, expectCountersExact, makeCampaign, openidOf, readDoc, readWhere, seedMembers, seedTrainer } from '../helpers';
import { checkInOn, makeUpOn, signUpAll } from './helpers';

jest.setTimeout(120_000);

const START = '2026-06-29';
const TODAY = '2026-07-03'; // day 5 of 7, across a month end
const TEAMS = [{ name: '一组' }, { name: '二组' }, { name: '三组' }];

useTestCloud();
let trainer: MemberDoc;
let campaign: CampaignDoc;
let members: MemberDoc[];

/** Whether member `i` checks in on day index `d` (0-based): a fixed, uneven pattern; member 1 never misses. */
const attends = (i: number, d: number) => i === 1 || ((i * 7 + d * 3) % 5 !== 0 && !(i % 6 === 5 && d >= 2));

beforeAll(async () => {
  trainer = await seedTrainer('m:progress-trainer');
  const fields = campaignFields(START, 7, {
    teamMode: 'chosen',
    teams: TEAMS,
    makeUp: { cardsPerMember: 2, daysBack: 2, pointsCost: 0 },
    certificatePercent: 60,
  });
  campaign = await makeCampaign(trainer, fields, beijing(addDays(START, -3)));
  members = await seedMembers(Array.from({ length: 18 }, (_, i) => `m:progress-${String(i).padStart(2, '0')}`));
  const early = members.slice(0, 15);
  const late = members.slice(15);
  await signUpAll(campaign, early, beijing(addDays(START, -1)), (i) => `t${(i % 3) + 1}`);
  const days = plannedDays(campaign).filter((day) => day <= TODAY);
  for (const [d, day] of days.entries()) {
    // Three members join on day 3 (in team 1), and check in from then on.
    if (d === 2) await signUpAll(campaign, late, beijing(day, '08:00'), () => 't1');
    for (const [i, member] of members.entries()) {
      if (i >= 15 && d < 2) continue;
      if (day === TODAY && i % 2 === 0) continue; // today is still open: half have not checked in yet
      if (attends(i, d)) await checkInOn(campaign, member, day, `0${(i % 9) + 1}:00`);
    }
  }
  // Two make-ups of missed days (see `attends`), within the window.
  await makeUpOn(campaign, members[2] as MemberDoc, addDays(TODAY, -2), TODAY);
  await makeUpOn(campaign, members[11] as MemberDoc, addDays(TODAY, -1), TODAY);
  campaign = (await readDoc<CampaignDoc>('campaigns', campaign._id)) as CampaignDoc;
});

afterEach(() => {
  jest.useRealTimers();
});

async function stored() {
  const [enrollments, checkins] = await Promise.all([
    readWhere<EnrollmentDoc>('campaignEnrollments', { campaignId: campaign._id, status: 'enrolled' }),
    readWhere<CheckinDoc>('campaignCheckins', { campaignId: campaign._id }),
  ]);
  return { enrollments, checkins };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const byRank = (a: EnrollmentDoc, b: EnrollmentDoc) => b.daysDone - a.daysDone || b.longestStreak - a.longestStreak || (a._id < b._id ? -1 : 1);

/** The team PK recomputed from the check-ins and enrollments themselves. */
function expectedTeams(enrollments: EnrollmentDoc[], checkins: CheckinDoc[], elapsed: number): Omit<TeamRankRow, 'rank' | 'isMine'>[] {
  const teamOf = new Map(enrollments.map((e) => [e.memberId, e.teamId]));
  return TEAMS.map((_, i) => `t${i + 1}`)
    .map((teamId, i) => {
      const size = enrollments.filter((e) => e.teamId === teamId).length;
      const done = checkins.filter((c) => teamOf.get(c.memberId) === teamId).length;
      return { teamId, name: TEAMS[i]!.name, members: size, checkins: done, rate: round4(done / (size * elapsed)) };
    })
    .sort((a, b) => b.rate - a.rate || b.checkins - a.checkins || (a.teamId < b.teamId ? -1 : 1));
}

describe('leaderboards', () => {
  it('ranks members by days done, then longest streak, then id, with the caller’s own rank', async () => {
    freezeClock(beijing(TODAY, '15:00'));
    await expectCountersExact(campaign._id);
    const { enrollments } = await stored();
    const expected = [...enrollments].sort(byRank);
    const viewer = expected[13] as EnrollmentDoc;
    const first = dataOf(await call('memberLeaderboard', { campaignId: campaign._id, pageSize: 10 }, viewer.memberId));
    const second = dataOf(await call('memberLeaderboard', { campaignId: campaign._id, pageSize: 10, page: 2 }, viewer.memberId));
    expect([...first.items, ...second.items].map((row) => [row.rank, row.memberId, row.daysDone, row.longestStreak])).toEqual(
      expected.map((e, i) => [i + 1, e.memberId, e.daysDone, e.longestStreak]),
    );
    expect(first).toMatchObject({ total: 18, hasMore: true });
    expect(first.me).toMatchObject({ rank: 14, memberId: viewer.memberId, isMe: true });
    expect(second.me).toEqual(second.items.find((row) => row.isMe));
    // A member who never signed up sees the board without a row of their own.
    const [visitor] = await seedMembers(['m:progress-visitor']);
    expect(dataOf(await call('memberLeaderboard', { campaignId: campaign._id }, visitor!._id)).me).toBeNull();
  });

  it('computes the team PK as check-ins / (members × elapsed planned days)', async () => {
    freezeClock(beijing(TODAY, '15:00'));
    const { enrollments, checkins } = await stored();
    const board = dataOf(await call('teamLeaderboard', { campaignId: campaign._id }, (members[15] as MemberDoc)._id));
    expect(board).toMatchObject({ elapsedDays: 5, totalDays: 7, myTeamId: 't1' });
    expect(board.teams.map(({ rank: _rank, isMine: _mine, ...row }) => row)).toEqual(expectedTeams(enrollments, checkins, 5));
    expect(board.teams.map((row) => row.rank)).toEqual([1, 2, 3]);
    expect(board.teams.find((row) => row.isMine)?.teamId).toBe('t1');
    // Before the first planned day every rate is 0.
    freezeClock(beijing(addDays(START, -1), '15:00'));
    expect(dataOf(await call('teamLeaderboard', { campaignId: campaign._id }, trainer._id)).teams.every((row) => row.rate === 0)).toBe(true);
  });
});

describe('the trainer’s dashboard', () => {
  it('gives per-day members, check-ins and rates, totals, teams and the chart, as recomputed from the records', async () => {
    freezeClock(beijing(TODAY, '15:00'));
    const { enrollments, checkins } = await stored();
    const view = dataOf(await call('dashboard', { campaignId: campaign._id }, trainer._id));
    const days = plannedDays(campaign);
    // A day's rate is over the members taking part now (late joiners included).
    const enrolled = enrollments.length;
    const expectedDays = days.map((day, i) => {
      const ofDay = checkins.filter((c) => c.day === day);
      return {
        day,
        index: i + 1,
        enrolled,
        checkedIn: ofDay.length,
        madeUp: ofDay.filter((c) => c.kind === 'made_up').length,
        rate: enrolled ? round4(ofDay.length / enrolled) : 0,
        phase: day < TODAY ? 'past' : day === TODAY ? 'today' : 'upcoming',
      };
    });
    expect(view.days).toEqual(expectedDays);
    const elapsed = expectedDays.slice(0, 5);
    expect(view).toMatchObject({
      today: TODAY,
      totalDays: 7,
      elapsedDays: 5,
      enrolled: 18,
      pending: 0,
      waitlisted: 0,
      checkinsTotal: checkins.length,
      madeUpTotal: 2,
      averageRate: round4(elapsed.reduce((s, d) => s + d.checkedIn, 0) / (18 * 5)),
    });
    expect(view.teams.map(({ rank: _rank, isMine: _mine, ...row }) => row)).toEqual(expectedTeams(enrollments, checkins, 5));
    expect(view.chart).toEqual({ categories: ['6/29', '6/30', '7/1', '7/2', '7/3'], rates: elapsed.map((day) => Math.round(day.rate * 1000) / 10) });
    // The managed list (the console's campaign table) shows the same average rate.
    const row = dataOf(await call('managed', { pageSize: 50 }, trainer._id)).items.find((item) => item.id === campaign._id);
    expect(row?.checkinRate).toBe(view.averageRate);
  });

  it('pages the members with days done and missed in each sort, optionally one team', async () => {
    freezeClock(beijing(TODAY, '15:00'));
    const { enrollments, checkins } = await stored();
    const missed = (e: EnrollmentDoc) =>
      plannedDays(campaign).filter((day) => day < TODAY && !checkins.some((c) => c.memberId === e.memberId && c.day === day)).length;
    const orders: Record<DashboardMemberSort, (a: EnrollmentDoc, b: EnrollmentDoc) => number> = {
      most_done: byRank,
      most_missed: (a, b) => a.daysDone - b.daysDone || a.longestStreak - b.longestStreak || (a._id < b._id ? -1 : 1),
      longest_streak: (a, b) => b.longestStreak - a.longestStreak || b.daysDone - a.daysDone || (a._id < b._id ? -1 : 1),
    };
    for (const sort of Object.keys(orders) as DashboardMemberSort[]) {
      const rows: DashboardMemberRow[] = [];
      for (let page = 1; page <= 2; page += 1)
        rows.push(...dataOf(await call('dashboardMembers', { campaignId: campaign._id, sort, page, pageSize: 10 }, trainer._id)).items);
      const expected = [...enrollments].sort(orders[sort]);
      expect(rows.map((row) => row.memberId)).toEqual(expected.map((e) => e.memberId));
      for (const row of rows) {
        const enrollment = expected.find((e) => e.memberId === row.memberId) as EnrollmentDoc;
        expect(row).toMatchObject({
          daysDone: enrollment.daysDone,
          missedDays: missed(enrollment),
          checkedInToday: checkins.some((c) => c.memberId === row.memberId && c.day === TODAY),
        });
      }
    }
    const team = dataOf(await call('dashboardMembers', { campaignId: campaign._id, teamId: 't1', pageSize: 50 }, trainer._id));
    expect(team.total).toBe(enrollments.filter((e) => e.teamId === 't1').length);
    expect(team.items.every((row) => row.teamId === 't1' && row.teamName === '一组')).toBe(true);
  });

  it('exports the roster with every day’s status, readable as a workbook', async () => {
    freezeClock(beijing(TODAY, '15:00'));
    const { enrollments, checkins } = await stored();
    const exported = dataOf(await call('exportRoster', { campaignId: campaign._id }, trainer._id));
    expect(exported.rows).toBe(18);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await fetch(exported.url)).arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('打卡名单');
    expect(sheet.rowCount).toBe(19);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['工号', '姓名', '部门', '小组', '已打卡天数', '补卡天数', '未打卡天数', '最长连续']);
    expect(header.slice(8)).toEqual(plannedDays(campaign).map((day, i) => `第${i + 1}天 ${day.slice(5)}`));
    // Most days done first.
    const done = Array.from({ length: 18 }, (_, i) => (sheet.getRow(i + 2).values as unknown[])[5] as number);
    expect(done).toEqual([...done].sort((a, b) => b - a));
    expect(new Set(done).size).toBeGreaterThan(1);
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      const row = (sheet.getRow(r).values as unknown[]).slice(1);
      const enrollment = enrollments.find((e) => e.employeeNo === row[0]) as EnrollmentDoc;
      const statuses = plannedDays(campaign).map((day) => {
        const checkin = checkins.find((c) => c.memberId === enrollment.memberId && c.day === day);
        if (checkin) return checkin.kind === 'made_up' ? '补卡' : '已打卡';
        return day < TODAY ? '未打卡' : day === TODAY ? '待打卡' : undefined;
      });
      expect(row.slice(4, 6)).toEqual([enrollment.daysDone, enrollment.madeUpDays]);
      // Upcoming days are empty cells, which end the row.
      expect(row.slice(8)).toEqual(statuses.filter((status) => status !== undefined));
    }
  });

  it('is for the campaign’s managers only', async () => {
    freezeClock(beijing(TODAY, '15:00'));
    const [branchTrainer] = await seedMembers(['m:progress-branch-trainer'], { roles: [grant('trainer', 'dept:分公司')] });
    for (const action of ['dashboard', 'dashboardMembers', 'exportRoster'] as const) {
      expect(codeOf(await call(action, { campaignId: campaign._id }, branchTrainer!._id))).toBe('FORBIDDEN');
      expect(codeOf(await call(action, { campaignId: campaign._id }, (members[0] as MemberDoc)._id))).toBe('FORBIDDEN');
    }
  });
});

describe('the certificate', () => {
  it('is issued once, when the member reaches the campaign’s share of planned days, and kept after quitting', async () => {
    // 60% of 7 planned days: 5 days.
    freezeClock(beijing(TODAY, '15:00'));
    const { enrollments } = await stored();
    const done = enrollments.find((e) => e.daysDone >= 5) as EnrollmentDoc;
    const short = enrollments.find((e) => e.daysDone < 5) as EnrollmentDoc;
    expect(dataOf(await call('myCertificate', { campaignId: campaign._id }, short.memberId))).toEqual({
      certificate: null,
      daysDone: short.daysDone,
      daysRequired: 5,
      plannedDays: 7,
      certificatePercent: 60,
    });
    const codes = await Promise.all(
      Array.from({ length: 10 }, () => runConcurrently(actionOf('myCertificate'), { campaignId: campaign._id }, openidOf(done.memberId))),
    );
    expect(new Set(codes)).toEqual(new Set(['OK']));
    const issued = await readWhere<CampaignCertificateDoc>('certificates', { campaignId: campaign._id });
    expect(issued).toHaveLength(1);
    const view = dataOf(await call('myCertificate', { campaignId: campaign._id }, done.memberId));
    expect(view.certificate).toEqual({
      number: expect.stringMatching(/^WK260629-[0-9A-F]{8}$/),
      code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{16}$/),
      campaignId: campaign._id,
      campaignTitle: campaign.title,
      memberName: done.name,
      departmentPath: done.departmentPath,
      daysCheckedIn: done.daysDone,
      plannedDays: 7,
      issuedDay: TODAY,
      issuedAt: beijing(TODAY, '15:00').toISOString(),
    });
    expect(view.certificate?.number).toBe(issued[0]?.number);
    // Later reads answer the same certificate; quitting keeps it.
    freezeClock(beijing(addDays(TODAY, 1), '09:00'));
    await quit(testDb(), members.find((m) => m._id === done.memberId) as MemberDoc, campaign._id, new Date());
    expect(dataOf(await call('myCertificate', { campaignId: campaign._id }, done.memberId)).certificate).toEqual(view.certificate);
    expect(await readWhere('certificates', { campaignId: campaign._id })).toHaveLength(1);
    // Issued once, told once (消息中心).
    expect(await readWhere('notifications', { kind: 'certificate_issued', memberId: done.memberId })).toHaveLength(1);
  });
});
