/** Set-up of the engagement tests: members signed up and checking in through the core half's domain functions. */
import type { CampaignDoc, CheckinDoc, MemberDoc } from '../../../../typings/domain';
import { checkIn, checkinId, makeUp } from '../../../../server/campaign/checkin';
import { signUp } from '../../../../server/campaign/enrollment';
import { getCloud } from '../../../../server/core/cloud';
import { testDb } from '../../../helpers/db';
import { beijing, openidOf, readDoc, requestId } from '../helpers';

/** Signs every member up at `at`, into `teamOf(index)` when the campaign's teams are chosen. */
export async function signUpAll(campaign: CampaignDoc, members: readonly MemberDoc[], at: Date, teamOf?: (index: number) => string): Promise<void> {
  for (const [index, member] of members.entries()) {
    await signUp(testDb(), member, { campaignId: campaign._id, ...(teamOf ? { teamId: teamOf(index) } : {}) }, at);
  }
}

const context = (member: MemberDoc, now: Date) => ({ db: testDb(), cloud: getCloud(), openid: openidOf(member._id), member, now });

/** The member checks in on Beijing `day` at `time`; answers the stored check-in. */
export async function checkInOn(campaign: CampaignDoc, member: MemberDoc, day: string, time = '09:00'): Promise<CheckinDoc> {
  await checkIn(context(member, beijing(day, time)), { campaignId: campaign._id, text: `${day} 的收获`, pictures: [], requestId: requestId() });
  return (await readDoc<CheckinDoc>('campaignCheckins', checkinId(campaign._id, member._id, day))) as CheckinDoc;
}

/** The member makes up `day` on Beijing `today`. */
export async function makeUpOn(campaign: CampaignDoc, member: MemberDoc, day: string, today: string): Promise<void> {
  await makeUp(context(member, beijing(today, '12:00')), { campaignId: campaign._id, day, text: `补 ${day}`, pictures: [], requestId: requestId() });
}
