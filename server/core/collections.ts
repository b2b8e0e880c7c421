/**
 * Every collection the server uses, by name. database/collections.json declares each one (a test checks it);
 * server code names collections only through this map.
 */
export const COLLECTIONS = {
  members: 'members',
  bindings: 'bindings',
  departments: 'departments',
  /** Failed binding attempts per OPENID / employee number and time window (throttling). */
  bindAttempts: 'bindAttempts',
  /** One-time invitation codes (邀请码), `_id` = the code. */
  invitations: 'invitations',
  courses: 'courses',
  campaigns: 'campaigns',
  contests: 'contests',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
