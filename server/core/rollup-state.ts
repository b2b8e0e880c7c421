/**
 * The rollup's state document (`reportState/rollup`): watermarks per source, a lease so one run works at a
 * time, and when the figures were last brought up to date (every report, and the share boards the rollup
 * builds, answer it).
 */
import type { ReportStateDoc } from '../../typings/docs/report';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';
import { findById } from './db';
import { isoDate } from './published';

export const ROLLUP_STATE_ID = 'rollup';

export async function readRollupState(db: Database): Promise<ReportStateDoc | null> {
  return findById<ReportStateDoc>(db, COLLECTIONS.reportState, ROLLUP_STATE_ID);
}

/** ISO 8601 of the last complete rollup, or null before the first. */
export async function figuresUpdatedAt(db: Database): Promise<string | null> {
  return isoDate((await readRollupState(db))?.updatedAt ?? null);
}
