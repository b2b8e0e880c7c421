/**
 * Exports of a contest's rounds for its admins (function `contest`), in their own file so the contest
 * function's bundle takes in no other area's contracts.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { id } from '../schema';
import type { ExportFile } from './exports';

export const contestExportContracts = {
  /**
   * A round's ranking (published results, else the preview) with every judge's scores per rubric dimension:
   * one line per entry and judge, in rank order.
   */
  exportRanking: contract<ExportFile>()(z.strictObject({ roundId: id })),
  /** A round's public votes by Beijing day and voter department (大众投票统计). */
  exportVotes: contract<ExportFile>()(z.strictObject({ roundId: id })),
};
