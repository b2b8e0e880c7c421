/** Exports (导出) of a session: its attendance (one row per member signed up) and its survey answers (anonymous). */
import type { ClassroomSessionDoc, ClassroomSignupDoc, ClassroomSurveyDoc } from '../../typings/domain';
import type { ClassroomExport } from '../../typings/functions/classroom';
import { COLLECTIONS, orderedPages } from '../core';
import type { Database, WxCloud } from '../core';
import { beijingDate, beijingDateTime } from '../core/time';
import { exportRows, exportTable, pathSegment } from '../core/workbook';
import type { ExportColumn } from '../core/workbook';

const at = (value: Date | null): string => (value ? beijingDateTime(new Date(value)) : '');

export const attendanceTable = exportTable<ClassroomSignupDoc>('签到名单', [
  { header: '工号', width: 14, cell: (row) => row.employeeNo ?? '' },
  { header: '姓名', width: 12, cell: (row) => row.name },
  { header: '部门', width: 30, cell: (row) => row.departmentPath.join('/') },
  { header: '报名时间', width: 18, cell: (row) => at(row.signedUpAt) },
  { header: '签到', width: 8, cell: (row) => (row.attendedAt ? '已签到' : '未签到') },
  { header: '签到时间', width: 18, cell: (row) => at(row.attendedAt) },
  { header: '评估问卷', width: 10, cell: (row) => (row.surveyed ? '已提交' : '') },
]);

/** One column per survey question, after the time of submission; names are never exported. */
export function surveyTable(session: ClassroomSessionDoc) {
  const questions: ExportColumn<ClassroomSurveyDoc>[] = session.survey.map((question, index) => ({
    header: `${index + 1}. ${question.prompt}${question.kind === 'rating' ? '（1-5）' : ''}`,
    width: question.kind === 'rating' ? 14 : 40,
    cell: (row) => (question.kind === 'rating' ? (row.ratings[question.id] ?? null) : (row.answers[question.id] ?? '')),
  }));
  return exportTable<ClassroomSurveyDoc>('评估问卷', [{ header: '提交时间', width: 18, cell: (row) => at(row.submittedAt) }, ...questions]);
}

const label = (session: ClassroomSessionDoc, what: string, now: Date) => `classroom/${pathSegment(session._id)}-${what}-${beijingDate(now)}`;

export function exportAttendance(db: Database, cloud: WxCloud, session: ClassroomSessionDoc, ownerId: string, now: Date): Promise<ClassroomExport> {
  const pages = orderedPages<ClassroomSignupDoc>(db, COLLECTIONS.classroomSignups, { sessionId: session._id, status: 'signed_up' }, 'signedUpAt', 'asc');
  return exportRows(cloud, attendanceTable, pages, { label: label(session, 'attendance', now), ownerId, now });
}

export function exportSurvey(db: Database, cloud: WxCloud, session: ClassroomSessionDoc, ownerId: string, now: Date): Promise<ClassroomExport> {
  const pages = orderedPages<ClassroomSurveyDoc>(db, COLLECTIONS.classroomSurveys, { sessionId: session._id }, 'submittedAt', 'asc');
  return exportRows(cloud, surveyTable(session), pages, { label: label(session, 'survey', now), ownerId, now });
}
