/**
 * 升级提醒 after an admin saves a new learner ladder: the save raises every member its thresholds reach in
 * one update per rung (server/points/level-settings.ts), and the `notification` timer then tells each raised
 * member the rung they hold (server/notification/derive.ts deriveLevelUps): exactly once per member and
 * level, in pages, however often or concurrently it runs; levels already notified by the award that reached
 * them are not notified again; a member who turned the kind off does not see it.
 */
import type { NotificationDoc } from '../../../typings/domain';
import type { EarningRules } from '../../../typings/functions/points';
import { getCloud } from '../../../server/core/cloud';
import { runNotifications } from '../../../server/notification/actions';
import { LEVELS_SETTLE_MS } from '../../../server/notification/derive';
import { awardPointsForEvent } from '../../../server/points';
import { DEFAULT_LEARNER_LEVELS } from '../../../server/points/levels';
import { DEFAULT_RULES } from '../../../server/points/rules';
import { freezeClock, setClock } from '../../helpers/clock';
import { grant, readWhere, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { as, seedMembers } from '../../helpers/identities';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';

jest.setTimeout(180_000);

useTestCloud();
const ADMIN = { openid: 'o-ln-admin' };
const T0 = new Date('2026-04-01T02:00:00Z');
const RAISED = Array.from({ length: 50 }, (_, i) => `ln-${String(i).padStart(2, '0')}`);

const run = () => runNotifications(testDb(), getCloud(), new Date());
const levelNotices = () => readWhere<NotificationDoc>('notifications', { kind: 'learner_level' });

beforeAll(async () => {
  freezeClock(T0);
  await seedMember(ADMIN.openid, 'm:ln-admin', { roles: [grant('admin')] });
  await seedMembers([...RAISED, 'ln-top']);
  // No daily caps: each seeding award pays in full.
  const uncapped = Object.fromEntries(Object.keys(DEFAULT_RULES.dailyCaps).map((type) => [type, null])) as EarningRules['dailyCaps'];
  const { points, expiryEnabled } = DEFAULT_RULES;
  expect(codeOf(await callAction('points', 'setRules', { points, dailyCaps: uncapped, dailyTotalCap: null, expiryEnabled }, ADMIN))).toBe('OK');
});

afterAll(() => jest.useRealTimers());

it('tells the 50 members a new ladder raises, once each, and nobody twice', async () => {
  // 250 points each: 学习新星 (50) reached by the award, which notifies it; 学习能手 needs 300.
  for (const memberId of RAISED) await awardPointsForEvent(testDb(), { type: 'competition_award', memberId, sourceId: 'ln-seed', occurredAt: T0, amount: 250 });
  await awardPointsForEvent(testDb(), { type: 'competition_award', memberId: 'ln-top', sourceId: 'ln-seed', occurredAt: T0, amount: 1200 });
  expect((await levelNotices()).map((doc) => doc._id.split(':')[1])).toEqual([...RAISED.map(() => 'rank1'), 'rank3']);
  dataOf(await callAction('notification', 'setKind', { kind: 'learner_level', enabled: false }, as('ln-49')));

  setClock(new Date(T0.getTime() + 3_600_000));
  const ladder = DEFAULT_LEARNER_LEVELS.map((level) => (level.name === '学习能手' ? { ...level, minEarned: 200 } : level));
  expect(codeOf(await callAction('points', 'setLearnerLevels', { levels: ladder }, ADMIN))).toBe('OK');
  const savedAt = Date.now();
  // Right after the save the timer leaves the new levels alone (the save may still be writing them).
  await run();
  expect(await levelNotices()).toHaveLength(51);

  setClock(new Date(savedAt + LEVELS_SETTLE_MS + 60_000));
  const [first, second] = await Promise.all([run(), run()]);
  await run();
  expect(first.created + second.created).toBe(50);
  const raised = (await levelNotices()).filter((doc) => doc._id.startsWith('learner_level:rank2:'));
  expect(raised.map((doc) => doc.memberId).sort()).toEqual(RAISED);
  expect(raised[0]).toMatchObject({ title: '升级为「学习能手」', page: 'packagePoints/level/index', push: expect.any(String) });
  // Nothing else: the top member's level and the first rungs were notified when reached.
  expect(await levelNotices()).toHaveLength(101);
  expect(dataOf(await callAction('notification', 'list', {}, as('ln-00'))).items.map((item) => item.title)).toEqual([
    '升级为「学习能手」',
    '升级为「学习新星」',
  ]);
  expect(dataOf(await callAction('notification', 'list', {}, as('ln-49'))).items).toEqual([]);

  // The same ladder saved again raises nobody; later runs create nothing.
  expect(codeOf(await callAction('points', 'setLearnerLevels', { levels: ladder }, ADMIN))).toBe('OK');
  setClock(new Date(Date.now() + LEVELS_SETTLE_MS + 60_000));
  expect((await run()).created).toBe(0);
  expect(await levelNotices()).toHaveLength(101);
});
