/**
 * `npm run deploy -- --env local` into an empty local cloud, through the unchanged management SDK: afterwards
 * every collection, index, rule, the storage rule and every function (code, settings, triggers, open-API
 * permissions) is exactly what the repository declares; a second run changes nothing, and `--dry-run`
 * changes nothing either. The end-to-end demo test (test/e2e/demo.test.ts) runs on an environment deployed
 * the same way (test/helpers/deployed-cloud.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readDeclaredState } from '../../scripts/deploy/declared';
import { canonicalJson, CODE_HASH_VARIABLE } from '../../scripts/deploy/plan';
import { FUNCTIONS_DIR, functionEntries, readFunctionConfig } from '../../scripts/function-config';
import { runDeploy, startDeployedCloud } from '../helpers/deployed-cloud';
import type { TestCloud } from '../helpers/local-cloud';

const ROOT = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as unknown;
const declaredCollections = (
  readJson('database/collections.json') as {
    collections: Array<{ name: string; indexes?: Array<{ name: string; keys: Record<string, number>; unique?: boolean }> }>;
  }
).collections;
const declaredRules = readJson('database/security-rules.json') as Record<string, unknown>;

let cloud: TestCloud & Awaited<ReturnType<typeof startDeployedCloud>>;

beforeAll(async () => {
  cloud = await startDeployedCloud();
  console.log(`first deploy into an empty local cloud: ${cloud.firstDeploy.ms} ms`);
}, 120_000);

afterAll(async () => {
  await cloud?.dispose();
});

test('the first deploy created everything and reported each step', () => {
  expect(cloud.firstDeploy.output).toMatch(/(\d+) of \1 steps done/);
  expect(cloud.firstDeploy.output).not.toMatch(/FAIL|deploy incomplete/);
});

test('every declared collection exists, and nothing else', () => {
  expect(cloud.database.collections()).toEqual(declaredCollections.map((c) => c.name).sort());
});

test('every collection has exactly its declared indexes, unique ones unique', () => {
  for (const collection of declaredCollections) {
    const want = (collection.indexes ?? []).map((index) => ({ name: index.name, keys: index.keys, unique: index.unique === true }));
    const have = cloud.database.management.indexes(collection.name).map((index) => ({ name: index.name, keys: index.keys, unique: index.unique === true }));
    expect({ collection: collection.name, indexes: have }).toEqual({ collection: collection.name, indexes: want });
  }
});

test('every collection has its declared security rule, and storage its rule (enforced by the local storage)', () => {
  for (const collection of declaredCollections) {
    const rule = cloud.management!.collectionRule(collection.name);
    expect({ collection: collection.name, acl: rule?.AclTag, rule: rule?.Rule && canonicalJson(JSON.parse(rule.Rule)) }).toEqual({
      collection: collection.name,
      acl: 'CUSTOM',
      rule: canonicalJson(declaredRules[collection.name]),
    });
  }
  expect(cloud.storage.rules).toEqual(readJson('database/storage-rules.json'));
});

test('every function runs the built code with its declared runtime, timeout, memory, variables, permissions and timers', () => {
  const records = cloud.management!.functionRecords();
  const declared = readDeclaredState({ parameters: {}, useLocalValues: true }).functions;
  expect(Object.keys(records).sort()).toEqual(functionEntries().map((entry) => entry.name));
  for (const fn of declared) {
    const config = readFunctionConfig(path.join(FUNCTIONS_DIR, fn.name));
    const record = records[fn.name]!;
    expect({
      name: fn.name,
      runtime: record.Runtime,
      timeout: record.Timeout,
      memorySize: record.MemorySize,
      variables: Object.fromEntries(record.Variables.map((v) => [v.Key, v.Value])),
      triggers: record.Triggers.map((t) => ({ name: t.TriggerName, type: t.Type, config: t.TriggerDesc })),
    }).toEqual({
      name: fn.name,
      runtime: config.runtime,
      timeout: config.timeout,
      memorySize: fn.memorySize,
      variables: { ...(config.envVariables ?? {}), [CODE_HASH_VARIABLE]: fn.codeSha256 },
      triggers: config.triggers ?? [],
    });
    // What the host runs: the uploaded bundle, and a config.json with the open-API permissions of the package.
    const deployed = path.join(cloud.functionsDir!, fn.name);
    expect(fs.readFileSync(path.join(deployed, 'index.js')).equals(fs.readFileSync(path.join(FUNCTIONS_DIR, fn.name, 'index.js')))).toBe(true);
    expect(fs.existsSync(path.join(deployed, 'entry.ts'))).toBe(false);
    const hosted = JSON.parse(fs.readFileSync(path.join(deployed, 'config.json'), 'utf8')) as { permissions: unknown };
    expect({ name: fn.name, permissions: hosted.permissions }).toEqual({ name: fn.name, permissions: config.permissions });
  }
  const timers = (cloud.timers?.triggers ?? []).map((t) => `${t.functionName}.${t.triggerName}`).sort();
  expect(timers).toEqual(declared.flatMap((fn) => fn.triggers.map((t) => `${fn.name}.${t.name}`)).sort());
});

test('a deployed function answers through the gateway', async () => {
  const res = await fetch(`${cloud.url}/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weike-openid': 'deploy-test' },
    body: JSON.stringify({ name: 'user', data: { action: 'me' } }),
  });
  const body = (await res.json()) as { result?: { ok: boolean; data?: { bound: boolean } } };
  expect(body.result).toMatchObject({ ok: true, data: { bound: false } });
});

test('a second deploy plans nothing and changes nothing', async () => {
  const sequence = cloud.database.commitSequence();
  const state = fs.readFileSync(path.join(cloud.dataDir, 'management', 'state.json'), 'utf8');
  const second = await runDeploy(cloud);
  console.log(`second deploy (nothing to do): ${second.ms} ms`);
  expect(second.code).toBe(0);
  expect(second.output).toMatch(/create \(0\)[\s\S]*change \(0\)/);
  expect(second.output).toContain('Nothing to do');
  expect(fs.readFileSync(path.join(cloud.dataDir, 'management', 'state.json'), 'utf8')).toBe(state);
  expect(cloud.database.commitSequence()).toBe(sequence);
}, 60_000);

test('--dry-run lists a drift and an undeclared collection but changes nothing', async () => {
  const [collection] = declaredCollections.filter((c) => (c.indexes ?? []).length > 0);
  const index = collection!.indexes![0]!;
  cloud.database.management.dropIndex(collection!.name, index.name);
  cloud.database.management.createCollection('notDeclared');
  const state = fs.readFileSync(path.join(cloud.dataDir, 'management', 'state.json'), 'utf8');
  const dry = await runDeploy(cloud, ['--dry-run']);
  console.log(`dry run: ${dry.ms} ms`);
  expect(dry.code).toBe(0);
  expect(dry.output).toContain(`+ create index ${collection!.name}.${index.name}`);
  expect(dry.output).toMatch(/not declared \(1\): kept/);
  expect(dry.output).toContain('? collection notDeclared');
  expect(dry.output).toContain('--dry-run: nothing changed.');
  expect(cloud.database.management.indexes(collection!.name).map((i) => i.name)).not.toContain(index.name);
  expect(cloud.database.collections()).toContain('notDeclared');
  expect(fs.readFileSync(path.join(cloud.dataDir, 'management', 'state.json'), 'utf8')).toBe(state);

  // A real run restores the index and keeps the undeclared collection; --prune would delete it.
  const fix = await runDeploy(cloud);
  expect(fix.code).toBe(0);
  expect(cloud.database.management.indexes(collection!.name).map((i) => i.name)).toContain(index.name);
  expect(cloud.database.collections()).toContain('notDeclared');
  const prune = await runDeploy(cloud, ['--prune']);
  expect(prune.code).toBe(0);
  expect(prune.output).toContain('delete collection notDeclared');
  expect(cloud.database.collections()).not.toContain('notDeclared');
}, 90_000);
