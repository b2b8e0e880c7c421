/** 线下课: classroom sessions for members (list, sign-up, attendance, survey) and their trainers. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { call, pagedAction } from './transport';

export type SessionSummary = ActionOutput<'classroom', 'list'>['items'][number];
export type SessionDetail = ActionOutput<'classroom', 'detail'>;
export type SessionEdit = ActionOutput<'classroom', 'get'>;
export type SessionSave = ActionInput<'classroom', 'save'>;
export type AttendanceCode = ActionOutput<'classroom', 'attendanceCode'>;
export type Attendee = ActionOutput<'classroom', 'attendees'>['items'][number];
export type SurveyResults = ActionOutput<'classroom', 'surveyResults'>;
export type AttendResult = ActionOutput<'classroom', 'attend'>;
export type ClassroomExport = ActionOutput<'classroom', 'exportAttendance'>;

export const listSessions = pagedAction('classroom', 'list');
export const listManagedSessions = pagedAction('classroom', 'managed');

export const sessionDetail = (sessionId: string): Promise<SessionDetail> => call('classroom', 'detail', { sessionId });
export const signUpForSession = (sessionId: string): Promise<SessionDetail> => call('classroom', 'signUp', { sessionId });
export const cancelSessionSignUp = (sessionId: string): Promise<SessionDetail> => call('classroom', 'cancelSignUp', { sessionId });
export const attendSession = (token: string): Promise<AttendResult> => call('classroom', 'attend', { token });
export const submitSessionSurvey = (sessionId: string, ratings: Record<string, number>, answers: Record<string, string>): Promise<SessionDetail> =>
  call('classroom', 'submitSurvey', { sessionId, ratings, answers });

export const getSession = (sessionId: string): Promise<SessionEdit> => call('classroom', 'get', { sessionId });
export const saveSession = (input: SessionSave): Promise<SessionEdit> => call('classroom', 'save', input);
export const cancelSession = (sessionId: string): Promise<SessionEdit> => call('classroom', 'cancel', { sessionId });
export const attendanceCode = (sessionId: string): Promise<AttendanceCode> => call('classroom', 'attendanceCode', { sessionId });
export const listAttendees = (sessionId: string, page: number, pageSize: number) => call('classroom', 'attendees', { sessionId, page, pageSize });
export const surveyResults = (sessionId: string): Promise<SurveyResults> => call('classroom', 'surveyResults', { sessionId });
export const exportAttendance = (sessionId: string): Promise<ClassroomExport> => call('classroom', 'exportAttendance', { sessionId });
export const exportSurvey = (sessionId: string): Promise<ClassroomExport> => call('classroom', 'exportSurvey', { sessionId });

/**
 * The token a scanned attendance code carries: WeChat opens the attend page with `scene`, and `wx.scanCode`
 * inside the app answers the code's `path` (the attend page with `?scene=...`, URL-encoded on some devices);
 * a plain QR code (the local cloud's) carries the same query in `result`.
 * https://developers.weixin.qq.com/miniprogram/dev/api/device/scan/wx.scanCode.html
 */
export function tokenFromScan(scanned: { path?: string; result?: string }): string | null {
  for (const text of [scanned.path, scanned.result]) {
    if (!text) continue;
    const match = /[?&]scene=([^&]+)/.exec(text);
    if (match) return decodeURIComponent(match[1] as string);
  }
  return null;
}
