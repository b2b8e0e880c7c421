/**
 * A campaign's planned days (Beijing days `YYYY-MM-DD`, from `startDay` to `endDay` inclusive) and where a
 * campaign is in time. Day arithmetic works on the date string alone, so it never depends on the process
 * time zone.
 */
import type { CampaignDoc } from '../../typings/domain';
import type { CampaignPhase } from '../../typings/functions/campaign';
import { addDays, daysBetween } from '../core/time';

type Span = Pick<CampaignDoc, 'startDay' | 'endDay'>;

/** Number of planned days (0 when a campaign was ended before it started). */
export function totalDays(campaign: Span): number {
  return Math.max(0, daysBetween(campaign.startDay, campaign.endDay) + 1);
}

/** Every planned day, in order. */
export function plannedDays(campaign: Span): string[] {
  return Array.from({ length: totalDays(campaign) }, (_, i) => addDays(campaign.startDay, i));
}

export function isPlannedDay(campaign: Span, day: string): boolean {
  return day >= campaign.startDay && day <= campaign.endDay;
}

/** 1-based position of a planned day (第 N 天). */
export function dayIndex(campaign: Span, day: string): number {
  return daysBetween(campaign.startDay, day) + 1;
}

/** The last planned day before `today` (the latest day that can be missed), or null before the start. */
export function lastClosedDay(campaign: Span, today: string): string | null {
  const last = today > campaign.endDay ? campaign.endDay : addDays(today, -1);
  return last >= campaign.startDay ? last : null;
}

export function phaseOf(campaign: Span & Pick<CampaignDoc, 'status'>, today: string): CampaignPhase {
  if (campaign.status === 'draft' || campaign.status === 'archived') return campaign.status;
  if (campaign.status === 'ended' || today > campaign.endDay) return 'ended';
  return today < campaign.startDay ? 'upcoming' : 'running';
}

/** Check-ins are taken on planned days of a published campaign, or up to the last day of one ended early. */
export function acceptsCheckins(campaign: Pick<CampaignDoc, 'status'>): boolean {
  return campaign.status === 'published' || campaign.status === 'ended';
}
