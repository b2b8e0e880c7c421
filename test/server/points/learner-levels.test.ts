/**
 * 学员等级 against the local cloud: an award that crosses a threshold records the level in the account
 * write it already makes (the award's 4 operations stay 4), an adjustment does the same, spending never
 * lowers it; saving a ladder (company-wide admins, audited, bad ladders refused with nothing written)
 * raises every account the new thresholds reach and keeps every level reached; 我的等级 and the points
 * leaderboard show it; other areas read names through learnerLevelsOf; awards racing a ladder save pay once
 * each and leave the level the highest either gives.
 */
import { awardPointsForEvent } from '../../../server/points/events';
import { learnerLevelsOf } from '../../../server/points';
import type { PointsAccountDoc } from '../../../typings/docs/points';
import { callAction } from '../../helpers/invoke';
import { actionOf, runConcurrently } from '../../helpers/concurrency';
import { pointsFunction } from '../../../server/points/actions';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, readDoc, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { pointsState } from './helpers';

jest.setTimeout(60_000);

const cloud = useTestCloud();
const ADMIN = { openid: 'o-ll-admin' };
const BRANCH = { openid: 'o-ll-branch' };
const LEARNER = { openid: 'o-ll-learner' };
const DAY1 = new Date('2026-04-01T02:00:00Z');
const DAY2 = new Date('2026-04-02T02:00:00Z');
const DAY3 = new Date('2026-04-03T02:00:00Z');

beforeAll(async () => {
  freezeClock(DAY1);
  await seedMember(ADMIN.openid, 'm:ll-admin', { name: '总部管理员', roles: [grant('admin')] });
  await seedMember(BRANCH.openid, 'm:ll-branch', {
    name: '分公司管理员',
    roles: [grant('admin', 'dept:华东分公司')],
    departmentId: 'dept:华东分公司',
    departmentPath: ['华东分公司'],
  });
  await seedMember(LEARNER.openid, 'm:ll-learner', { name: '小林' });
  await seedMember('o-ll-other', 'm:ll-other', { name: '小周' });
});

afterAll(() => jest.useRealTimers());

const account = (id: string) => readDoc<PointsAccountDoc>('pointsAccounts', id);
const award = (memberId: string, sourceId: string, amount: number, at: Date) =>
  awardPointsForEvent(testDb(), { type: 'checkin', memberId, sourceId, occurredAt: at, amount });
const save = (levels: { name: string; minEarned: number }[], who = ADMIN) => callAction('points', 'setLearnerLevels', { levels }, who);

it('an award crossing a threshold records the level in its own write and notifies it: 5 operations', async () => {
  expect(
    dataOf(
      await save([
        { name: '新星', minEarned: 40 },
        { name: '能手', minEarned: 100 },
      ]),
    ),
  ).toMatchObject({ levels: [{ name: '新星' }, { name: '能手' }] });
  await award('m:ll-learner', 'c:1', 30, DAY1);
  expect((await account('m:ll-learner'))?.levelRank).toBeUndefined();
  cloud.actions.reset();
  await award('m:ll-learner', 'c:2', 30, DAY1);
  // Rules, account, entry, account; reaching the rung adds its 升级提醒 (one insert, server/points/level-notice.ts).
  expect(cloud.actions.databaseOperations()).toBe(5);
  expect(await account('m:ll-learner')).toMatchObject({
    earnedTotal: 60,
    levelRank: 1,
    levelName: '新星',
    levelReachedAt: DAY1,
    levelHistory: [{ rank: 1, name: '新星', at: DAY1, reason: '累计获得 60 积分' }],
  });
});

it('an adjustment crossing a threshold records it too; spending never lowers it', async () => {
  setClock(DAY2);
  expect(codeOf(await callAction('points', 'adjust', { memberId: 'm:ll-learner', amount: 50, reason: '优秀学员', requestId: 'll-adjust-1' }, ADMIN))).toBe(
    'OK',
  );
  expect(await account('m:ll-learner')).toMatchObject({ earnedTotal: 110, levelRank: 2, levelName: '能手' });
  expect(codeOf(await callAction('points', 'adjust', { memberId: 'm:ll-learner', amount: -100, reason: '扣回', requestId: 'll-adjust-2' }, ADMIN))).toBe('OK');
  expect(await account('m:ll-learner')).toMatchObject({ balance: 10, earnedTotal: 110, levelRank: 2 });
  const mine = dataOf(await callAction('points', 'myLevel', {}, LEARNER));
  expect(mine).toEqual({
    rank: 2,
    name: '能手',
    reachedAt: DAY2.toISOString(),
    earnedTotal: 110,
    next: null,
    history: [
      { rank: 1, name: '新星', at: DAY1.toISOString(), reason: '累计获得 60 积分' },
      { rank: 2, name: '能手', at: DAY2.toISOString(), reason: '累计获得 110 积分' },
    ],
  });
});

it('a new ladder raises whom it reaches and takes no level away; audited', async () => {
  setClock(DAY3);
  await award('m:ll-other', 'c:3', 45, DAY3);
  expect(await account('m:ll-other')).toMatchObject({ levelRank: 1, levelName: '新星' });
  // Higher thresholds and a rung below: 小林 (110) keeps 能手 (rank 2) though 110 now gives rank 1;
  // 小周 (45) reaches the new first rung, already held as rank 1.
  const saved = dataOf(
    await save([
      { name: '入门', minEarned: 20 },
      { name: '进阶', minEarned: 500 },
      { name: '高手', minEarned: 1000 },
    ]),
  );
  expect(saved.updatedAt).toBe(DAY3.toISOString());
  expect(await account('m:ll-learner')).toMatchObject({ levelRank: 2, levelName: '能手' });
  expect(dataOf(await callAction('points', 'myLevel', {}, LEARNER))).toMatchObject({ rank: 2, name: '能手', next: { name: '高手', minEarned: 1000 } });
  // Lower thresholds apply at once, recorded with the day and the threshold met.
  await save([
    { name: '入门', minEarned: 20 },
    { name: '进阶', minEarned: 40 },
    { name: '高手', minEarned: 100 },
  ]);
  expect(await account('m:ll-learner')).toMatchObject({ levelRank: 3, levelName: '高手', levelReachedAt: DAY3 });
  expect((await account('m:ll-learner'))?.levelHistory?.at(-1)).toEqual({ rank: 3, name: '高手', at: DAY3, reason: '累计获得积分达到 100' });
  expect(await account('m:ll-other')).toMatchObject({ levelRank: 2, levelName: '进阶' });
  const audit = cloud.database.listDocuments('adminAudit').filter((doc) => doc.action === 'learner_levels');
  expect(audit).toHaveLength(3);
  expect(audit.at(-1)).toMatchObject({
    actorId: 'm:ll-admin',
    targetKind: 'settings',
    before: { ladder: '入门 20 / 进阶 500 / 高手 1000' },
    after: { ladder: '入门 20 / 进阶 40 / 高手 100' },
  });
  expect(dataOf(await callAction('points', 'getLearnerLevels', {}, ADMIN))).toEqual({
    levels: [
      { name: '入门', minEarned: 20 },
      { name: '进阶', minEarned: 40 },
      { name: '高手', minEarned: 100 },
    ],
    updatedAt: DAY3.toISOString(),
  });
});

it('saving the earning rules keeps the ladder', async () => {
  const rules = dataOf(await callAction('points', 'getRules', {}, ADMIN));
  const { updatedAt: _updated, warnings: _warnings, ...input } = rules;
  expect(codeOf(await callAction('points', 'setRules', input, ADMIN))).toBe('OK');
  expect(dataOf(await callAction('points', 'getLearnerLevels', {}, ADMIN)).levels.map((level) => level.name)).toEqual(['入门', '进阶', '高手']);
});

it('shows levels on the points leaderboard and to other areas', async () => {
  const board = dataOf(await callAction('points', 'leaderboard', { scope: 'company' }, LEARNER));
  expect(board.items.map((row) => [row.name, row.level])).toEqual(
    expect.arrayContaining([
      ['小林', '高手'],
      ['小周', '进阶'],
    ]),
  );
  const names = await learnerLevelsOf(testDb(), ['m:ll-learner', 'm:ll-other', 'm:ll-admin']);
  expect(Object.fromEntries(names)).toEqual({ 'm:ll-learner': '高手', 'm:ll-other': '进阶', 'm:ll-admin': null });
});

it('refuses a scoped admin and bad ladders, writing nothing', async () => {
  const before = await pointsState();
  const rulesBefore = cloud.database.listDocuments('pointsRules');
  expect(await save([{ name: '越权', minEarned: 1 }], BRANCH)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(
    await save([
      { name: 'A', minEarned: 50 },
      { name: 'B', minEarned: 50 },
    ]),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '「B」的积分门槛须高于「A」' });
  expect(
    await save([
      { name: 'A', minEarned: 5 },
      { name: 'A', minEarned: 50 },
    ]),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '等级名称不能重复' });
  expect(codeOf(await save([{ name: 'A', minEarned: 0 }]))).toBe('INVALID_INPUT');
  expect(codeOf(await save([]))).toBe('INVALID_INPUT');
  expect(await pointsState()).toEqual(before);
  expect(cloud.database.listDocuments('pointsRules')).toEqual(rulesBefore);
});

it('awards racing a ladder save: every award paid once, and the level the highest either gives', async () => {
  const racer = await seedMember('o-ll-racer', 'm:ll-racer', { name: '小赛' });
  setClock(new Date('2026-04-05T02:00:00Z'));
  // 20 awards of 5 (100 in total) while an admin lowers the thresholds: 50 → 进阶, 90 → 高手.
  await Promise.all([
    ...Array.from({ length: 20 }, (_, n) => award(racer._id, `race:${n}`, 5, new Date('2026-04-05T02:00:00Z'))),
    save([
      { name: '入门', minEarned: 20 },
      { name: '进阶', minEarned: 50 },
      { name: '高手', minEarned: 90 },
    ]),
  ]);
  const after = await account(racer._id);
  expect(after).toMatchObject({ earnedTotal: 100, balance: 100, levelRank: 3, levelName: '高手' });
  const ranks = (after?.levelHistory ?? []).map((change) => change.rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(new Set(ranks).size).toBe(ranks.length);
});

it('earning rules saved while a ladder is saved never drop the ladder (both write the rules document in a transaction)', async () => {
  const { levels } = dataOf(await callAction('points', 'getLearnerLevels', {}, ADMIN));
  const top = Math.max(...levels.map((level) => level.minEarned));
  const ladder = [...levels.map(({ name, minEarned }) => ({ name, minEarned })), { name: '宗师', minEarned: top + 100_000 }];
  const { updatedAt: _updated, warnings: _warnings, ...rules } = dataOf(await callAction('points', 'getRules', {}, ADMIN));
  const concurrently = (name: 'setRules' | 'setLearnerLevels', input: unknown) => runConcurrently(actionOf(pointsFunction, name), input, ADMIN.openid);
  // Two admins keep saving the earning rules for as long as the ladder save runs, so some save reads the
  // rules document before the ladder is written and writes it after.
  let saving = true;
  const answers: string[] = [];
  const keepSaving = async () => {
    while (saving) answers.push(await concurrently('setRules', rules));
  };
  const ladderSave = concurrently('setLearnerLevels', { levels: ladder }).finally(() => {
    saving = false;
  });
  const [ladderAnswer] = await Promise.all([ladderSave, keepSaving(), keepSaving()]);
  expect(ladderAnswer).toBe('OK');
  expect(answers).toEqual(answers.map(() => 'OK'));
  expect(dataOf(await callAction('points', 'getLearnerLevels', {}, ADMIN)).levels.map((level) => level.name)).toEqual(ladder.map((level) => level.name));
});
