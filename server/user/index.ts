/**
 * Area `user`: what other areas use (bind codes, invitation codes, a member's profile). The function's
 * actions live in actions.ts.
 */
export { BIND_CODE_VALID_MS, hashBindCode, newBindCode, newSalt } from './bind-code';
export { newInvitationCode } from './invitation-code';
export { memberProfile } from './view';
