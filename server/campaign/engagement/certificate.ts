/**
 * The completion certificate (结业证书): a member who has done the campaign's certificate percent of its
 * planned days (rounded up; all of them by default) gets one, issued once through the one certificate
 * mechanism (server/core/certificates.ts: kind `campaign`, source the campaign), so parallel reads issue one
 * document; its number derives from the campaign and member, so it never changes. Issued on the member's
 * read (the app asks for it on the calendar and after each check-in) or by `issueCertificateIfEligible`.
 */
import { createHash } from 'node:crypto';
import type { CampaignCertificateDoc, CampaignDoc, EnrollmentDoc } from '../../../typings/domain';
import { campaignEngagementContracts } from '../../../typings/functions/campaign-engagement';
import type { CertificateView } from '../../../typings/functions/campaign-engagement';
import { COLLECTIONS, defineAction, findById } from '../../core';
import type { Database } from '../../core';
import { isoDate } from '../../core/published';
import { loadVisibleCampaign } from '../access';
import { totalDays } from '../days';
import { certificateId as coreCertificateId, issueCertificate } from '../../core/certificates';

export const certificateId = (campaignId: string, memberId: string): string => coreCertificateId('campaign', campaignId, memberId);

/** `WK` + the start day (YYMMDD) + 8 hex digits of the campaign and member: short, stable, unique in practice. */
export function certificateNumber(campaign: Pick<CampaignDoc, '_id' | 'startDay'>, memberId: string): string {
  const digest = createHash('sha256').update(`${campaign._id}:${memberId}`).digest('hex').slice(0, 8).toUpperCase();
  return `WK${campaign.startDay.slice(2).replace(/-/g, '')}-${digest}`;
}

/** Days needed for the certificate: the percent of planned days, rounded up, at least one. */
export function daysRequired(campaign: Pick<CampaignDoc, 'startDay' | 'endDay' | 'certificatePercent'>): number {
  return Math.max(1, Math.ceil((totalDays(campaign) * campaign.certificatePercent) / 100));
}

/** Members who signed up and did the days keep their certificate even after quitting. */
function mayHold(enrollment: Pick<EnrollmentDoc, 'status'>): boolean {
  return enrollment.status === 'enrolled' || enrollment.status === 'quit';
}

function certificateView(doc: CampaignCertificateDoc): CertificateView {
  const { number, code, campaignId, campaignTitle, memberName, departmentPath, daysCheckedIn, plannedDays, issuedDay } = doc;
  return { number, code, campaignId, campaignTitle, memberName, departmentPath, daysCheckedIn, plannedDays, issuedDay, issuedAt: isoDate(doc.issuedAt) ?? '' };
}

/** The member's certificate: the stored one, or a new one when they are eligible now; else null. */
export async function issueCertificateIfEligible(
  db: Database,
  campaign: CampaignDoc,
  enrollment: EnrollmentDoc | null,
  now: Date,
): Promise<CampaignCertificateDoc | null> {
  if (!enrollment) return null;
  const id = certificateId(campaign._id, enrollment.memberId);
  const stored = await findById<CampaignCertificateDoc>(db, COLLECTIONS.certificates, id);
  if (stored) return stored;
  if (!mayHold(enrollment) || enrollment.daysDone < daysRequired(campaign)) return null;
  return issueCertificate<CampaignCertificateDoc>(
    db,
    {
      kind: 'campaign',
      source: campaign._id,
      number: certificateNumber(campaign, enrollment.memberId),
      memberId: enrollment.memberId,
      memberName: enrollment.name,
      departmentPath: enrollment.departmentPath,
      achievement: campaign.title,
      detail: `打卡 ${enrollment.daysDone}/${totalDays(campaign)} 天`,
      campaignId: campaign._id,
      campaignTitle: campaign.title,
      daysCheckedIn: enrollment.daysDone,
      plannedDays: totalDays(campaign),
    },
    now,
  );
}

export const myCertificate = defineAction({
  ...campaignEngagementContracts.myCertificate,
  roles: ['learner'],
  async handler({ db, caller, input, now }) {
    const at = now();
    const { campaign, enrollment } = await loadVisibleCampaign(db, caller.member, input.campaignId, at);
    const certificate = await issueCertificateIfEligible(db, campaign, enrollment, at);
    return {
      certificate: certificate ? certificateView(certificate) : null,
      daysDone: enrollment?.daysDone ?? 0,
      daysRequired: daysRequired(campaign),
      plannedDays: totalDays(campaign),
      certificatePercent: campaign.certificatePercent,
    };
  },
});
