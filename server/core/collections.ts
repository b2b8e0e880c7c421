/**
 * Every collection the server uses, by name. database/collections.json declares each one (a test checks it);
 * server code names collections only through this map.
 */
export const COLLECTIONS = {
  members: 'members',
  bindings: 'bindings',
  departments: 'departments',
  courses: 'courses',
  campaigns: 'campaigns',
  contests: 'contests',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
