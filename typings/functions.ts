/**
 * Every cloud function's action contracts. The functions validate inputs with these schemas at runtime; the
 * app sees only the derived types (`FunctionActions`, through typings/api.ts).
 */
import type { ContractTypes } from './contract';
import { userContracts } from './functions/user';
import { courseContracts } from './functions/course';
import { discussionContracts } from './functions/discussion';
import { learningContracts } from './functions/learning';
import { campaignContracts } from './functions/campaign';
import { campaignReminderContracts } from './functions/campaign-engagement';
import { contestContracts } from './functions/contest';
import { adminAuditContracts, adminContracts, adminExportContracts } from './functions/admin';
import { memberRecordContracts } from './functions/member-record';
import { authoringContracts } from './functions/authoring';
import { assignmentContracts } from './functions/assignment';
import { pointsExportContracts } from './functions/exports';
import { contestExportContracts } from './functions/contest-exports';
import { reviewExportContracts } from './functions/review-exports';
import { pointsContracts, pointsExpiryContracts } from './functions/points';
import { shareContracts } from './functions/share';
import { reportContracts, reportRollupContracts } from './functions/report';
import { storageCleanupContracts } from './functions/storage';
import { mediaCheckContracts } from './functions/media-check';
import { notificationContracts } from './functions/notification';
import { certificateContracts } from './functions/certificate';
import { classroomContracts } from './functions/classroom';
import { webConsoleContracts } from './functions/web-console';

export const CONTRACTS = {
  user: userContracts,
  course: { ...courseContracts, ...discussionContracts },
  learning: learningContracts,
  campaign: campaignContracts,
  campaignReminder: campaignReminderContracts,
  contest: contestContracts,
  admin: { ...adminContracts, ...adminAuditContracts, ...memberRecordContracts, ...adminExportContracts },
  authoring: authoringContracts,
  assignment: assignmentContracts,
  points: { ...pointsContracts, ...pointsExportContracts },
  pointsExpiry: pointsExpiryContracts,
  share: shareContracts,
  report: { ...reportContracts, ...contestExportContracts, ...reviewExportContracts },
  reportRollup: reportRollupContracts,
  storageCleanup: storageCleanupContracts,
  mediaCheck: mediaCheckContracts,
  notification: notificationContracts,
  certificate: certificateContracts,
  classroom: classroomContracts,
  webConsole: webConsoleContracts,
};

export type FunctionActions = { [F in keyof typeof CONTRACTS]: ContractTypes<(typeof CONTRACTS)[F]> };
