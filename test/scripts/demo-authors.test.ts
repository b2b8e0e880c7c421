/**
 * The demo authors (scripts/demo/authors.ts): after the demo catalogue, the trainer holds 黑带, the branch
 * trainer 蓝带 and the demo learner 黄带 on the demo's ladder, each paid for their courses passing review.
 */
import { useDemoCatalogueCloud } from '../helpers/demo';
import { readWhere, testDb } from '../helpers/db';
import { seedAuthorsDemo } from '../../scripts/demo/authors';

jest.setTimeout(300_000);

const NOW = new Date('2026-03-02T02:00:00Z');
const company = useDemoCatalogueCloud(NOW);

it('puts an author at each belt, each paid once per course passing review', async () => {
  const result = await seedAuthorsDemo(testDb(), company, NOW);
  const memberOf = (openid: string) => company.identities.find((identity) => identity.openid === openid)!.memberId;
  const levelOf = async (openid: string) => (await readWhere<{ name: string }>('authorLevels', { _id: memberOf(openid) }))[0]?.name;
  expect([await levelOf('demo-trainer'), await levelOf('demo-branch-trainer'), await levelOf('demo-learner')]).toEqual(['黑带', '蓝带', '黄带']);
  expect(result.authors.map((author) => author.level).sort()).toEqual(['蓝带', '黄带', '黑带'].sort());
  const paid = await readWhere<{ memberId: string; source: string }>('pointsLedger', { reason: 'course_published' });
  expect(paid.filter((entry) => entry.memberId === memberOf('demo-branch-trainer'))).toHaveLength(4);
  expect(paid.filter((entry) => entry.memberId === memberOf('demo-learner'))).toHaveLength(1);
  expect(new Set(paid.map((entry) => entry.source)).size).toBe(paid.length);
});

it('publishes a year of annual author awards, each winner paid, certified and told once; a rerun keeps it', async () => {
  const { seedAuthorAwardsDemo } = await import('../../scripts/demo/author-awards');
  const first = await seedAuthorAwardsDemo(testDb(), company, NOW);
  expect(first).toEqual({ year: 2025, awards: 4 });
  const paid = await readWhere<{ memberId: string; amount: number }>('pointsLedger', { reason: 'author_award' });
  expect(paid).toHaveLength(4);
  expect(await readWhere('certificates', { kind: 'author_award' })).toHaveLength(4);
  expect(await readWhere('notifications', { kind: 'author_award' })).toHaveLength(4);
  expect(await seedAuthorAwardsDemo(testDb(), company, NOW)).toEqual(first);
  expect(await readWhere('pointsLedger', { reason: 'author_award' })).toHaveLength(4);
});
