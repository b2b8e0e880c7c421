/**
 * Files recorded for the cleanup timer: export files (导出文件), deleted after a day, and take-away files a
 * course stopped holding, deleted once nothing references them.
 */

/** One export file as recorded for the cleanup timer. */
export interface ExportFileDoc {
  /** The file's random name (32 hex digits). */
  _id: string;
  fileID: string;
  /** The member who asked for it. */
  ownerId: string;
  /** What was exported, for people reading the records (e.g. `reports/members-2026-12-06`). */
  label: string;
  createdAt: Date;
}

/**
 * Collection `releasedFiles`, `_id` derived from the file id: a course's take-away file that a saved draft or
 * a publication dropped. The cleanup deletes it from storage once no course, open revision or contest entry
 * snapshot holds it any more (server/storageCleanup/released.ts), else just forgets the record.
 */
export interface ReleasedFileDoc {
  _id: string;
  fileID: string;
  /** The course that dropped it, for people reading the records. */
  courseId: string;
  releasedAt: Date;
}
