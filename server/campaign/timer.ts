/**
 * The campaign function's timer (cloudfunctions/campaign/config.json, every 10 s): seats whose sign-up
 * stopped before its enrollment are given back (seats.ts), then check-ins are counted (tally.ts).
 */
import type { Database } from '../core';
import { reconcileSeats } from './seats';
import { tallyCheckins } from './tally';

export async function runCampaignTimer(db: Database, now: Date, budgetMs: number): Promise<{ counted: number; more: boolean; seatsReturned: number }> {
  const seatsReturned = await reconcileSeats(db, now);
  return { ...(await tallyCheckins(db, now, { budgetMs })), seatsReturned };
}
