/**
 * The campaign document as a function instance keeps it for sign-ups and check-ins (server/core/instance-cache.ts).
 * A crowd signing up or checking in would otherwise read the same campaign on every call, one operation each
 * of the few a sign-up (5) or a check-in (8) may cost.
 *
 * What stays exact whatever the kept copy says:
 * - A refusal never rests on a kept copy: `decideOnKept` decides again on a fresh read before refusing.
 * - A sign-up's seat is taken by a conditional update that names the campaign's `updatedAt` (every edit and
 *   life-cycle step sets it), so a seat is never taken under rules an edit changed (seats.ts).
 * - Edits made on this instance forget its copy at once (edit.ts).
 * What may lag: an edit made on another instance (points per check-in, the requirement, a task's course)
 * applies to check-ins within KEPT_MS. Counters on the kept copy (`counts`) are never trusted.
 */
import type { CampaignDoc } from '../../typings/domain';
import { AppError } from '../core';
import type { Database } from '../core';
import { InstanceCache } from '../core/instance-cache';
import { loadCampaign } from './access';

/** How long an instance keeps a campaign. Chosen: 10 s, the check-in tally's period (cloudfunctions/campaign/config.json). */
export const KEPT_MS = 10_000;

const kept = new InstanceCache<CampaignDoc>(KEPT_MS, 200);

export interface KeptCampaign {
  campaign: CampaignDoc;
  /** Read by this call (a refusal on it is final). */
  fresh: boolean;
}

/** The kept campaign, or a read of it (NOT_FOUND when missing). */
export async function keptCampaign(db: Database, campaignId: string): Promise<KeptCampaign> {
  let fresh = false;
  const campaign = await kept.get(campaignId, () => {
    fresh = true;
    return loadCampaign(db, campaignId);
  });
  return { campaign, fresh };
}

/** Reads the campaign again and keeps that copy. */
export function freshCampaign(db: Database, campaignId: string): Promise<CampaignDoc> {
  forgetCampaign(campaignId);
  return kept.get(campaignId, () => loadCampaign(db, campaignId));
}

/** Forgets this instance's copy of a campaign (after an edit of it here). */
export function forgetCampaign(campaignId: string): void {
  kept.delete(campaignId);
}

/** Forgets every kept campaign (tests and benchmarks that time a cold instance). */
export function forgetKeptCampaigns(): void {
  kept.clear();
}

/**
 * Runs `decide` on the kept campaign; when it refuses (an AppError) on a copy this call did not read, decides
 * again on a fresh read, so a member is never turned away by a stale copy.
 */
export async function decideOnKept<T>(db: Database, campaignId: string, decide: (campaign: CampaignDoc) => Promise<T> | T): Promise<T> {
  const { campaign, fresh } = await keptCampaign(db, campaignId);
  try {
    return await decide(campaign);
  } catch (err) {
    if (fresh || !(err instanceof AppError)) throw err;
    return decide(await freshCampaign(db, campaignId));
  }
}
