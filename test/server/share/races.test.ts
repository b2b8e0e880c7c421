/**
 * Parallel opens through real concurrent transactions (actions run directly, so they overlap as on several
 * CloudBase instances): 60 colleagues opening one share at once, each twice, count exactly 60 reach and
 * 60 attributions, never a CONFLICT; outsiders racing count once each; conversions racing count once.
 */
import { open } from '../../../server/share/actions';
import { recordConversion } from '../../../server/share/conversions';
import { SHARE_COUNTER_SHARDS } from '../../../server/share/counters';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, testDb } from '../../helpers/db';
import { runConcurrently } from '../../helpers/concurrency';
import { createToken, openidOf, seedTargets, share, tallyShareOpens } from '../../helpers/share';
import { dataOf } from '../../helpers/envelope';

const asAction = (action: unknown) => action as Parameters<typeof runConcurrently>[0];

// Hundreds of real transactions through HTTP: seconds, not the default 5.
jest.setTimeout(120_000);

const cloud = useTestCloud();

it('counts 60 colleagues opening one share at once (each twice) exactly once each', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => `m:race-${i}`);
  // Members straight into the database (seeding, not the subject).
  const { memberDoc } = await import('../../helpers/db');
  cloud.database.insertDocuments(
    'members',
    ['m:race-sharer', ...ids].map((id) => memberDoc(id) as unknown as Record<string, unknown>),
  );
  cloud.database.insertDocuments(
    'bindings',
    ['m:race-sharer', ...ids].map((id) => ({ _id: openidOf(id), memberId: id, boundAt: new Date() })),
  );
  const { campaignId } = await seedTargets('race');
  const token = await createToken('m:race-sharer', 'campaign', campaignId, 'race-share-0001');
  // 60 members in parallel, each opening twice back to back: 60 requests in flight at any time (more
  // sockets at once exceed one local process's listen backlog, not CloudBase's).
  const codes = (
    await Promise.all(
      ids.map(async (id) => [await runConcurrently(asAction(open), { token }, openidOf(id)), await runConcurrently(asAction(open), { token }, openidOf(id))]),
    )
  ).flat();
  expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  // Three overlapping timer runs count every placed open once.
  const counted = await Promise.all([tallyShareOpens(), tallyShareOpens(), tallyShareOpens()]);
  expect(counted.reduce((sum, n) => sum + n, 0)).toBe(60);
  expect(await tallyShareOpens()).toBe(0);
  const mine = dataOf(await share('mine', {}, 'm:race-sharer'));
  expect(mine.items[0]).toMatchObject({ token, reach: 60, conversions: 0 });
  expect(await countAll('shareOpens')).toBe(60);
  expect(await countAll('shareAttributions')).toBe(60);

  // Outsiders racing: 40 WeChat users, each opening three times at once.
  const outsiders = Array.from({ length: 40 }, (_, i) => `o-outsider-${i}`);
  const outsiderCodes = (
    await Promise.all(outsiders.map((openid) => Promise.all([1, 2, 3].map(() => runConcurrently(asAction(open), { token }, openid)))))
  ).flat();
  expect(outsiderCodes.filter((code) => code !== 'OK')).toEqual([]);

  // Every opener converts, each reported three times at once (a retried sign-up, say).
  const at = new Date('2026-03-05T02:00:00Z');
  for (let start = 0; start < ids.length; start += 50) {
    await Promise.all(
      ids
        .slice(start, start + 50)
        .flatMap((memberId) => [1, 2, 3].map(() => recordConversion(testDb(), { memberId, targetKind: 'campaign', targetId: campaignId, at }))),
    );
  }
  const after = dataOf(await share('mine', {}, 'm:race-sharer'));
  expect(after.items[0]).toMatchObject({ token, reach: 60, outsiderOpens: 40, conversions: 60 });
  // The shards hold it all: no shard beyond the configured number.
  expect(cloud.database.listDocuments('shareCounters').filter((doc) => doc.token === token).length).toBeLessThanOrEqual(SHARE_COUNTER_SHARDS);
});
