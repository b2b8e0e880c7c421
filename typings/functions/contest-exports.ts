/**
 * Exports of a contest's rounds for its admins, served by the function `report` (the contest function learners
 * call on every page stays small), in their own file.
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
  exportContestRanking: contract<ExportFile>()(z.strictObject({ roundId: id })),
  /** A round's public votes by Beijing day and voter department (大众投票统计). */
  exportContestVotes: contract<ExportFile>()(z.strictObject({ roundId: id })),
};
