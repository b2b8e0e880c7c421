/**
 * Area `authoring` (课程制作与审核): what other areas use. The function's actions live in actions.ts.
 */
export { authorLevelOf } from './levels';
export { pickFields } from './fields';
export { revisionId } from './revisions';
