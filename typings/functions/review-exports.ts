/**
 * The export of review outcomes (审核结果), served by the function `report` beside the other exports (the
 * authoring function authors call on every edit carries no export code), in its own file.
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { day } from '../schema';
import type { ExportFile } from './exports';

export const reviewExportContracts = {
  /**
   * Decided reviews (published or returned), newest decision first: one line per revision and reviewer with
   * the scores per rubric dimension and the notes. What the caller may see: the revisions they reviewed, and
   * as a trainer or admin those whose author's department their scope covers. Optionally decided from a day.
   */
  exportReviewOutcomes: contract<ExportFile>()(z.strictObject({ decidedFrom: z.optional(day) })),
};
