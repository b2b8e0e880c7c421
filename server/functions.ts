/**
 * Every cloud function and its actions, for tools and tests that enumerate them (authorisation matrix,
 * deploy declarations). Each function's entry imports only its own area, so bundles stay small.
 */
import type { FunctionName } from '../typings/api';
import type { CloudFunction } from './core';
import { userFunction } from './user/actions';
import { courseFunction } from './course/actions';
import { learningFunction } from './learning/actions';
import { campaignFunction } from './campaign/actions';
import { campaignReminderFunction } from './campaignReminder/actions';
import { contestFunction } from './contest/actions';
import { adminFunction } from './admin/actions';
import { pointsFunction } from './points/actions';
import { pointsExpiryFunction } from './pointsExpiry/actions';
import { authoringFunction } from './authoring/actions';
import { assignmentFunction } from './assignment/actions';
import { shareFunction } from './share/actions';
import { reportFunction } from './report/actions';
import { reportRollupFunction } from './reportRollup/actions';
import { storageCleanupFunction } from './storageCleanup/actions';
import { mediaCheckFunction } from './mediaCheck/actions';
import { notificationFunction } from './notification/actions';
import { certificateFunction } from './certificate/actions';
import { classroomFunction } from './classroom/actions';
import { webConsoleFunction } from './webConsole/actions';

export const FUNCTIONS: { [F in FunctionName]: CloudFunction<F> } = {
  user: userFunction,
  course: courseFunction,
  learning: learningFunction,
  campaign: campaignFunction,
  campaignReminder: campaignReminderFunction,
  contest: contestFunction,
  admin: adminFunction,
  points: pointsFunction,
  pointsExpiry: pointsExpiryFunction,
  authoring: authoringFunction,
  assignment: assignmentFunction,
  share: shareFunction,
  report: reportFunction,
  reportRollup: reportRollupFunction,
  storageCleanup: storageCleanupFunction,
  mediaCheck: mediaCheckFunction,
  notification: notificationFunction,
  certificate: certificateFunction,
  classroom: classroomFunction,
  webConsole: webConsoleFunction,
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];
