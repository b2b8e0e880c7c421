/** Progress reports from the players (valid study time, 有效学习时长), function `learning`. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action } from './transport';

export type StudyReportInput = ActionInput<'learning', 'report'>;
export type StudyReportResult = ActionOutput<'learning', 'report'>;
export type StudyState = StudyReportInput['state'];

export const reportStudy = action('learning', 'report');
