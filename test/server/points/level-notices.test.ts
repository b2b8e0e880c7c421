/**
 * 升级提醒 (server/points/level-notice.ts, server/authoring/levels.ts): reaching a learner level or an author
 * level creates one notification of its kind per rung, however many awards race across the threshold; the
 * member's per-kind switch hides it from the message centre and keeps its subscribe message from being sent;
 * with the kind on and a subscription left, the timer sends it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NotificationDoc, ReminderSubscriptionDoc } from '../../../typings/domain';
import { DEFAULT_RULES } from '../../../server/points/rules';
import { awardPointsForEvent } from '../../../server/points';
import { refreshAuthorLevel } from '../../../server/authoring/levels';
import { DEFAULT_AUTHOR_SETTINGS } from '../../../server/authoring/levels';
import { runNotifications } from '../../../server/notification/actions';
import { templateEnvOf } from '../../../server/notification/settings';
import { subscriptionId } from '../../../server/core/subscriptions';
import { getCloud } from '../../../server/core/cloud';
import type { PointsAccountDoc } from '../../../typings/docs/points';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, readDoc, readWhere, testDb } from '../../helpers/db';
import { as, seedMembers } from '../../helpers/identities';
import { callAction } from '../../helpers/invoke';
import { dataOf } from '../../helpers/envelope';
import { courseAuthoringDoc, courseDoc, seedCourses } from '../../helpers/courses';
import { expectLedgersBalanced } from '../../helpers/ledger';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const ENV = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions/notification/config.json'), 'utf8')) as { envVariables: Record<string, string> })
  .envVariables;

const cloud = useTestCloud();
const AT = new Date('2026-04-01T02:00:00Z');

beforeAll(async () => {
  Object.assign(process.env, ENV);
  // No caps: twelve awards of one day all pay.
  await testDb()
    .collection('pointsRules')
    .doc('current')
    .set({
      data: {
        ...DEFAULT_RULES,
        points: { ...DEFAULT_RULES.points, competition_award: 10 },
        dailyCaps: Object.fromEntries(Object.keys(DEFAULT_RULES.dailyCaps).map((type) => [type, null])),
        dailyTotalCap: null,
        updatedAt: AT,
        updatedBy: 'm:admin',
      },
    });
});

afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key];
});

const notices = (memberId: string, kind: string) => readWhere<NotificationDoc>('notifications', { memberId, kind });
const award = (memberId: string, source: string) => awardPointsForEvent(testDb(), { type: 'competition_award', memberId, sourceId: source, occurredAt: AT });

it('notifies a learner level once when twelve parallel awards cross its threshold', async () => {
  const [member] = await seedMembers(['lv-racer']);
  // 40 points first: below 学习新星 (50), so only the race crosses it.
  for (let i = 0; i < 4; i += 1) await award(member!._id, `warm-${i}`);
  expect(await notices(member!._id, 'learner_level')).toEqual([]);
  await Promise.all(Array.from({ length: 12 }, (_, i) => award(member!._id, `race-${i}`)));
  const account = await readDoc<PointsAccountDoc>('pointsAccounts', member!._id);
  expect(account).toMatchObject({ earnedTotal: 160, levelRank: 1, levelName: '学习新星' });
  const created = await notices(member!._id, 'learner_level');
  expect(created.map((doc) => [doc._id, doc.title, doc.page])).toEqual([
    [`learner_level:rank1:${member!._id}`, '升级为「学习新星」', 'packagePoints/level/index'],
  ]);
  await expectLedgersBalanced();
});

it('notifies each rung reached, and nothing for awards that reach none', async () => {
  const [member] = await seedMembers(['lv-climber']);
  cloud.actions.reset();
  await award(member!._id, 'small');
  // Rules, account, the member (no account yet), entry, account: no notification below the first rung.
  expect(cloud.actions.databaseOperations()).toBe(5);
  for (let i = 0; i < 30; i += 1) await award(member!._id, `step-${i}`);
  const created = (await notices(member!._id, 'learner_level')).map((doc) => doc._id).sort();
  expect(created).toEqual([`learner_level:rank1:${member!._id}`, `learner_level:rank2:${member!._id}`]);
});

it('notifies an author level once when two reviews of the author race', async () => {
  const [author] = await seedMembers(['lv-author']);
  await seedCourses(courseDoc('c:lv-1', { authorId: author!._id }));
  await insertAll('courseAuthoring', [courseAuthoringDoc('c:lv-1', author!._id, AT)]);
  await Promise.all(Array.from({ length: 6 }, () => refreshAuthorLevel(testDb(), author!._id, DEFAULT_AUTHOR_SETTINGS.levels, AT).catch(() => null)));
  const created = await notices(author!._id, 'author_level');
  expect(created.map((doc) => [doc._id, doc.title, doc.page])).toEqual([
    [`author_level:rank1:${author!._id}`, '升级为「黄带」作者', 'packageStudio/creations/index'],
  ]);
});

it('keeps a level notice out of the message centre and the subscribe messages when the member turned the kind off', async () => {
  const [quiet, keen] = await seedMembers(['lv-quiet', 'lv-keen']);
  const template = ENV[templateEnvOf('learner_level')] as string;
  for (const member of [quiet!, keen!]) {
    await callAction('notification', 'subscribe', { templateIds: [template], requestId: `req-${member._id}` }, as(member._id));
  }
  await callAction('notification', 'setKind', { kind: 'learner_level', enabled: false }, as(quiet!._id));
  for (const member of [quiet!, keen!]) for (let i = 0; i < 5; i += 1) await award(member._id, `off-${i}`);
  expect(await notices(quiet!._id, 'learner_level')).toHaveLength(1);
  const list = dataOf(await callAction('notification', 'list', {}, as(quiet!._id)));
  expect(list.items.map((item) => item.kind)).not.toContain('learner_level');
  cloud.openapi.clearOutbox();
  await runNotifications(testDb(), getCloud(), new Date(AT.getTime() + 60_000));
  await runNotifications(testDb(), getCloud(), new Date(AT.getTime() + 120_000));
  const sent = cloud.openapi.outbox().filter((message) => message.templateId === template);
  expect(sent.map((message) => message.touser)).toEqual([as(keen!._id).openid]);
  expect(sent[0]).toMatchObject({ page: 'packagePoints/level/index', data: { thing1: { value: '升级为「学习新星」' } } });
  const left = async (memberId: string) =>
    (await readDoc<ReminderSubscriptionDoc>('campaignReminderSubscriptions', subscriptionId(memberId, template)))?.remaining;
  expect(await left(keen!._id)).toBe(0);
  expect(await left(quiet!._id)).toBe(1);
});
