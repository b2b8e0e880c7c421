/**
 * The campaign a function instance keeps (server/campaign/kept.ts): an edit made on another instance (here: a
 * direct write, which this instance does not see) never turns a member away, since a refusal is decided
 * again on a fresh read, and never lets a seat be taken under rules the edit changed; an edit made through
 * this instance applies at once.
 */
import type { CampaignDoc } from '../../../typings/domain';
import { keptCampaign } from '../../../server/campaign/kept';
import { updateCampaign } from '../../../server/campaign/edit';
import { testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { beijing, call, campaignFields, expectCountersExact, makeCampaign, readDoc, requestId, seedMembers, withCampaignCloud } from './helpers';

jest.setTimeout(120_000);

const env = withCampaignCloud();

let edits = 0;

/** An edit another instance made: the stored campaign changes (and its `updatedAt`), this instance's copy does not. */
async function editElsewhere(campaignId: string, change: Record<string, unknown>): Promise<void> {
  edits += 1;
  await testDb()
    .collection('campaigns')
    .doc(campaignId)
    .update({ data: { ...change, updatedAt: new Date(Date.now() + edits * 1000) } });
}

it('decides a check-in refused on the kept campaign again on a fresh read', async () => {
  freezeClock(beijing('2026-03-03', '09:00'));
  const campaign = await makeCampaign(
    env.trainer,
    campaignFields('2026-03-01', 7, { requirement: { minTextLength: 10, minPictures: 0, maxPictures: 9, requireCourse: false } }),
    new Date(),
  );
  const [member] = await seedMembers(['m:kept-checkin']);
  dataOf(await call('signUp', { campaignId: campaign._id }, member!._id));
  expect((await keptCampaign(testDb(), campaign._id)).campaign.requirement.minTextLength).toBe(10);
  await editElsewhere(campaign._id, { 'requirement.minTextLength': 0 });
  expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '短', requestId: requestId() }, member!._id))).toBe('OK');
  // The fresh copy is kept now.
  expect((await keptCampaign(testDb(), campaign._id)).campaign.requirement.minTextLength).toBe(0);
});

it('signs up on a fresh read when the kept campaign refuses or has changed, and forgets it on an edit here', async () => {
  freezeClock(beijing('2026-03-03', '09:00'));
  const campaign = await makeCampaign(env.trainer, campaignFields('2026-03-10', 7, { capacity: 1 }), new Date());
  const [first, second, third] = await seedMembers(['m:kept-a', 'm:kept-b', 'm:kept-c']);
  await keptCampaign(testDb(), campaign._id);
  // Closed on the kept copy, open again in the store: the refusal is decided again, fresh.
  await editElsewhere(campaign._id, { signUpEndDay: '2026-03-01' });
  expect(codeOf(await call('signUp', { campaignId: campaign._id }, first!._id))).toBe('SIGNUP_CLOSED');
  await editElsewhere(campaign._id, { signUpEndDay: '2026-03-16' });
  expect(dataOf(await call('signUp', { campaignId: campaign._id }, first!._id)).enrollment.status).toBe('enrolled');
  // Capacity raised elsewhere: the kept copy's seat (capacity 1, full) is refused, the fresh one takes it.
  await editElsewhere(campaign._id, { capacity: 2 });
  expect(dataOf(await call('signUp', { campaignId: campaign._id }, second!._id)).enrollment.status).toBe('enrolled');
  // An edit through this instance applies at once: capacity back to 2 is full, the next member waits.
  const current = (await readDoc<CampaignDoc>('campaigns', campaign._id)) as CampaignDoc;
  await updateCampaign(testDb(), env.trainer, current, { title: '改过的标题' }, new Date());
  expect((await keptCampaign(testDb(), campaign._id)).campaign.title).toBe('改过的标题');
  expect(dataOf(await call('signUp', { campaignId: campaign._id }, third!._id)).enrollment.status).toBe('waitlisted');
  await expectCountersExact(campaign._id);
});
