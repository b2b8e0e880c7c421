/** Export files (导出文件) recorded for the cleanup timer, which deletes them after a day. */

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
