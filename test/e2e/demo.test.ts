/**
 * End to end, as the app sees it, on an environment deployed from scratch: an empty local cloud into which
 * `npm run deploy -- --env local` created every collection, index, rule and function from the built bundles
 * (test/helpers/deployed-cloud.ts; test/e2e/deploy.test.ts checks the deployment itself). The demo company is
 * loaded by the same seed `npm start` uses, and calls go through the app gateway with the local identity header.
 */
import { seedDemoData, type DemoSeedResult } from '../../scripts/demo';
import { useDeploy } from '../helpers/deployed-cloud';
import type { TestCloud } from '../helpers/local-cloud';

const deployer = useDeploy();
let cloud: TestCloud;
let demo: DemoSeedResult;

beforeAll(async () => {
  cloud = await deployer.startDeployedCloud();
  demo = await seedDemoData(cloud.env, new Date('2026-11-27T02:00:00Z'));
  // As `npm start` does: the demo WeChat users' verified numbers match the roster (手机号验证).
  cloud.openapi.phoneNumbers.update(demo.wechatPhones);
  // The demo goes in through the domain code (about 30,000 database operations, most of them the check-in
  // history; bench/demo-seed.ts): a minute or more on a loaded 2-core machine.
}, 600_000);

afterAll(async () => {
  await cloud?.dispose();
});

async function call(name: string, data: object, openid?: string): Promise<{ ok: boolean; code?: string; data?: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (openid) headers['x-weike-openid'] = openid;
  const res = await fetch(`${cloud.url}/gateway/callFunction`, { method: 'POST', headers, body: JSON.stringify({ name, data }) });
  const body = (await res.json()) as { result?: { ok: boolean; code?: string; data?: unknown }; errMsg?: string };
  if (!body.result) throw new Error(`gateway failure: ${body.errMsg}`);
  return body.result;
}

test('the demo company has about 200 members and one identity per role', async () => {
  const roles = new Set(demo.identities.map((identity) => identity.role));
  expect([...roles].sort()).toEqual(['admin', 'judge', 'learner', 'reviewer', 'trainer']);
  const members = await call('admin', { action: 'listMembers', pageSize: 1, status: 'all' }, 'demo-admin');
  expect(members.ok).toBe(true);
  expect(members.data.total).toBeGreaterThanOrEqual(190);
  expect(members.data.total).toBeLessThanOrEqual(210);
});

test.each(['demo-admin', 'demo-trainer', 'demo-branch-trainer', 'demo-reviewer', 'demo-judge', 'demo-learner'])(
  '%s is a bound, active member whose roles match the demo list',
  async (openid) => {
    const me = await call('user', { action: 'me' }, openid);
    expect(me.ok).toBe(true);
    expect(me.data.bound).toBe(true);
    const expected = demo.identities.find((identity) => identity.openid === openid)!;
    expect(me.data.name).toBe(expected.name);
    if (expected.role !== 'learner') expect(me.data.roles.map((grant: { role: string }) => grant.role)).toContain(expected.role);
  },
);

test('a learner sees the published catalogue page by page through the gateway', async () => {
  const first = await call('course', { action: 'list', page: 1, pageSize: 5 }, 'demo-learner');
  expect(first.ok).toBe(true);
  expect(first.data.items).toHaveLength(5);
  // 33 demo courses; a learner who is neither a new hire nor a manager sees those meant for everyone.
  expect(first.data.total).toBeGreaterThanOrEqual(20);
  expect(first.data.total).toBeLessThan(33);
  expect(first.data.hasMore).toBe(true);
  // The demo's pictures came with the demo, not from members: no media check hides them (server/core/media-check.ts).
  expect(first.data.items.filter((item: { coverUrl: string | null }) => item.coverUrl !== null).length).toBeGreaterThan(0);
  const home = await call('course', { action: 'home' }, 'demo-learner');
  expect(home.ok).toBe(true);
  expect(home.data.required.length).toBeGreaterThanOrEqual(1);
  const campaigns = await call('campaign', { action: 'list' }, 'demo-learner');
  expect(campaigns.data.total).toBe(2);
  const contests = await call('contest', { action: 'list' }, 'demo-learner');
  expect(contests.data.total).toBe(3);
  // The contest taking sign-ups has a team waiting for demo-learner to confirm (组队邀请).
  const invitations = await call('contest', { action: 'invitations' }, 'demo-learner');
  expect(invitations.data.items).toEqual([expect.objectContaining({ status: 'pending', contestTitle: '2027 微课大赛 · 数字化转型' })]);
});

test('a WeChat user who has not bound gets no content, only NOT_MEMBER, and can bind to a roster entry', async () => {
  for (const name of ['course', 'campaign', 'contest']) {
    const denied = await call(name, { action: 'list' }, 'demo-visitor');
    expect(denied).toMatchObject({ ok: false, code: 'NOT_MEMBER' });
    expect(denied.data).toBeUndefined();
  }
  expect(await call('course', { action: 'list' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  expect(await call('admin', { action: 'listMembers' }, 'demo-learner')).toMatchObject({ ok: false, code: 'FORBIDDEN' });

  const page = await call('admin', { action: 'listMembers', keyword: demo.visitor.employeeNo, pageSize: 1 }, 'demo-admin');
  const target = page.data.items[0];
  expect(target.bound).toBe(false);
  // Employee number and name alone no longer bind: the phone-number button's token is the second factor.
  expect(await call('user', { action: 'bind', employeeNo: target.employeeNo, name: target.name }, 'demo-visitor')).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  const res = await fetch(`${cloud.url}/gateway/getPhoneNumber`, { method: 'POST', headers: { 'x-weike-openid': 'demo-visitor' } });
  const { code } = (await res.json()) as { code: string };
  const bound = await call('user', { action: 'bind', employeeNo: target.employeeNo, name: target.name, phoneCode: code }, 'demo-visitor');
  expect(bound).toMatchObject({ ok: true, data: { bound: true, memberId: target.memberId } });
  expect((await call('course', { action: 'list' }, 'demo-visitor')).ok).toBe(true);
});

test('a demo member already bound to a demo identity cannot be taken by another WeChat user', async () => {
  const learner = await call('user', { action: 'me' }, 'demo-learner');
  const phoneCode = cloud.openapi.phoneNumbers.mintFor('demo-learner');
  const taken = await call('user', { action: 'bind', employeeNo: learner.data.employeeNo, name: learner.data.name, phoneCode }, 'someone-else');
  expect(taken).toMatchObject({ ok: false, code: 'MEMBER_TAKEN' });
});

test('the demo learner has earned points and can browse the mall; the ledger history explains the balance', async () => {
  const balance = await call('points', { action: 'balance' }, 'demo-learner');
  expect(balance.ok).toBe(true);
  expect(balance.data.earnedTotal).toBeGreaterThan(0);
  const history = await call('points', { action: 'history', pageSize: 50 }, 'demo-learner');
  const sum = history.data.items.reduce((total: number, entry: { amount: number }) => total + entry.amount, 0);
  expect(history.data.hasMore).toBe(false);
  expect(sum).toBe(balance.data.balance);
  const items = await call('points', { action: 'listItems' }, 'demo-learner');
  expect(items.data.total).toBeGreaterThanOrEqual(10);
});

test('the demo discussions: the desk lists unanswered questions first, and answers are marked by the asker or the author', async () => {
  const queue = await call('course', { action: 'discussionQueue', pageSize: 20 }, 'demo-trainer');
  expect(queue.ok).toBe(true);
  expect(queue.data.total).toBe(4);
  expect(queue.data.items.map((item: { answered: boolean }) => item.answered)).toEqual([false, false, true, true]);
  const marked = queue.data.items.find((item: { text: string }) => item.text.startsWith('第三节'));
  const thread = await call('course', { action: 'discussionThread', questionId: marked.id }, 'demo-learner');
  expect(thread.data.answers.items[0]).toMatchObject({ accepted: true, badge: 'author' });
  expect(thread.data.answers.items.map((answer: { badge: string | null }) => answer.badge).sort()).toEqual(['admin', 'author']);
  const section = await call('course', { action: 'discussionList', courseId: marked.courseId, pageSize: 3 }, 'demo-learner');
  expect(section.data.total).toBe(2);
});

test("the running campaign's counters hold its check-in history, counted by the seed (the trainer's 数据看板)", async () => {
  const campaigns = await call('campaign', { action: 'list' }, 'demo-learner');
  const running = campaigns.data.items.find((item: { title: string }) => item.title === '21 天结构化表达打卡');
  const board = await call('campaign', { action: 'dashboard', campaignId: running.id }, 'demo-trainer');
  expect(board.ok).toBe(true);
  const byDay = board.data.days.reduce((sum: number, day: { checkedIn: number }) => sum + day.checkedIn, 0);
  expect(board.data.checkinsTotal).toBe(byDay);
  expect(board.data.checkinsTotal).toBeGreaterThan(1000);
  expect(board.data.madeUpTotal).toBeGreaterThan(0);
  expect(board.data.teams).toHaveLength(5);
});
