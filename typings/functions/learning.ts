/**
 * Function `learning`: progress reports from the players (valid study time, 有效学习时长). Its own function so
 * that the frequent reports have their own CloudBase concurrency limit and never starve the catalogue.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { clientId } from '../schema';
import { STUDY_STATES } from '../domain';
import type { MyProgress } from './course';

export interface ReportResult {
  progress: MyProgress;
  /** Milliseconds of valid study time this report added (0 for a replay or a pause). */
  creditedMs: number;
  /** True when this report completed the course. */
  justCompleted: boolean;
  /** True when the report was a replay or out of order and changed nothing. */
  ignored: boolean;
}

export const learningContracts = {
  /**
   * Sent every few seconds (and on pause, hide and seek) while a player is open. `sessionId` is made once per
   * opening of a player; `seq` increases with every report of that session. `position`: seconds into the
   * media for video and audio, else reading progress in percent (0–100).
   */
  report: contract<ReportResult>()(
    z.strictObject({
      courseId: z.string().check(z.minLength(1), z.maxLength(128)),
      sessionId: clientId,
      seq: z.int().check(z.gte(0), z.lte(1_000_000)),
      position: z.number().check(z.gte(0), z.lte(1_000_000)),
      state: z.enum(STUDY_STATES),
      /** The device's clock, kept for diagnosis only: crediting uses the server clock. */
      clientTime: z.optional(z.number()),
    }),
  ),
};
