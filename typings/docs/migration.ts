/**
 * Collection `migrations`, `_id` = a migration's id (server/core/migrations.ts): how far one data migration
 * has gone, and when it was done. Written by the reportRollup timer, which runs pending migrations first.
 */
export interface MigrationDoc {
  _id: string;
  /** Where the next step continues (the migration's own shape); null at the start and once done. */
  cursor: unknown;
  /** Steps taken so far, over every run. */
  steps: number;
  /** The run working on it (server/core/lease.ts) until `until`. */
  lease: { holder: string; until: Date } | null;
  startedAt: Date;
  doneAt: Date | null;
}
