/**
 * The function host through its in-process API and through the real wx-server-sdk (callFunction).
 * CloudBase behaviour encoded here: getWXContext fields and the SOURCE chain
 * (https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.md),
 * the 3 s default timeout overridable by config.json `timeout`, one invocation at a time per instance.
 */
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { FunctionFailure } from '../../../emulator/functions';
import { sleep } from '../../helpers/wait';

const functionsDir = path.join(__dirname, '..', 'fixtures', 'functions');

interface WhoAmI {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  echo: number;
}

describe('function host', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir, maxInstancesPerFunction: 4 });
  });

  afterAll(async () => {
    await cloud.dispose();
  });

  it('gives each of many concurrent callers only their own WeChat context', async () => {
    const callers = Array.from({ length: 24 }, (_, i) => ({
      OPENID: `openid-${i}`,
      APPID: `wxapp${i % 3}`,
      UNIONID: i % 2 ? `union-${i}` : undefined,
      SOURCE: 'wx_client',
    }));
    const results = await Promise.all(callers.map((caller, i) => cloud.functions.invoke('whoami', { delayMs: (i * 7) % 40, echo: i }, caller)));
    results.forEach(({ result }, i) => {
      const { before, after, echo } = result as WhoAmI;
      expect(echo).toBe(i);
      for (const seen of [before, after]) {
        expect(seen.OPENID).toBe(`openid-${i}`);
        expect(seen.APPID).toBe(`wxapp${i % 3}`);
        expect(seen.UNIONID).toBe(i % 2 ? `union-${i}` : undefined);
        expect(seen.SOURCE).toBe('wx_client');
        expect(seen.ENV).toBe('local');
        expect(seen).not.toHaveProperty('API_TOKEN');
      }
    });
  });

  it('clears the context after an invocation: an anonymous call on a warm instance sees no user', async () => {
    await cloud.functions.invoke('whoami', {}, { OPENID: 'someone', APPID: 'wxapp' });
    const before = cloud.functions.stats('whoami').warmStarts;
    const { result, coldStart } = await cloud.functions.invoke('whoami', {}, {});
    expect(coldStart).toBe(false);
    expect(cloud.functions.stats('whoami').warmStarts).toBe(before + 1);
    expect((result as WhoAmI).after.OPENID).toBeUndefined();
  });

  it('runs one invocation at a time per instance and grows the pool up to the limit, queueing the rest', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => cloud.functions.invoke('busy', { ms: 80 })));
    const answers = results.map((r) => r.result as { instanceId: string; peak: number });
    expect(answers.every((a) => a.peak === 1)).toBe(true);
    const instances = new Set(answers.map((a) => a.instanceId));
    expect(instances.size).toBe(4);
    const stats = cloud.functions.stats('busy');
    expect(stats.peakInstances).toBe(4);
    expect(stats.peakBusy).toBe(4);
    expect(stats.coldStarts).toBe(4);
    expect(stats.warmStarts).toBe(8);
    expect(stats.queued).toBe(0);
  });

  it('reports cold then warm starts for sequential calls', async () => {
    const first = await cloud.functions.invoke('boom', { kind: 'none' }).catch((e: FunctionFailure) => e);
    expect(first).toBeInstanceOf(FunctionFailure);
    const { result: a, coldStart: coldA } = await cloud.functions.invoke('slow', { ms: 1 });
    const { coldStart: coldB } = await cloud.functions.invoke('slow', { ms: 1 });
    expect(a).toEqual({ slept: 1 });
    expect([coldA, coldB]).toEqual([true, false]);
  });

  it('enforces the timeout from config.json and replaces the killed instance', async () => {
    const failure = await cloud.functions.invoke('slow', { ms: 5000 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FunctionFailure);
    expect((failure as FunctionFailure).kind).toBe('timeout');
    expect((failure as FunctionFailure).message).toBe('Invoking task timed out after 1 seconds');
    expect(cloud.functions.stats('slow').timeouts).toBe(1);
    const again = await cloud.functions.invoke('slow', { ms: 1 });
    expect(again.result).toEqual({ slept: 1 });
  });

  it('turns a throw or a rejection into an execution failure', async () => {
    const thrown = (await cloud.functions.invoke('boom', {}).catch((e: unknown) => e)) as FunctionFailure;
    expect(thrown.kind).toBe('execution');
    expect(thrown.message).toBe('Error: boom on purpose');
    const rejected = (await cloud.functions.invoke('boom', { kind: 'reject' }).catch((e: unknown) => e)) as FunctionFailure;
    expect(rejected.message).toBe('TypeError: rejected on purpose');
  });

  it('fails the invocation whose instance dies of an uncaught error, and cold-starts the next', async () => {
    const failure = (await cloud.functions.invoke('crasher', {}).catch((e: unknown) => e)) as FunctionFailure;
    expect(failure.kind).toBe('execution');
    expect(failure.message).toContain('uncaught in a timer');
    await cloud.functions.invoke('crasher', {}).catch(() => undefined);
    expect(cloud.functions.stats('crasher').coldStarts).toBe(2);
  });

  it('answers not found for unknown or path-like names', async () => {
    for (const name of ['nope', '../fixtures', '', 'a/b']) {
      const failure = (await cloud.functions.invoke(name, {}).catch((e: unknown) => e)) as FunctionFailure;
      expect(failure.kind).toBe('notFound');
    }
  });

  it('lets a function call another with cloud.callFunction; the callee sees the caller and the SOURCE chain', async () => {
    const { result } = await cloud.functions.invoke('caller', { target: 'whoami', data: { echo: 7 } }, { OPENID: 'u1', APPID: 'wxa', SOURCE: 'wx_client' });
    const { mine, callee } = result as { mine: Record<string, unknown>; callee: WhoAmI };
    expect(mine.OPENID).toBe('u1');
    expect(callee.echo).toBe(7);
    expect(callee.after.OPENID).toBe('u1');
    expect(callee.after.APPID).toBe('wxa');
    expect(callee.after.SOURCE).toBe('wx_client,scf');
  });

  it('fails a nested call to a missing or throwing function the way the SDK reports coded errors', async () => {
    // wx-server-sdk 4.0.2 lets node-sdk throw on any coded answer, so the caller sees errCode -1 and
    // `callFunction:fail <message>`; the protocol code itself is asserted in test/emulator/gateway/robustness.test.ts.
    const missing = (await cloud.functions.invoke('caller', { target: 'nope' })).result as { error: { errCode: number; errMsg: string } };
    expect(missing.error).toEqual({ errCode: -1, errMsg: 'callFunction:fail FunctionName parameter could not be found.' });
    const thrown = (await cloud.functions.invoke('caller', { target: 'boom' })).result as { error: { errCode: number; errMsg: string } };
    expect(thrown.error).toEqual({ errCode: -1, errMsg: 'callFunction:fail Error: boom on purpose' });
  });

  it('serves callFunction to a plain Node script using the SDK, with no user identity', async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const sdk = require('wx-server-sdk') as { init(o: object): void; callFunction(o: object): Promise<{ result: WhoAmI }> };
    sdk.init({ env: 'local' });
    const { result } = await sdk.callFunction({ name: 'whoami', data: { echo: 3 } });
    expect(result.echo).toBe(3);
    expect(result.after.OPENID).toBeUndefined();
  });
});

describe('idle reaping', () => {
  it('stops idle instances, so the next call is a cold start', async () => {
    const cloud = await startTestCloud({ functionsDir, idleTimeoutMs: 50 });
    try {
      await cloud.functions.invoke('slow', { ms: 1 });
      await sleep(300);
      expect(cloud.functions.stats('slow')).toMatchObject({ instances: 0, reaped: 1 });
      const { coldStart } = await cloud.functions.invoke('slow', { ms: 1 });
      expect(coldStart).toBe(true);
    } finally {
      await cloud.dispose();
    }
  });
});
