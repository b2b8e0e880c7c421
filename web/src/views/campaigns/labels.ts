/**
 * The campaign screens' shared pieces: the mini-program's Chinese labels for the same unions (one source
 * for both apps: miniprogram/utils/labels.ts holds them typed against typings/), and small formatters.
 */
export {
  AUDIENCE_LABELS,
  CAMPAIGN_PHASE_LABELS,
  CAMPAIGN_STATUS_LABELS,
  CAMPAIGN_TEAM_MODE_LABELS,
  CHECKIN_KIND_LABELS,
  ENROLLMENT_STATUS_LABELS,
} from '../../../../miniprogram/utils/labels';
import type { CampaignPhase } from '../../../../typings/functions/campaign';

/** TDesign tag themes by phase, so a running campaign stands out in the table. */
export const PHASE_THEMES: Record<CampaignPhase, 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  draft: 'default',
  upcoming: 'warning',
  running: 'success',
  ended: 'default',
  archived: 'default',
};

/** 0.8234 → "82.3%". */
export const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/** ISO 8601 → "2026-11-27 09:30" in the browser's zone (the console is used in China). */
export function dateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The invitation link the mini-program opens (the path its editor shares, packageCampaignAdmin/shared/campaign-form.ts). */
export function invitationPath(campaignId: string, inviteToken: string): string {
  return `packageCampaign/detail/index?id=${encodeURIComponent(campaignId)}&inviteToken=${encodeURIComponent(inviteToken)}`;
}
