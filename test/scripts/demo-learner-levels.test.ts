/**
 * The demo learner levels (scripts/demo/learner-levels.ts): after the demo's points history, the ladder is
 * saved as an admin would (audited), and learners stand at several levels, the demo identities among them.
 */
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { readWhere, testDb } from '../helpers/db';
import { buildDemoCompany } from '../../scripts/demo/company';
import { seedPointsDemo } from '../../scripts/demo/points';
import { getCloud } from '../../server/core/cloud';
import { demoLadder, seedLearnerLevelsDemo } from '../../scripts/demo/learner-levels';
import { learnerLadderProblem } from '../../server/points/levels';
import type { PointsAccountDoc } from '../../typings/docs/points';

jest.setTimeout(300_000);

const NOW = new Date('2026-03-02T02:00:00Z');
const company = buildDemoCompany(NOW);
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
  for (let start = 0; start < company.members.length; start += 100)
    await testDb()
      .collection('members')
      .add({ data: company.members.slice(start, start + 100) });
  await seedPointsDemo(testDb(), getCloud(), company, NOW);
});

afterAll(async () => {
  await cloud.dispose();
});

it('builds a valid ladder from any totals', () => {
  for (const totals of [[], [5], [10, 10, 10], [1, 50, 300, 900, 2000, 5000]]) expect(learnerLadderProblem(demoLadder(totals))).toBeNull();
});

it('puts learners at several levels, the demo learner among them, saved with an audit record', async () => {
  const { levels } = await seedLearnerLevelsDemo(testDb(), company, NOW);
  expect(Object.keys(levels).length).toBeGreaterThanOrEqual(3);
  const learner = company.identities.find((identity) => identity.role === 'learner')!.memberId;
  expect((await readWhere<PointsAccountDoc>('pointsAccounts', { _id: learner }))[0]?.levelName).toEqual(expect.any(String));
  expect(await readWhere('adminAudit', { action: 'learner_levels' })).toHaveLength(1);
  // Seeding again changes no level.
  const before = await readWhere<PointsAccountDoc>('pointsAccounts', {});
  await seedLearnerLevelsDemo(testDb(), company, NOW);
  expect((await readWhere<PointsAccountDoc>('pointsAccounts', {})).map((account) => account.levelHistory)).toEqual(
    before.map((account) => account.levelHistory),
  );
});
