/**
 * Area `share` (分享): what other areas use (conversions credited to a share, board recomputation). The
 * function's actions live in actions.ts.
 */
export { recomputeBoard } from './boards';
export { recordConversion, recordConversions, recordCourseConversion } from './conversions';
