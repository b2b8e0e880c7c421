/**
 * Take-away files (课后资料): PDF, Word, PowerPoint and Excel files attached to a course or a classroom
 * session, which members open in the app with `wx.openDocument`. One definition of an entry, its limits and
 * how a picked file becomes one, for both owners' contracts (typings/functions/authoring.ts,
 * typings/functions/classroom.ts), the console and the mini-program.
 */
import * as z from 'zod/mini';
import type { TakeawayFileType } from './docs/course';
import { TAKEAWAY_FILE_TYPES } from './docs/course';
import { fileId, requiredText } from './schema';

export const TAKEAWAY_LIMITS = {
  /** Files per course or session. */
  files: 10,
  fileName: 60,
  /**
   * Bytes per take-away file: our choice, small enough for a member to download on a phone before
   * wx.openDocument opens it (wx.downloadFile itself allows far more,
   * https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html).
   */
  fileBytes: 20 * 1024 * 1024,
} as const;

/**
 * A picked file's take-away entry: its type from the extension (one wx.openDocument opens,
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html) and its name cut to the
 * limit; null when the type is not one of those. The console and the mini-program editors use it.
 */
export function takeawayFileOf(fileName: string): { name: string; fileType: TakeawayFileType } | null {
  const extension = /\.([A-Za-z]{3,4})$/.exec(fileName)?.[1]?.toLowerCase();
  const fileType = TAKEAWAY_FILE_TYPES.find((type) => type === extension);
  if (!fileType) return null;
  const name = fileName.trim().slice(0, TAKEAWAY_LIMITS.fileName).trim();
  return { name: name || `资料.${fileType}`, fileType };
}

/** Why a picked file cannot be attached (its type, its size), in Chinese; null when it can. */
export function takeawayFileProblem(fileName: string, size: number): string | null {
  if (!takeawayFileOf(fileName)) return '只能上传 PDF、PPT、Word 或 Excel 文件';
  if (size > TAKEAWAY_LIMITS.fileBytes) return `文件过大（最大 ${TAKEAWAY_LIMITS.fileBytes / 1024 / 1024} MB）`;
  if (size <= 0) return '文件是空的';
  return null;
}

export const takeawayFileSchema = z.strictObject({
  name: requiredText(TAKEAWAY_LIMITS.fileName),
  fileID: fileId,
  fileType: z.enum(TAKEAWAY_FILE_TYPES),
  size: z.int().check(z.gte(1), z.lte(TAKEAWAY_LIMITS.fileBytes)),
});

/** Which of a course's or revision's files to open: its place in the list. */
export const takeawayFileIndex = z.int().check(z.gte(0), z.lt(TAKEAWAY_LIMITS.files));

/** A take-away file as a page lists it: the owner's `fileUrl` action gives its download address. */
export interface TakeawayFileListing {
  name: string;
  fileType: TakeawayFileType;
  /** Bytes. */
  size: number;
}

/** Where to download one take-away file from, valid a few hours. */
export interface TakeawayFileUrl extends TakeawayFileListing {
  url: string;
}

/** The files of a course or a session: none by default (the server also refuses a file listed twice). */
export const takeawayFilesSchema = z._default(z.array(takeawayFileSchema).check(z.maxLength(TAKEAWAY_LIMITS.files)), []);
