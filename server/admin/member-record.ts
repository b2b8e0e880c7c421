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
import type { LearningRecordDoc } from '../../typings/domain';
import { LEDGER_REASON_LABELS } from '../../typings/functions/points';
import {
  MEMBER_RECORD_LIMITS,
  memberRecordContracts,
  RECORD_CERTIFICATE_LABELS,
  RECORD_ENROLLMENT_LABELS,
  type MemberRecordCampaign,
  type MemberRecordCertificate,
  type MemberRecordContest,
  type MemberRecordCourse,
  type MemberRecordLedgerEntry,
  type MemberRecordView,
} from '../../typings/functions/member-record';
import { COLLECTIONS, defineAction, docsOf, findById } from '../core';
import type { CollectionName, Database, MemberCaller } from '../core';
import { isoDate } from '../core/published';
import { studyTotals } from '../core/study-totals';
import { beijingDate, beijingDateTime } from '../core/time';
import { exportParts, exportTable, part } from '../core/workbook';
import { managedMember } from './lookup';
import { levelOf } from './learner-levels';
import { memberAdminView } from './views';
import type { LedgerEntryDoc, PointsAccountDoc } from '../../typings/docs/points';

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
  const docs = await docsOf<{ _id: string; title: string }>(
    db
      .collection(collection)
      .where({ _id: db.command.in(unique) })
      .field(fields)
      .limit(unique.length),
  );
  return new Map(docs.map((doc) => [doc._id, doc]));
}

async function loadRecord(db: Database, caller: MemberCaller, memberId: string): Promise<MemberRecordView> {
  const { member } = await managedMember(db, caller, memberId);
  const [study, records, account, ledger, enrollments, participations, certificates] = await Promise.all([
    studyTotals(db, memberId),
    newest<LearningRecordDoc>(db, COLLECTIONS.learningRecords, memberId, 'lastStudiedAt', MEMBER_RECORD_LIMITS.courses),
    findById<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, memberId),
    newest<LedgerEntryDoc>(db, COLLECTIONS.pointsLedger, memberId, 'createdAt', MEMBER_RECORD_LIMITS.ledger),
    newest<EnrollmentDoc>(db, COLLECTIONS.campaignEnrollments, memberId, 'signedUpAt', MEMBER_RECORD_LIMITS.campaigns),
    docsOf<ContestParticipantDoc>(db.collection(COLLECTIONS.contestParticipants).where({ memberId }).limit(MEMBER_RECORD_LIMITS.contests)),
    newest<CertificateDoc>(db, COLLECTIONS.certificates, memberId, 'issuedAt', MEMBER_RECORD_LIMITS.certificates),
  ]);
  const [courses, campaigns, contests, entries] = await Promise.all([
    titles(
      db,
      COLLECTIONS.courses,
      records.map((record) => record.courseId),
    ),
    titles(
      db,
      COLLECTIONS.campaigns,
      enrollments.map((enrollment) => enrollment.campaignId),
    ),
    titles(
      db,
      COLLECTIONS.contests,
      participations.map((participation) => participation.contestId),
    ),
    titles(
      db,
      COLLECTIONS.contestEntries,
      participations.map((participation) => participation.entryId),
    ),
  ]);
  return {
    member: memberAdminView(member),
    study: { studyMinutes: minutes(study.studyMs), coursesStarted: study.coursesStarted, coursesCompleted: study.coursesCompleted },
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
      level: levelOf(account),
      recent: ledger.map((entry) => ({
        amount: entry.amount,
        reason: entry.reason,
        note: entry.note,
        balanceAfter: entry.balanceAfter,
        createdAt: isoDate(entry.createdAt) as string,
      })),
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
    certificates: certificates.map((certificate) => ({
      kind: certificate.kind,
      achievement: certificate.achievement,
      detail: certificate.detail,
      number: certificate.number,
      issuedDay: certificate.issuedDay,
    })),
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

/** The record's sheets, declared once each (server/core/workbook.ts). */
const SUMMARY = exportTable<readonly [string, string | number]>('概览', [
  { header: '项目', width: 16, cell: (row) => row[0] },
  { header: '内容', width: 40, cell: (row) => row[1] },
]);
const COURSES = exportTable<MemberRecordCourse>('课程', [
  { header: '课程', width: 32, cell: (course) => course.title },
  { header: '进度（%）', width: 10, cell: (course) => course.percent },
  { header: '学习时长（分钟）', width: 16, cell: (course) => course.studyMinutes },
  { header: '是否完成', width: 10, cell: (course) => (course.completed ? '已完成' : '学习中') },
  { header: '完成时间', width: 18, cell: (course) => when(course.completedAt) },
  { header: '测验最高分', width: 12, cell: (course) => course.quizBestScore ?? '' },
  { header: '最近学习', width: 18, cell: (course) => when(course.lastStudiedAt) },
]);
const LEDGER = exportTable<MemberRecordLedgerEntry>('积分明细', [
  { header: '时间', width: 18, cell: (entry) => when(entry.createdAt) },
  { header: '原因', width: 14, cell: (entry) => LEDGER_REASON_LABELS[entry.reason] },
  { header: '积分', width: 10, cell: (entry) => entry.amount },
  { header: '余额', width: 10, cell: (entry) => entry.balanceAfter },
  { header: '备注', width: 30, cell: (entry) => entry.note ?? '' },
]);
const CAMPAIGNS = exportTable<MemberRecordCampaign>('打卡活动', [
  { header: '活动', width: 32, cell: (campaign) => campaign.title },
  { header: '日期', width: 24, cell: (campaign) => `${campaign.startDay} ~ ${campaign.endDay}` },
  { header: '状态', width: 10, cell: (campaign) => RECORD_ENROLLMENT_LABELS[campaign.status] },
  { header: '打卡天数', width: 10, cell: (campaign) => campaign.daysDone },
  { header: '最长连续', width: 10, cell: (campaign) => campaign.longestStreak },
]);
const CONTESTS = exportTable<MemberRecordContest>('大赛', [
  { header: '大赛', width: 32, cell: (contest) => contest.contestTitle },
  { header: '作品', width: 32, cell: (contest) => contest.entryTitle },
  { header: '是否提交', width: 10, cell: (contest) => (contest.submitted ? '已提交' : '未提交') },
]);
const CERTIFICATES = exportTable<MemberRecordCertificate>('证书', [
  { header: '证书', width: 16, cell: (certificate) => RECORD_CERTIFICATE_LABELS[certificate.kind] },
  { header: '成就', width: 32, cell: (certificate) => certificate.achievement },
  { header: '说明', width: 20, cell: (certificate) => certificate.detail },
  { header: '编号', width: 20, cell: (certificate) => certificate.number },
  { header: '颁发日期', width: 12, cell: (certificate) => certificate.issuedDay },
]);

export const exportMemberRecord = defineAction({
  ...memberRecordContracts.exportMemberRecord,
  roles: ['admin'],
  async handler({ input, caller, db, cloud, now }) {
    const record = await loadRecord(db, caller, input.memberId);
    const { member } = record;
    const at = now();
    return exportParts(
      cloud,
      [
        part(
          SUMMARY,
          [
            ['姓名', member.name],
            ['工号', member.employeeNo ?? '外部伙伴'],
            ['部门', member.departmentPath.join('/')],
            ['状态', member.active ? '在职' : '已停用'],
            ['学习时长（分钟）', record.study.studyMinutes],
            ['学习课程数', record.study.coursesStarted],
            ['完成课程数', record.study.coursesCompleted],
            ['积分余额', record.points.balance],
            ['累计获得积分', record.points.earnedTotal],
            ['学员等级', record.points.level ?? '未达到'],
          ],
          false,
        ),
        part(COURSES, record.courses),
        part(LEDGER, record.points.recent),
        part(CAMPAIGNS, record.campaigns),
        part(CONTESTS, record.contests),
        part(CERTIFICATES, record.certificates),
      ],
      { label: `member-record/${member.memberId}-${beijingDate(at)}`, ownerId: caller.member._id, now: at },
    );
  },
});

export const memberRecordActions = { memberRecord, exportMemberRecord };
