/**
 * 学习档案: one member's learning record for admins over that member's department, on screen and as a
 * workbook. Every part is read by the member's id through an index (learning records by last study, the
 * ledger by date, enrollments by sign-up, contest participation, certificates by issue), newest first and
 * bounded (MEMBER_RECORD_LIMITS); the titles those parts name are read in one query per collection, with
 * only the fields shown. Database operations: the guard's member, the member, seven parts in parallel, then
 * at most four title reads (courses, campaigns, contests, entries) = 13.
 */
import type { CertificateDoc } from '../../typings/docs/certificate';
import type { CampaignDoc, EnrollmentDoc } from '../../typings/docs/campaign';
import type { ContestDoc, ContestEntryDoc, ContestParticipantDoc } from '../../typings/docs/contest';
import type { LearningRecordDoc, MemberStudyDoc } from '../../typings/domain';
import type { LedgerReason } from '../../typings/functions/points';
import { LEDGER_REASON_LABELS } from '../../typings/functions/points';
import {
  MEMBER_RECORD_LIMITS,
  memberRecordContracts,
  RECORD_CERTIFICATE_LABELS,
  RECORD_ENROLLMENT_LABELS,
  type MemberRecordView,
} from '../../typings/functions/member-record';
import { COLLECTIONS, defineAction, docsOf, findById } from '../core';
import type { CollectionName, Database, MemberCaller } from '../core';
import { isoDate } from '../core/published';
import { beijingDate, beijingDateTime } from '../core/time';
import { newSheet, publishWorkbook } from '../core/workbook';
import { adminScope, assertManages, requireMember } from './lookup';
import { memberAdminView } from './views';

/**
 * The fields read of a points account and a ledger entry (server/points/model.ts owns the documents; the
 * points area imports admin, so admin does not import points back).
 */
interface PointsAccountDoc {
  _id: string;
  balance: number;
  earnedTotal: number;
}
interface LedgerEntryDoc {
  _id: string;
  amount: number;
  reason: LedgerReason;
  note: string | null;
  balanceAfter: number;
  createdAt: Date;
}

const MINUTE_MS = 60_000;
const minutes = (ms: number) => Math.round(ms / MINUTE_MS);

/** `limit` documents of the member's, newest first on `field` (an index `memberId_1_<field>_-1` serves it). */
function newest<T>(db: Database, collection: CollectionName, memberId: string, field: string, limit: number): Promise<T[]> {
  return docsOf<T>(db.collection(collection).where({ memberId }).orderBy(field, 'desc').limit(limit));
}

/** What the record shows beside a title. */
const EXTRA_FIELDS: Partial<Record<CollectionName, Record<string, true>>> = {
  [COLLECTIONS.campaigns]: { startDay: true, endDay: true },
  [COLLECTIONS.contestEntries]: { submitted: true },
};

/** Titles (and EXTRA_FIELDS) by id, reading only those fields; nothing is read for no ids. */
async function titles(db: Database, collection: CollectionName, ids: readonly string[]): Promise<Map<string, { title: string } & Record<string, unknown>>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const fields = { title: true, ...EXTRA_FIELDS[collection] };
  const docs = await docsOf<{ _id: string; title: string }>(db.collection(collection).where({ _id: db.command.in(unique) }).field(fields).limit(unique.length));
  return new Map(docs.map((doc) => [doc._id, doc]));
}

async function loadRecord(db: Database, caller: MemberCaller, memberId: string): Promise<MemberRecordView> {
  const member = await requireMember(db, memberId);
  assertManages(adminScope(caller), member.departmentId);
  const [study, records, account, ledger, enrollments, participations, certificates] = await Promise.all([
    findById<MemberStudyDoc>(db, COLLECTIONS.memberStudy, memberId),
    newest<LearningRecordDoc>(db, COLLECTIONS.learningRecords, memberId, 'lastStudiedAt', MEMBER_RECORD_LIMITS.courses),
    findById<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, memberId),
    newest<LedgerEntryDoc>(db, COLLECTIONS.pointsLedger, memberId, 'createdAt', MEMBER_RECORD_LIMITS.ledger),
    newest<EnrollmentDoc>(db, COLLECTIONS.campaignEnrollments, memberId, 'signedUpAt', MEMBER_RECORD_LIMITS.campaigns),
    docsOf<ContestParticipantDoc>(db.collection(COLLECTIONS.contestParticipants).where({ memberId }).limit(MEMBER_RECORD_LIMITS.contests)),
    newest<CertificateDoc>(db, COLLECTIONS.certificates, memberId, 'issuedAt', MEMBER_RECORD_LIMITS.certificates),
  ]);
  const [courses, campaigns, contests, entries] = await Promise.all([
    titles(db, COLLECTIONS.courses, records.map((record) => record.courseId)),
    titles(db, COLLECTIONS.campaigns, enrollments.map((enrollment) => enrollment.campaignId)),
    titles(db, COLLECTIONS.contests, participations.map((participation) => participation.contestId)),
    titles(db, COLLECTIONS.contestEntries, participations.map((participation) => participation.entryId)),
  ]);
  return {
    member: memberAdminView(member),
    study: { studyMinutes: minutes(study?.studyMs ?? 0), coursesStarted: study?.coursesStarted ?? 0, coursesCompleted: study?.coursesCompleted ?? 0 },
    courses: records.map((record) => ({
      courseId: record.courseId,
      title: courses.get(record.courseId)?.title ?? '已删除的课程',
      percent: record.percent,
      studyMinutes: minutes(record.studyMs),
      completed: record.completed,
      completedAt: isoDate(record.completedAt),
      quizBestScore: record.quizBestScore,
      quizPassed: record.quizPassed,
      lastStudiedAt: isoDate(record.lastStudiedAt) as string,
    })),
    points: {
      balance: account?.balance ?? 0,
      earnedTotal: account?.earnedTotal ?? 0,
      recent: ledger.map((entry) => ({ amount: entry.amount, reason: entry.reason, note: entry.note, balanceAfter: entry.balanceAfter, createdAt: isoDate(entry.createdAt) as string })),
    },
    campaigns: enrollments.map((enrollment) => {
      const campaign = campaigns.get(enrollment.campaignId) as Partial<Pick<CampaignDoc, 'title' | 'startDay' | 'endDay'>> | undefined;
      return {
        campaignId: enrollment.campaignId,
        title: campaign?.title ?? '已删除的活动',
        startDay: campaign?.startDay ?? '',
        endDay: campaign?.endDay ?? '',
        status: enrollment.status,
        daysDone: enrollment.daysDone,
        longestStreak: enrollment.longestStreak,
      };
    }),
    contests: participations.map((participation) => ({
      contestId: participation.contestId,
      contestTitle: (contests.get(participation.contestId) as Pick<ContestDoc, 'title'> | undefined)?.title ?? '已删除的大赛',
      entryId: participation.entryId,
      entryTitle: (entries.get(participation.entryId) as Pick<ContestEntryDoc, 'title'> | undefined)?.title ?? '',
      submitted: (entries.get(participation.entryId) as Pick<ContestEntryDoc, 'submitted'> | undefined)?.submitted === true,
    })),
    certificates: certificates.map((certificate) => ({ kind: certificate.kind, achievement: certificate.achievement, detail: certificate.detail, number: certificate.number, issuedDay: certificate.issuedDay })),
  };
}

export const memberRecord = defineAction({
  ...memberRecordContracts.memberRecord,
  roles: ['admin'],
  async handler({ input, caller, db }) {
    return loadRecord(db, caller, input.memberId);
  },
});

const when = (iso: string | null) => (iso ? beijingDateTime(new Date(iso)) : '');

export const exportMemberRecord = defineAction({
  ...memberRecordContracts.exportMemberRecord,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const record = await loadRecord(db, caller, input.memberId);
    const { member } = record;
    const { workbook, sheet: summary } = newSheet('概览', [
      { header: '项目', key: 'item', width: 16 },
      { header: '内容', key: 'value', width: 40 },
    ]);
    summary.addRows([
      { item: '姓名', value: member.name },
      { item: '工号', value: member.employeeNo ?? '外部伙伴' },
      { item: '部门', value: member.departmentPath.join('/') },
      { item: '状态', value: member.active ? '在职' : '已停用' },
      { item: '学习时长（分钟）', value: record.study.studyMinutes },
      { item: '学习课程数', value: record.study.coursesStarted },
      { item: '完成课程数', value: record.study.coursesCompleted },
      { item: '积分余额', value: record.points.balance },
      { item: '累计获得积分', value: record.points.earnedTotal },
    ]);
    const column = (header: string, key: string, width: number) => ({ header, key, width });
    const parts: { name: string; columns: ReturnType<typeof column>[]; rows: Record<string, unknown>[] }[] = [
      {
        name: '课程',
        columns: [column('课程', 'title', 32), column('进度（%）', 'percent', 10), column('学习时长（分钟）', 'minutes', 16), column('是否完成', 'completed', 10), column('完成时间', 'completedAt', 18), column('测验最高分', 'score', 12), column('最近学习', 'last', 18)],
        rows: record.courses.map((course) => ({
          title: course.title,
          percent: course.percent,
          minutes: course.studyMinutes,
          completed: course.completed ? '已完成' : '学习中',
          completedAt: when(course.completedAt),
          score: course.quizBestScore ?? '',
          last: when(course.lastStudiedAt),
        })),
      },
      {
        name: '积分明细',
        columns: [column('时间', 'at', 18), column('原因', 'reason', 14), column('积分', 'amount', 10), column('余额', 'balance', 10), column('备注', 'note', 30)],
        rows: record.points.recent.map((entry) => ({ at: when(entry.createdAt), reason: LEDGER_REASON_LABELS[entry.reason], amount: entry.amount, balance: entry.balanceAfter, note: entry.note ?? '' })),
      },
      {
        name: '打卡活动',
        columns: [column('活动', 'title', 32), column('日期', 'days', 24), column('状态', 'status', 10), column('打卡天数', 'done', 10), column('最长连续', 'streak', 10)],
        rows: record.campaigns.map((campaign) => ({ title: campaign.title, days: `${campaign.startDay} ~ ${campaign.endDay}`, status: RECORD_ENROLLMENT_LABELS[campaign.status], done: campaign.daysDone, streak: campaign.longestStreak })),
      },
      {
        name: '大赛',
        columns: [column('大赛', 'contest', 32), column('作品', 'entry', 32), column('是否提交', 'submitted', 10)],
        rows: record.contests.map((contest) => ({ contest: contest.contestTitle, entry: contest.entryTitle, submitted: contest.submitted ? '已提交' : '未提交' })),
      },
      {
        name: '证书',
        columns: [column('证书', 'kind', 16), column('成就', 'achievement', 32), column('说明', 'detail', 20), column('编号', 'number', 20), column('颁发日期', 'day', 12)],
        rows: record.certificates.map((certificate) => ({ kind: RECORD_CERTIFICATE_LABELS[certificate.kind], achievement: certificate.achievement, detail: certificate.detail, number: certificate.number, day: certificate.issuedDay })),
      },
    ];
    for (const part of parts) {
      const sheet = workbook.addWorksheet(part.name);
      sheet.columns = part.columns;
      sheet.addRows(part.rows);
    }
    const rows = parts.reduce((sum, part) => sum + part.rows.length, 0);
    const at = now();
    const published = await publishWorkbook(cloud, workbook, `member-record/${member.memberId}-${beijingDate(at)}`, caller.member._id, at);
    return { ...published, rows };
  },
});

export const memberRecordActions = { memberRecord, exportMemberRecord };
