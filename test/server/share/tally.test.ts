/**
 * The open's two inserts and the timer's tally (server/share/open.ts, server/share/tally.ts): a function
 * killed between any two of their operations leaves a state the next open or the next timer run completes,
 * and the same member opening two shares of one target at once is attributed to exactly one of them.
 */
import { open } from '../../../server/share/actions';
import { attributionId } from '../../../server/share/conversions';
import { forgetShares } from '../../../server/share/open';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';
import { callConcurrently } from '../../helpers/concurrency';
import { codeOf, dataOf } from '../../helpers/envelope';
import { createToken, openidOf, seedMembers, seedTargets, share, tallyShareOpens } from '../../helpers/share';
import type { ShareOpenResult } from '../../../typings/functions/share';

jest.setTimeout(60_000);

const cloud = useTestCloud();
let targets: Awaited<ReturnType<typeof seedTargets>>;

beforeAll(async () => {
  await seedMembers(['m:t-sharer', 'm:t-other', 'm:t-opener', 'm:t-racer', 'm:t-late']);
  targets = await seedTargets('tally');
});

async function reach(token: string, sharerId: string): Promise<number> {
  const row = dataOf(await share('mine', {}, sharerId)).items.find((item) => item.token === token);
  return row?.reach ?? 0;
}

it('places a first open that counts only once the timer has run, and the timer counts it once', async () => {
  const token = await createToken('m:t-sharer', 'course', targets.courseId, 'tally-request-0001');
  expect(dataOf(await share('open', { token }, 'm:t-opener'))).toMatchObject({ counted: true, attributed: true });
  // Killed before the timer: placed, not yet in the reach.
  expect(await reach(token, 'm:t-sharer')).toBe(0);
  expect(await cloud.database.getDocument('shareOpens', `${token}:m:t-opener`)).toMatchObject({ counted: false });
  expect(await tallyShareOpens()).toBe(1);
  expect(await tallyShareOpens()).toBe(0);
  expect(await reach(token, 'm:t-sharer')).toBe(1);
});

it('completes an open killed between the attribution and the open record at the next open', async () => {
  const token = await createToken('m:t-sharer', 'campaign', targets.campaignId, 'tally-request-0002');
  // The first insert happened, then the function died.
  await insertAll('shareAttributions', [
    {
      _id: attributionId('m:t-late', 'campaign', targets.campaignId),
      memberId: 'm:t-late',
      targetKind: 'campaign',
      targetId: targets.campaignId,
      token,
      sharerId: 'm:t-sharer',
      openedAt: new Date(),
      convertedAt: null,
      updatedAt: new Date(),
    },
  ]);
  expect(await cloud.database.getDocument('shareOpens', `${token}:m:t-late`)).toBeUndefined();
  expect(dataOf(await share('open', { token }, 'm:t-late'))).toMatchObject({ counted: true, attributed: true });
  await tallyShareOpens();
  expect(await reach(token, 'm:t-sharer')).toBe(1);
});

it('attributes a member opening two shares of one target at once to exactly one, and counts both opens', async () => {
  const first = await createToken('m:t-sharer', 'contestResults', targets.contestId, 'tally-request-0003');
  const second = await createToken('m:t-other', 'contestResults', targets.contestId, 'tally-request-0004');
  const answers = await Promise.all(
    [first, second, first, second].map((token) => callConcurrently<ShareOpenResult>(open as never, { token }, openidOf('m:t-racer'))),
  );
  expect(answers.filter((answer) => answer.counted)).toHaveLength(2);
  const winner = (await cloud.database.getDocument('shareAttributions', attributionId('m:t-racer', 'contestResults', targets.contestId)))?.token;
  expect([first, second]).toContain(winner);
  // Every answer agrees with the one attribution stored.
  expect(answers.map((answer) => answer.attributed)).toEqual([first, second, first, second].map((token) => token === winner));
  await tallyShareOpens();
  expect(await reach(first, 'm:t-sharer')).toBe(1);
  expect(await reach(second, 'm:t-other')).toBe(1);
});

it('does not keep an unknown token: NOT_FOUND every time', async () => {
  forgetShares();
  for (let i = 0; i < 2; i += 1) expect(codeOf(await share('open', { token: 'ZZZZZZZZZZZZ' }, 'm:t-opener'))).toBe('NOT_FOUND');
});

it('retires the opens of a share that no longer exists, so the opens queued after them are still counted', async () => {
  const gone = await createToken('m:t-sharer', 'course', targets.courseId, 'tally-request-0005');
  const kept = await createToken('m:t-other', 'course', targets.courseId, 'tally-request-0006');
  expect(dataOf(await share('open', { token: gone }, 'm:t-opener'))).toMatchObject({ counted: true });
  expect(dataOf(await share('open', { token: kept }, 'm:t-late'))).toMatchObject({ counted: true });
  await testDb().collection('shares').doc(gone).remove();
  forgetShares();
  expect(await tallyShareOpens()).toBe(1);
  expect(await cloud.database.getDocument('shareOpens', `${gone}:m:t-opener`)).toMatchObject({ counted: true });
  expect(await tallyShareOpens()).toBe(0);
  expect(await reach(kept, 'm:t-other')).toBe(1);
});
