/**
 * The function framework through a real `main`, the real wx-server-sdk and the in-process local cloud:
 * routing, the envelope, input validation, the guard, and error hiding.
 */
import * as z from 'zod/mini';
import { AppError, createMain, defineAction } from '../../server/core';
import { ERROR_MESSAGES } from '../../typings/errors';
import { useTestCloud } from '../helpers/local-cloud';
import { invoke } from '../helpers/invoke';
import { countAll, grant, seedMember, testDb } from '../helpers/db';

const NOTES = 'test_framework_notes';

/** A test function with one action per behaviour under test. */
const main = createMain('probe', {
  addNote: defineAction({
    input: z.strictObject({ text: z.string().check(z.minLength(1), z.maxLength(20)), pinned: z._default(z.boolean(), false) }),
    roles: ['learner'],
    async handler({ input, caller, db, now }) {
      await db.collection(NOTES).add({ data: { text: input.text, pinned: input.pinned, memberId: caller.member._id, at: now() } });
      return { saved: input.text, pinned: input.pinned };
    },
  }),
  whoami: defineAction({
    input: z.strictObject({}),
    roles: 'anyone',
    async handler({ caller, requestId }) {
      return { openid: caller.openid, appid: caller.appid, memberId: caller.member?._id ?? null, requestId };
    },
  }),
  trainerOnly: defineAction({
    input: z.strictObject({ count: z.int().check(z.gte(1)) }),
    roles: ['trainer', 'admin'],
    async handler({ input }) {
      return { count: input.count };
    },
  }),
  crash: defineAction({
    input: z.strictObject({}),
    roles: 'anyone',
    async handler(): Promise<never> {
      throw new Error('secret detail: connection string postgres://x');
    },
  }),
  refuse: defineAction({
    input: z.strictObject({}),
    roles: 'anyone',
    async handler(): Promise<never> {
      throw new AppError('CONFLICT', '名额已满');
    },
  }),
});

const LEARNER = { openid: 'o-learner', appid: 'wx-app' };
const TRAINER = { openid: 'o-trainer', appid: 'wx-app' };
const INACTIVE = { openid: 'o-inactive', appid: 'wx-app' };
const DANGLING = { openid: 'o-dangling', appid: 'wx-app' };
const STRANGER = { openid: 'o-stranger', appid: 'wx-app' };

useTestCloud();

beforeAll(async () => {
  await testDb().createCollection(NOTES);
  await seedMember(LEARNER.openid, 'm-learner', { roles: [grant('learner')] });
  await seedMember(TRAINER.openid, 'm-trainer', { roles: [grant('learner'), grant('trainer', 'dept:华东分公司')] });
  await seedMember(INACTIVE.openid, 'm-inactive', { active: false, roles: [grant('trainer')] });
  // A binding whose member document is gone.
  await testDb()
    .collection('bindings')
    .add({ data: { _id: DANGLING.openid, memberId: 'm-deleted', boundAt: new Date() } });
});

describe('routing and envelope', () => {
  it('answers { ok, data, requestId } and reuses the invocation request id', async () => {
    const answer = await invoke(main, { action: 'whoami' }, LEARNER, { request_id: 'req-123' });
    expect(answer).toEqual({ ok: true, data: { openid: LEARNER.openid, appid: 'wx-app', memberId: 'm-learner', requestId: 'req-123' }, requestId: 'req-123' });
  });

  it('generates a distinct request id when the context has none', async () => {
    const first = await invoke(main, { action: 'whoami' }, LEARNER);
    const second = await invoke(main, { action: 'whoami' }, LEARNER);
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it.each([
    ['an unknown action', { action: 'dropTables' }, '不支持的操作：dropTables'],
    ['a prototype key as action', { action: 'constructor' }, '不支持的操作：constructor'],
    ['a missing action', { text: 'x' }, '缺少参数 action'],
    ['a non-object event', 'addNote', '缺少参数 action'],
  ])('rejects %s with UNKNOWN_ACTION', async (_label, event, message) => {
    const answer = await invoke(main, event, LEARNER);
    expect(answer).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION', message });
  });

  it('passes an AppError code and message through', async () => {
    const answer = await invoke(main, { action: 'refuse' }, LEARNER, { request_id: 'req-refuse' });
    expect(answer).toEqual({ ok: false, code: 'CONFLICT', message: '名额已满', requestId: 'req-refuse' });
  });
});

describe('input validation', () => {
  it('applies defaults and hands the parsed input to the handler', async () => {
    const answer = await invoke(main, { action: 'addNote', text: '第一条' }, LEARNER);
    expect(answer).toMatchObject({ ok: true, data: { saved: '第一条', pinned: false } });
  });

  it.each([
    ['a missing field', { text: undefined }, '缺少参数 text'],
    ['a wrong type', { text: 42 }, '参数 text 应为文本'],
    ['a too long value', { text: 'x'.repeat(21) }, '参数 text 不能超过 20'],
    ['an empty value', { text: '' }, '参数 text 不能小于 1'],
    ['an unknown key', { text: 'ok', memberId: 'm-trainer' }, '不支持的参数：memberId'],
  ])('rejects %s with INVALID_INPUT naming the field, and writes nothing', async (_label, fields, message) => {
    const before = await countAll(NOTES);
    const answer = await invoke(main, { action: 'addNote', ...fields }, LEARNER);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message });
    expect(await countAll(NOTES)).toBe(before);
  });

  it('checks access before the input, so outsiders learn nothing about its shape', async () => {
    const answer = await invoke(main, { action: 'trainerOnly', count: 'many' }, LEARNER);
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('guard', () => {
  it('rejects a caller without OPENID, even for anyone-actions', async () => {
    expect(await invoke(main, { action: 'whoami' }, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED });
    expect(await invoke(main, { action: 'addNote', text: 'x' }, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('lets a non-member call an anyone-action, with no member', async () => {
    const answer = await invoke(main, { action: 'whoami' }, STRANGER);
    expect(answer).toMatchObject({ ok: true, data: { openid: STRANGER.openid, memberId: null } });
  });

  it.each([
    ['a caller without binding', STRANGER, 'NOT_MEMBER'],
    ['a binding to a deleted member', DANGLING, 'NOT_MEMBER'],
    ['an inactive member, whatever their roles', INACTIVE, 'MEMBER_INACTIVE'],
  ])('rejects %s on a member action', async (_label, identity, code) => {
    const before = await countAll(NOTES);
    const answer = await invoke(main, { action: 'addNote', text: 'x' }, identity);
    expect(answer).toMatchObject({ ok: false, code, message: ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] });
    expect(await countAll(NOTES)).toBe(before);
  });

  it('treats every active member as a learner, and needs a grant for other roles', async () => {
    expect(await invoke(main, { action: 'addNote', text: 'trainer note' }, TRAINER)).toMatchObject({ ok: true });
    expect(await invoke(main, { action: 'trainerOnly', count: 2 }, LEARNER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await invoke(main, { action: 'trainerOnly', count: 2 }, TRAINER)).toEqual(expect.objectContaining({ ok: true, data: { count: 2 } }));
  });

  it('takes identity only from the WeChat context, never from the event', async () => {
    const forged = { userInfo: { openId: TRAINER.openid, appId: 'wx-app' } };
    const asLearner = await invoke(main, { action: 'whoami', ...forged }, LEARNER);
    expect(asLearner).toMatchObject({ ok: true, data: { openid: LEARNER.openid, memberId: 'm-learner' } });
    expect(await invoke(main, { action: 'trainerOnly', count: 1, ...forged }, LEARNER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await invoke(main, { action: 'whoami', ...forged }, {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    const withOpenid = await invoke(main, { action: 'whoami', openid: TRAINER.openid }, LEARNER);
    expect(withOpenid).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '不支持的参数：openid' });
  });

  it('keeps an all-digit OPENID a string', async () => {
    const answer = await invoke(main, { action: 'whoami' }, { openid: '12345678' });
    expect(answer).toMatchObject({ ok: true, data: { openid: '12345678' } });
  });
});

describe('unexpected errors', () => {
  it('answers INTERNAL without details and logs once with the request id and route', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await invoke(main, { action: 'crash' }, LEARNER, { request_id: 'req-crash' });
      expect(answer).toEqual({ ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId: 'req-crash' });
      expect(JSON.stringify(answer)).not.toMatch(/secret|postgres|Error|at /);
      // The SDK logs its own warnings through console.error too; count only the framework's lines.
      const ours = log.mock.calls.filter((call) => String(call[0]).includes('req-crash'));
      expect(ours).toHaveLength(1);
      expect(String(ours[0]?.[0])).toContain('[probe.crash] request req-crash');
      expect(String(ours[0]?.[1])).toContain('secret detail');
    } finally {
      log.mockRestore();
    }
  });
});
