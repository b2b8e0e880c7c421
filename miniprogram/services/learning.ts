/** Progress reports from the players (valid study time, 有效学习时长), function `learning`. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { call } from './transport';

export type StudyReportInput = ActionInput<'learning', 'report'>;
export type StudyReportResult = ActionOutput<'learning', 'report'>;
export type StudyState = StudyReportInput['state'];

export function reportStudy(input: StudyReportInput): Promise<StudyReportResult> {
  return call('learning', 'report', input);
}
