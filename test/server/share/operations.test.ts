/**
 * Database operations per share open through the real `main` (guard included), counted by the local cloud.
 * From server/share/open.ts: the guard's member (1), the share (1 when the instance does not keep it yet),
 * then for a first open the attribution's read and insert and the open record's insert (3) = 4 on a warm
 * instance; a repeated open reads the attribution and finds its record a duplicate (2) = 3. The reach is
 * counted afterwards by the timer (server/share/tally.ts). The ceiling is bench/ceilings.ts's.
 */
import { forgetShares } from '../../../server/share/open';
import { useTestCloud } from '../../helpers/local-cloud';
import { dataOf } from '../../helpers/envelope';
import { createToken, seedMembers, seedTargets, share, tallyShareOpens } from '../../helpers/share';

jest.setTimeout(60_000);

const cloud = useTestCloud();

it('counts a first open in 4 operations on a warm instance (5 cold) and a repeated one in 3', async () => {
  await seedMembers(['m:ops-sharer', 'm:ops-opener', 'm:ops-second']);
  const { courseId } = await seedTargets('ops');
  const token = await createToken('m:ops-sharer', 'course', courseId, 'ops-request-0001');
  const open = async (memberId: string) => {
    cloud.actions.reset();
    const answer = dataOf(await share('open', { token }, memberId));
    return { counted: answer.counted, operations: cloud.actions.databaseOperations() };
  };
  forgetShares();
  expect(await open('m:ops-opener')).toEqual({ counted: true, operations: 5 });
  expect(await open('m:ops-second')).toEqual({ counted: true, operations: 4 });
  expect(await open('m:ops-opener')).toEqual({ counted: false, operations: 3 });
  expect(await tallyShareOpens()).toBe(2);
});
