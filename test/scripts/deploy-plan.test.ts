/** The deploy's plan (scripts/deploy/plan.ts): declared state against described state, no I/O. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  canonicalJson,
  CODE_HASH_VARIABLE,
  computePlan,
  describeStep,
  type EnvironmentState,
  type FunctionState,
  type HostingState,
} from '../../scripts/deploy/plan';
import { deployParameters, MissingParametersError, readDeclaredState } from '../../scripts/deploy/declared';
import { checkMiniprogramEnvId, readMiniprogramEnvId } from '../../scripts/deploy/miniprogram-env';
import { parseDeployArgs } from '../../scripts/deploy';
import { parseConsoleConfig, withConsoleConfig } from '../../typings/console-config';

const fn = (overrides: Partial<FunctionState> = {}): FunctionState => ({
  name: 'user',
  runtime: 'Nodejs20.19',
  timeout: 5,
  memorySize: 256,
  envVariables: { [CODE_HASH_VARIABLE]: 'h1' },
  triggers: [],
  codeSha256: 'h1',
  ...overrides,
});

const declared = (): EnvironmentState => ({
  collections: [
    { name: 'members', indexes: [{ name: 'no_1', keys: [['no', 1]], unique: true }] },
    { name: 'courses', indexes: [] },
  ],
  collectionRules: { members: canonicalJson({ read: false, write: false }), courses: canonicalJson({ read: false, write: false }) },
  storageRule: canonicalJson({ read: 'auth != null', write: false }),
  functions: [fn(), fn({ name: 'reportRollup', timeout: 60, triggers: [{ name: 'tick', type: 'timer', config: '0 */15 * * * * *' }] })],
});

const empty: EnvironmentState = { collections: [], collectionRules: {}, storageRule: undefined, functions: [] };

describe('computePlan', () => {
  it('creates everything in an empty environment, unique indexes included', () => {
    const plan = computePlan(declared(), empty);
    expect(plan.steps.map(describeStep)).toEqual([
      'create collection members',
      'create index members.no_1 (no:1, unique)',
      'create collection courses',
      'set security rule of members',
      'set security rule of courses',
      'set storage security rule',
      'create function user (Nodejs20.19, 5s, 256MB)',
      'create function reportRollup (Nodejs20.19, 60s, 256MB, triggers tick)',
    ]);
    expect(plan.undeclared).toEqual([]);
  });

  it('plans nothing when the environment is as declared', () => {
    const state = declared();
    const plan = computePlan(declared(), state);
    expect(plan.steps).toEqual([]);
    expect(plan.unchanged).toContain('function reportRollup');
    expect(plan.unchanged).toContain('trigger reportRollup.tick');
    expect(plan.unchanged).toContain('index members.no_1');
  });

  it('compares rules whatever order the keys come back in', () => {
    const state = declared();
    state.storageRule = JSON.stringify({ write: false, read: 'auth != null' });
    expect(computePlan(declared(), state).steps.map(describeStep)).toEqual(['set storage security rule']);
    expect(canonicalJson({ write: false, read: 'x' })).toBe(canonicalJson({ read: 'x', write: false }));
  });

  it('changes what differs: an index is dropped and recreated, code then configuration, a trigger replaced', () => {
    const state = declared();
    state.collections[0]!.indexes[0]!.unique = false;
    state.functions[0] = fn({ timeout: 3, envVariables: { [CODE_HASH_VARIABLE]: 'old' } });
    state.functions[1]!.triggers[0]!.config = '0 0 * * * * *';
    expect(computePlan(declared(), state).steps.map(describeStep)).toEqual([
      'drop index members.no_1',
      'create index members.no_1 (no:1, unique)',
      'upload code of user',
      'update configuration of user (timeout 3s -> 5s, code hash)',
      'delete trigger reportRollup.tick',
      'create trigger reportRollup.tick (0 */15 * * * * *)',
    ]);
  });

  it('replaces a function whose runtime differs (CloudBase fixes the runtime at creation)', () => {
    const state = declared();
    state.functions[0] = fn({ runtime: 'Nodejs16.13' });
    expect(computePlan(declared(), state).steps.map(describeStep)).toEqual(['delete function user', 'create function user (Nodejs20.19, 5s, 256MB)']);
  });

  it('lists what the environment has beyond the declarations and deletes it only with prune', () => {
    const state = declared();
    state.collections.push({ name: 'old', indexes: [] });
    state.collections[1]!.indexes.push({ name: 'x_1', keys: [['x', 1]], unique: false });
    state.functions.push(fn({ name: 'legacy' }));
    state.functions[1]!.triggers.push({ name: 'extra', type: 'timer', config: '0 0 * * * * *' });
    const kept = computePlan(declared(), state);
    expect(kept.steps).toEqual([]);
    expect(kept.undeclared.sort()).toEqual(['collection old', 'function legacy', 'index courses.x_1', 'trigger reportRollup.extra']);
    const pruned = computePlan(declared(), state, { prune: true });
    expect(pruned.steps.map(describeStep).sort()).toEqual([
      'delete collection old (and every document in it)',
      'delete function legacy',
      'delete trigger reportRollup.extra',
      'drop index courses.x_1',
    ]);
  });
});

describe('computePlan: static website hosting', () => {
  const site = (status: string, files: Array<[string, string]>, errorDocument?: string): HostingState => ({
    status,
    files: files.map(([key, md5]) => ({ key, md5 })),
    prefix: 'console/',
    ...(errorDocument ? { errorDocument } : {}),
  });
  const want = site(
    'online',
    [
      ['console/index.html', 'i2'],
      ['console/assets/a.js', 'a1'],
    ],
    'console/index.html',
  );
  const plan = (have: HostingState | undefined, prune = false) =>
    computePlan({ ...empty, hosting: want }, { ...empty, ...(have ? { hosting: have } : {}) }, { prune }).steps.map(describeStep);

  it('enables hosting that was never enabled, then uploads every file and sets the error document', () => {
    expect(plan(site('absent', []))).toEqual([
      'enable static website hosting',
      'upload hosting file console/index.html (new)',
      'upload hosting file console/assets/a.js (new)',
      'set the hosting error document to console/index.html',
    ]);
  });

  it('uploads only what differs by MD5, and removes files the build lacks only with prune, inside the prefix only', () => {
    const have = site(
      'online',
      [
        ['console/index.html', 'i1'],
        ['console/assets/a.js', 'a1'],
        ['console/assets/old.js', 'o1'],
        ['MP_verify.txt', 'v1'],
      ],
      'console/index.html',
    );
    expect(plan(have)).toEqual(['upload hosting file console/index.html (changed)']);
    expect(computePlan({ ...empty, hosting: want }, { ...empty, hosting: have }).undeclared).toEqual(['hosting console/assets/old.js']);
    expect(plan(have, true)).toEqual(['upload hosting file console/index.html (changed)', 'delete hosting file console/assets/old.js']);
  });

  it('plans nothing when every file and the error document are as built', () => {
    expect(plan(want)).toEqual([]);
  });

  it('leaves hosting alone when the declarations have none', () => {
    expect(computePlan(empty, { ...empty, hosting: site('absent', []) }).steps).toEqual([]);
  });
});

describe('the repository declarations', () => {
  it('every collection has a rule, every function a code hash, and the template ids are deploy parameters', () => {
    const state = readDeclaredState({ parameters: {}, useLocalValues: true });
    expect(state.collections.length).toBeGreaterThan(50);
    expect(Object.values(state.collectionRules).every((rule) => rule !== undefined)).toBe(true);
    expect(state.functions.every((f) => /^[0-9a-f]{64}$/.test(f.envVariables[CODE_HASH_VARIABLE] ?? ''))).toBe(true);
    expect(deployParameters()).toContain('CAMPAIGN_REMINDER_TEMPLATE_ID');
    // The console's custom-login key: a secret only the deploy supplies; the local cloud gives its own.
    expect(deployParameters()).toContain('WEIKE_CUSTOM_LOGIN_KEY');
    expect(state.functions.find((f) => f.name === 'webConsole')?.envVariables).not.toHaveProperty('WEIKE_CUSTOM_LOGIN_KEY');
    const deployed = readDeclaredState({ parameters: Object.fromEntries(deployParameters().map((key) => [key, `value of ${key}`])) });
    expect(deployed.functions.find((f) => f.name === 'webConsole')?.envVariables).toMatchObject({ WEIKE_CUSTOM_LOGIN_KEY: 'value of WEIKE_CUSTOM_LOGIN_KEY' });
  });

  it('a deploy to a real environment without the parameters fails naming each, before anything is touched', () => {
    let error: unknown;
    try {
      readDeclaredState({ parameters: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MissingParametersError);
    expect((error as Error).message).toContain('CAMPAIGN_REMINDER_TEMPLATE_ID');
    expect((error as Error).message).toContain('订阅消息模板');
  });
});

describe('command line', () => {
  it('needs --env and knows its options', () => {
    expect(() => parseDeployArgs([])).toThrow(/--env/);
    expect(() => parseDeployArgs(['--env', 'x', '--force'])).toThrow(/unknown option/);
    expect(parseDeployArgs(['--env=prod-1a2b', '--dry-run', '--prune'])).toEqual({ envId: 'prod-1a2b', dryRun: true, prune: true, skipBuild: false });
  });

  it('writes the deployed env id into the mini-program config, its one place', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weike-config-')), 'config.ts');
    fs.writeFileSync(file, "export const config = {\n  mode: 'local',\n  envId: '',\n  gatewayUrl: 'x',\n};\n");
    expect(checkMiniprogramEnvId('prod-1a2b', { write: false, file })).toMatch(/would change/);
    expect(readMiniprogramEnvId(file)).toBe('');
    expect(checkMiniprogramEnvId('prod-1a2b', { write: true, file })).toMatch(/set to 'prod-1a2b'/);
    expect(readMiniprogramEnvId(file)).toBe('prod-1a2b');
    expect(checkMiniprogramEnvId('prod-1a2b', { write: true, file })).toBeUndefined();
    expect(readMiniprogramEnvId()).toBe('');
  });
});

describe('the console runtime configuration', () => {
  const html = '<head><script id="weike-config" type="application/json">{"mode":"local","envId":"local"}</script></head>';

  it('is written into index.html and read back, with no way to close the script element', () => {
    const written = withConsoleConfig(html, { mode: 'cloud', envId: 'prod-1a2b', region: 'ap-guangzhou' });
    const text = /<script id="weike-config" type="application\/json">([^<]*)<\/script>/.exec(written)?.[1];
    expect(parseConsoleConfig(text)).toEqual({ mode: 'cloud', envId: 'prod-1a2b', region: 'ap-guangzhou' });
    expect(withConsoleConfig(html, { mode: 'local', envId: '</script><script>alert(1)' })).not.toContain('</script><script>');
  });

  it('falls back to the local cloud when missing or unreadable, and a build without the element fails the deploy', () => {
    expect(parseConsoleConfig(null)).toEqual({ mode: 'local', envId: 'local' });
    expect(parseConsoleConfig('{"mode":"remote"}')).toEqual({ mode: 'local', envId: 'local' });
    expect(() => withConsoleConfig('<head></head>', { mode: 'cloud', envId: 'x' })).toThrow(/weike-config/);
  });
});
