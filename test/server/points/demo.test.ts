/** The points demo seeds a dozen items with pictures, earned history and orders with every balance equal to its ledger, once. */
import { seedPointsDemo } from '../../../scripts/demo/points';
import { buildDemoCompany } from '../../../scripts/demo/company';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, testDb } from '../../helpers/db';
import { getCloud } from '../../../server/core/cloud';
import { expectLedgersBalanced, pointsState } from './helpers';

jest.setTimeout(60_000);

const cloud = useTestCloud();

it('seeds the mall and earned history through the domain, and seeding again changes nothing', async () => {
  const now = new Date('2026-05-20T02:00:00Z');
  const company = buildDemoCompany(now);
  await insertAll('members', company.members);
  expect(await seedPointsDemo(testDb(), getCloud(), company, now)).toEqual({ items: 12, members: 20, orders: 9 });
  await expectLedgersBalanced();
  const state = await pointsState();
  expect(state.mallItems).toHaveLength(12);
  // Every item has its picture, a real PNG in storage.
  for (const item of state.mallItems as { pictures: string[] }[]) {
    expect(item.pictures).toHaveLength(1);
    expect(
      cloud.storage
        .readFile(item.pictures[0] as string)
        ?.subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  }
  expect(state.mallOrders).toHaveLength(9);
  expect((state.pointsAccounts as { balance: number }[]).every((account) => account.balance > 0)).toBe(true);
  await seedPointsDemo(testDb(), getCloud(), company, now);
  expect(await pointsState()).toEqual(state);
});
