/**
 * Function `admin`, a member's learning record (学习档案): what the member studied, scored and earned, the
 * campaigns and contests they joined and the certificates they hold, for admins over members in their scope,
 * on screen and as an Excel workbook.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { id } from '../schema';
import type { CertificateKind } from '../docs/certificate';
import type { EnrollmentStatus } from '../docs/campaign';
import type { MemberAdminView } from './admin';
import type { LedgerReason } from './points';

/** How much of each list the record shows (newest first); the totals count everything. */
export const MEMBER_RECORD_LIMITS = { courses: 200, ledger: 50, campaigns: 100, contests: 100, certificates: 100 } as const;

export interface MemberRecordCourse {
  courseId: string;
  /** The course's title now; 已删除的课程 when it is gone. */
  title: string;
  percent: number;
  studyMinutes: number;
  completed: boolean;
  /** ISO 8601. */
  completedAt: string | null;
  quizBestScore: number | null;
  quizPassed: boolean;
  lastStudiedAt: string;
}

export interface MemberRecordLedgerEntry {
  amount: number;
  reason: LedgerReason;
  note: string | null;
  balanceAfter: number;
  createdAt: string;
}

export interface MemberRecordCampaign {
  campaignId: string;
  title: string;
  startDay: string;
  endDay: string;
  status: EnrollmentStatus;
  daysDone: number;
  longestStreak: number;
}

export interface MemberRecordContest {
  contestId: string;
  contestTitle: string;
  entryId: string;
  entryTitle: string;
  submitted: boolean;
}

export interface MemberRecordCertificate {
  kind: CertificateKind;
  achievement: string;
  detail: string;
  number: string;
  issuedDay: string;
}

export interface MemberRecordView {
  member: MemberAdminView;
  study: { studyMinutes: number; coursesStarted: number; coursesCompleted: number };
  courses: MemberRecordCourse[];
  /** `level`: the learner level (学员等级) reached from `earnedTotal`, or null below the first rung. */
  points: { balance: number; earnedTotal: number; level: string | null; recent: MemberRecordLedgerEntry[] };
  campaigns: MemberRecordCampaign[];
  contests: MemberRecordContest[];
  certificates: MemberRecordCertificate[];
}

export interface MemberRecordExport {
  fileID: string;
  /** A temporary download URL for the workbook. */
  url: string;
  /** Rows over every sheet but the summary. */
  rows: number;
}

export const memberRecordContracts = {
  /** 学习档案 of a member in the admin's scope. */
  memberRecord: contract<MemberRecordView>()(z.strictObject({ memberId: id })),
  /** The same record as an Excel workbook (one sheet per part) in cloud storage. */
  exportMemberRecord: contract<MemberRecordExport>()(z.strictObject({ memberId: id })),
};

/** Chinese names the record's screen and workbook show. */
export const RECORD_ENROLLMENT_LABELS: Record<EnrollmentStatus, string> = {
  pending: '待审核',
  waitlisted: '候补中',
  enrolled: '已报名',
  rejected: '未通过',
  quit: '已退出',
};

export const RECORD_CERTIFICATE_LABELS: Record<CertificateKind, string> = {
  course: '课程证书',
  series: '系列课证书',
  assignment: '必修任务证书',
  campaign: '打卡活动证书',
  contest_award: '大赛荣誉证书',
  author_level: '作者等级证书',
  author_award: '年度作者奖证书',
};
