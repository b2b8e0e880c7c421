/**
 * Database operations per share open through the real `main` (guard included), counted by the local cloud.
 * From server/share/open.ts: the guard's member (1), the share (1), the open record (1), then the counting
 * transaction (start, open record, attribution and counter shard reads, three writes, commit = 8) = 11; a
 * repeated open reads the open record and the attribution instead = 4. The ceiling is bench/ceilings.ts's.
 */
import { useTestCloud } from '../../helpers/local-cloud';
import { dataOf } from '../../helpers/envelope';
import { createToken, seedMembers, seedTargets, share } from '../../helpers/share';

jest.setTimeout(60_000);

const cloud = useTestCloud();

it('counts a first open in 11 operations and a repeated one in 4', async () => {
  await seedMembers(['m:ops-sharer', 'm:ops-opener']);
  const { courseId } = await seedTargets('ops');
  const token = await createToken('m:ops-sharer', 'course', courseId, 'ops-request-0001');
  const open = async () => {
    cloud.actions.reset();
    const answer = dataOf(await share('open', { token }, 'm:ops-opener'));
    return { counted: answer.counted, operations: cloud.actions.databaseOperations() };
  };
  expect(await open()).toEqual({ counted: true, operations: 11 });
  expect(await open()).toEqual({ counted: false, operations: 4 });
});
