/**
 * 积分规则 that promise what they never pay: a kind whose points its own daily cap or the total cap would
 * cut comes back with a warning and the figure really paid, on reading and on saving the rules.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';

useTestCloud();
const ADMIN = { openid: 'o-promise-admin' };

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:promise-admin', { roles: [grant('admin')] });
});

it('warns of kinds paying more than their cap or the total cap', async () => {
  const { updatedAt: _at, warnings, ...rules } = dataOf(await callAction('points', 'getRules', {}, ADMIN));
  expect(warnings).toEqual([]);
  const saved = dataOf(
    await callAction(
      'points',
      'setRules',
      { ...rules, points: { ...rules.points, course_published: 300 }, dailyCaps: { ...rules.dailyCaps, course_rated: 10 }, dailyTotalCap: 250 },
      ADMIN,
    ),
  );
  expect(saved.warnings.map((warning) => [warning.label, warning.promised, warning.paid])).toEqual([
    ['「课程通过审核」', 300, 250],
    ['「课程获得好评」', 30, 10],
  ]);
  expect(dataOf(await callAction('points', 'getRules', {}, ADMIN)).warnings).toHaveLength(2);
});
