/** The deploy's plan (scripts/deploy/plan.ts): declared state against described state, no I/O. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalJson, CODE_HASH_VARIABLE, computePlan, describeStep, type EnvironmentState, type FunctionState } from '../../scripts/deploy/plan';
import { deployParameters, MissingParametersError, readDeclaredState } from '../../scripts/deploy/declared';
import { checkMiniprogramEnvId, readMiniprogramEnvId } from '../../scripts/deploy/miniprogram-env';
import { parseDeployArgs } from '../../scripts/deploy';

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

describe('the repository declarations', () => {
  it('every collection has a rule, every function a code hash, and the template ids are deploy parameters', () => {
    const state = readDeclaredState({ parameters: {}, useLocalValues: true });
    expect(state.collections.length).toBeGreaterThan(50);
    expect(Object.values(state.collectionRules).every((rule) => rule !== undefined)).toBe(true);
    expect(state.functions.every((f) => /^[0-9a-f]{64}$/.test(f.envVariables[CODE_HASH_VARIABLE] ?? ''))).toBe(true);
    expect(deployParameters()).toContain('CAMPAIGN_REMINDER_TEMPLATE_ID');
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
