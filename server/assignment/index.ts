/**
 * Area `assignment` (必修): what other areas use. The function's actions live in actions.ts, so an area that
 * lists a member's required courses does not bundle the trainers' side.
 */
export { requiredForMember } from './for-member';
export { onCourseCompleted } from './progress';
export { activeAssignmentsFor, requiredItemsOf } from './for-member';
export { departmentAncestors, targetsMember } from './targeting';
