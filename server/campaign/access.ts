/**
 * Who may see and manage a campaign, shared by both halves of the `campaign` function (the engagement half
 * imports these instead of deciding access again).
 *
 * - Managing: a trainer or admin whose grant's scope covers the campaign's managing scope
 *   (`campaignScopeOf`: chosen at creation, moved by admins only); unscoped trainers and admins manage every
 *   campaign, company-wide ones included.
 * - Seeing: managers always; otherwise drafts are hidden, and a published, ended or archived campaign is
 *   visible to a member who signed up (any status but rejected), and — unless archived — to an eligible
 *   member of a listed campaign, or to anyone holding the invitation link's token.
 * A campaign the caller may not see answers NOT_FOUND, so its existence does not leak.
 */
import type { CampaignDoc, EnrollmentDoc, MemberDoc } from '../../typings/domain';
import { AppError, COLLECTIONS, findById, inScope, isInSubtree, scopeCondition, scopeFor } from '../core';
import type { Database, Scope } from '../core';
import { deriveAudiences } from '../core';

export const CAMPAIGN_NOT_FOUND = '活动不存在或你无权查看';

/** `_id` of a member's enrollment: one per member and campaign. */
export const enrollmentId = (campaignId: string, memberId: string): string => `${campaignId}:${memberId}`;

/** Loads a campaign or answers NOT_FOUND. */
export async function loadCampaign(db: Database, campaignId: string): Promise<CampaignDoc> {
  const campaign = await findById<CampaignDoc>(db, COLLECTIONS.campaigns, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
  return campaign;
}

/** The member's enrollment in a campaign, or null if they never signed up. */
export function findEnrollment(db: Database, campaignId: string, memberId: string): Promise<EnrollmentDoc | null> {
  return findById<EnrollmentDoc>(db, COLLECTIONS.campaignEnrollments, enrollmentId(campaignId, memberId));
}

/** Taking part now (enrolled): may check in, appears in leaderboards and counts for capacity. */
export function isEnrolled(enrollment: Pick<EnrollmentDoc, 'status'> | null): enrollment is EnrollmentDoc {
  return enrollment?.status === 'enrolled';
}

type Scoped = Pick<CampaignDoc, 'ownerDepartmentId' | 'scopeDepartmentId'>;

/** The campaign's managing scope (null = company-wide); campaigns from before it existed: the creator's department. */
export function campaignScopeOf(campaign: Scoped): string | null {
  return campaign.scopeDepartmentId === undefined ? campaign.ownerDepartmentId : campaign.scopeDepartmentId;
}

export { scopeLabel } from '../core/scope';

/** Whether a managing scope (null = company-wide) lies within `scope`. */
export function scopeCovers(scope: Scope | null, campaignScope: string | null): boolean {
  return campaignScope === null ? scope === 'all' : inScope(campaignScope, scope);
}

/** A trainer or admin whose scope covers the campaign's managing scope. */
export function managesCampaign(member: Pick<MemberDoc, 'roles'>, campaign: Scoped): boolean {
  const at = campaignScopeOf(campaign);
  return scopeCovers(scopeFor(member, 'trainer'), at) || scopeCovers(scopeFor(member, 'admin'), at);
}

/** An admin whose admin scope covers the campaign's managing scope may move it (server/campaign/edit.ts). */
export function movesScope(member: Pick<MemberDoc, 'roles'>, campaign: Scoped): boolean {
  return scopeCovers(scopeFor(member, 'admin'), campaignScopeOf(campaign));
}

/**
 * A query condition for "the campaign's managing scope is within `scope`" (null: every campaign), reading
 * `ownerDepartmentId` for campaigns without `scopeDepartmentId`, as `campaignScopeOf` does.
 */
export function campaignScopeCondition(db: Database, scope: Scope): Record<string, unknown> | null {
  if (scope === 'all') return null;
  const _ = db.command;
  if (scope.length === 0) return { _id: _.in([]) };
  return _.or([
    scopeCondition(db, 'scopeDepartmentId', scope) as Record<string, unknown>,
    _.and([{ scopeDepartmentId: _.exists(false) }, scopeCondition(db, 'ownerDepartmentId', scope) as Record<string, unknown>]),
  ]) as unknown as Record<string, unknown>;
}

/** Throws FORBIDDEN unless the member manages the campaign. */
export function requireManager(member: Pick<MemberDoc, 'roles'>, campaign: Scoped): void {
  if (!managesCampaign(member, campaign)) throw new AppError('FORBIDDEN', '你无权管理该活动');
}

/** Loads a campaign the member manages (NOT_FOUND, then FORBIDDEN). */
export async function loadManagedCampaign(db: Database, member: MemberDoc, campaignId: string): Promise<CampaignDoc> {
  const campaign = await loadCampaign(db, campaignId);
  requireManager(member, campaign);
  return campaign;
}

/** Whether the member matches the campaign's departments and audiences (the invitation aside). */
export function matchesEligibility(member: MemberDoc, campaign: Pick<CampaignDoc, 'departmentIds' | 'audiences'>, now: Date): boolean {
  const departmentIds = campaign.departmentIds ?? [];
  const audiences = campaign.audiences ?? [];
  if (departmentIds.length > 0 && !departmentIds.some((root) => isInSubtree(member.departmentId, root))) return false;
  if (audiences.length === 0) return true;
  const own = deriveAudiences(member, now);
  return audiences.some((audience) => own.includes(audience));
}

/** Whether the member may sign up without the invitation link (invitation-only campaigns need it). */
export function isEligible(member: MemberDoc, campaign: CampaignDoc, now: Date): boolean {
  return !campaign.inviteOnly && matchesEligibility(member, campaign, now);
}

/** The token opens the campaign (invitation link). */
export function hasInvitation(campaign: Pick<CampaignDoc, 'inviteToken'>, token: string | undefined): boolean {
  return token !== undefined && token === campaign.inviteToken;
}

/** See the module comment. `inviteToken` is the token the member arrived with, if any. */
export function canSeeCampaign(
  member: MemberDoc,
  campaign: CampaignDoc,
  enrollment: Pick<EnrollmentDoc, 'status'> | null,
  now: Date,
  inviteToken?: string,
): boolean {
  if (managesCampaign(member, campaign)) return true;
  if (campaign.status === 'draft') return false;
  if (enrollment !== null && enrollment.status !== 'rejected') return true;
  if (campaign.status === 'archived') return false;
  return isEligible(member, campaign, now) || hasInvitation(campaign, inviteToken);
}

export interface VisibleCampaign {
  campaign: CampaignDoc;
  enrollment: EnrollmentDoc | null;
  /** The member manages this campaign. */
  manager: boolean;
}

/** Loads a campaign with the member's enrollment; NOT_FOUND when missing or not visible to them. */
export async function loadVisibleCampaign(db: Database, member: MemberDoc, campaignId: string, now: Date, inviteToken?: string): Promise<VisibleCampaign> {
  const [campaign, enrollment] = await Promise.all([loadCampaign(db, campaignId), findEnrollment(db, campaignId, member._id)]);
  if (!canSeeCampaign(member, campaign, enrollment, now, inviteToken)) throw new AppError('NOT_FOUND', CAMPAIGN_NOT_FOUND);
  return { campaign, enrollment, manager: managesCampaign(member, campaign) };
}
