/**
 * A timer's backlog (server/core/backlog.ts): a short queue is one query; a backlog is taken round the ids
 * from a pivot, every document handed over once per run, and overlapping runs from different pivots share
 * the work instead of all taking the same first batch.
 */
import { drainBacklog } from '../../../server/core/backlog';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';

const cloud = useTestCloud();

/** Pending documents in the campaign check-ins collection (any declared collection with a `counted` index). */
async function seedPending(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}:${String(i).padStart(4, '0')}`);
  await insertAll(
    'campaignCheckins',
    ids.map((_id) => ({ _id, campaignId: prefix, counted: false })),
  );
  return ids;
}

async function drain(prefix: string, pick: (size: number) => number, within = () => true): Promise<{ seen: string[]; more: boolean }> {
  const seen: string[] = [];
  const db = testDb();
  const more = await drainBacklog<{ _id: string }>(
    db,
    'campaignCheckins',
    { campaignId: prefix, counted: false },
    { batch: 50, within, pick },
    async (batch) => {
      seen.push(...batch.map((doc) => doc._id));
    },
  );
  return { seen, more };
}

it('reads a short queue with one query', async () => {
  const ids = await seedPending('short', 30);
  cloud.actions.reset();
  const { seen, more } = await drain('short', () => 0);
  expect(more).toBe(false);
  expect(seen.sort()).toEqual(ids);
  expect(cloud.actions.databaseOperations()).toBe(1);
});

it('hands every document of a backlog over exactly once, going round from the pivot', async () => {
  const ids = await seedPending('round', 175);
  // The pivot is the 20th id of the first batch: the run goes from it to the end, then from the start to it.
  const { seen, more } = await drain('round', () => 20);
  expect(more).toBe(false);
  expect(seen).toHaveLength(175);
  expect(new Set(seen).size).toBe(175);
  const pivot = seen[0] as string;
  expect(seen.slice(0, ids.length - ids.indexOf(pivot))).toEqual(ids.slice(ids.indexOf(pivot)));
  expect(seen.slice(ids.length - ids.indexOf(pivot))).toEqual(ids.slice(0, ids.indexOf(pivot)));
});

it('lets two overlapping runs with different pivots start on different documents', async () => {
  await seedPending('overlap', 200);
  const [first, second] = await Promise.all([drain('overlap', () => 0), drain('overlap', () => 49)]);
  expect(first!.seen[0]).not.toBe(second!.seen[0]);
  expect(new Set(first!.seen).size).toBe(200);
  expect(new Set(second!.seen).size).toBe(200);
});

it('stops taking batches once the budget is spent and says documents may be left', async () => {
  await seedPending('budget', 120);
  let calls = 0;
  const { seen, more } = await drain(
    'budget',
    () => 0,
    () => {
      calls += 1;
      return calls <= 2;
    },
  );
  expect(more).toBe(true);
  expect(seen.length).toBeLessThan(120);
});
