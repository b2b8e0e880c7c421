/**
 * `npm run deploy -- --env local` into an empty local cloud, through the unchanged management SDK: afterwards
 * every collection, index, rule, the storage rule and every function (code, settings, triggers, open-API
 * permissions) is exactly what the repository declares; a second run changes nothing, and `--dry-run`
 * changes nothing either. The web console goes to the environment's static website hosting (enabled by the
 * deploy), loads there in a real browser and signs in by scan against the deployed functions. The end-to-end demo test (test/e2e/demo.test.ts) runs on an environment deployed
 * the same way (test/helpers/deployed-cloud.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readDeclaredState } from '../../scripts/deploy/declared';
import { canonicalJson, CODE_HASH_VARIABLE } from '../../scripts/deploy/plan';
import { FUNCTIONS_DIR, functionEntries, readFunctionConfig } from '../../scripts/function-config';
import crypto from 'node:crypto';
import { CONSOLE_DIST } from '../../scripts/build-console';
import { CONSOLE_CONFIG_ELEMENT, parseConsoleConfig } from '../../typings/console-config';
import { consoleHarness, openConsoleBrowser } from '../helpers/console';
import { grant, insertAll, seedMember } from '../helpers/db';
import { useDeploy } from '../helpers/deployed-cloud';
import type { TestCloud } from '../helpers/local-cloud';

const ROOT = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as unknown;
const declaredCollections = (
  readJson('database/collections.json') as {
    collections: Array<{ name: string; indexes?: Array<{ name: string; keys: Record<string, number>; unique?: boolean }> }>;
  }
).collections;
const declaredRules = readJson('database/security-rules.json') as Record<string, unknown>;

const { runDeploy, startDeployedCloud } = useDeploy();
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

/** web/dist as the hosting should hold it, under console/ (Vite's manifest left out): key -> MD5. */
function builtConsole(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(CONSOLE_DIST, full).split(path.sep).join('/');
      if (entry.isDirectory() && rel !== '.vite') walk(full);
      else if (entry.isFile()) files[`console/${rel}`] = crypto.createHash('md5').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(CONSOLE_DIST);
  return files;
}

test('the deploy enabled static website hosting and uploaded every file of the built console, index.html with the runtime configuration', async () => {
  expect(cloud.firstDeploy.output).toContain('+ enable static website hosting');
  const site = (await cloud.management!.hosting.websiteUrl()) as string;
  expect(cloud.firstDeploy.output).toContain(`控制台（web console）: ${site}/console/`);
  const hosted = Object.fromEntries(Object.entries(cloud.management!.hosting.objects()).map(([key, etag]) => [key, etag.replace(/"/g, '')]));
  const built = builtConsole();
  expect(Object.keys(hosted).sort()).toEqual(Object.keys(built).sort());
  for (const [key, md5] of Object.entries(built)) if (key !== 'console/index.html') expect({ key, md5: hosted[key] }).toEqual({ key, md5 });
  // index.html differs from the build by its configuration only: the deployed environment's, written by the deploy.
  const page = await (await fetch(`${site}/console/`)).text();
  const config = new RegExp(`<script id="${CONSOLE_CONFIG_ELEMENT}" type="application/json">([^<]*)</script>`).exec(page)?.[1];
  expect(parseConsoleConfig(config)).toEqual({ mode: 'local', envId: 'local', gateway: cloud.url });
  expect(page.replace(config as string, '')).toBe(
    fs.readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8').replace(/(<script id="weike-config" type="application\/json">)[^<]*/, '$1'),
  );
  // As a static website: assets by path, any console route answers the console's page (the error document).
  const asset = Object.keys(built).find((key) => key.endsWith('.js')) as string;
  const js = await fetch(`${site}/${asset}`);
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toContain('javascript');
  const deep = await fetch(`${site}/console/members`);
  expect(deep.status).toBe(404);
  expect(await deep.text()).toBe(page);
});

test('the console deployed from scratch loads from the hosting in a browser and signs in by scan', async () => {
  await insertAll('departments', [{ _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null }]);
  await seedMember('o-hosted-admin', 'm:hosted-admin', { name: '王托管', roles: [grant('admin')] });
  const site = (await cloud.management!.hosting.websiteUrl()) as string;
  const browser = await openConsoleBrowser();
  try {
    // The harness's dispose would close the cloud too: only the browser is closed here.
    const web = consoleHarness(cloud, browser, site);
    const page = await web.signInByScan('o-hosted-admin');
    expect(new URL(page.url()).origin).toBe(site);
    await page.getByTestId('member-name').filter({ hasText: '王托管' }).waitFor();
    // A reload of a console route loads the console again (the hosting's error document) and stays signed in.
    await page.goto(`${site}/console/members`);
    await page.getByTestId('member-name').filter({ hasText: '王托管' }).waitFor();
    expect(await web.callFromPage(page, 'user', { action: 'me' })).toMatchObject({ ok: true });
  } finally {
    await browser.close();
  }
}, 120_000);

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

test('hosting: a changed file is uploaded again, a file the build does not have is listed and removed only with --prune', async () => {
  const hosting = cloud.management!.hosting;
  const asset = Object.keys(builtConsole()).find((key) => key.endsWith('.css')) as string;
  hosting.putObject(asset, Buffer.from('/* changed by hand */'));
  hosting.putObject('console/assets/stale-abc123.js', Buffer.from('old build'));
  hosting.putObject('MP_verify_x.txt', Buffer.from('not the console'));
  const dry = await runDeploy(cloud, ['--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.output).toContain(`~ upload hosting file ${asset} (changed)`);
  expect(dry.output).toContain('? hosting console/assets/stale-abc123.js');
  expect(dry.output).not.toContain('MP_verify_x.txt');
  expect(dry.output).toMatch(/create \(0\)[\s\S]*change \(1\)/);

  const fix = await runDeploy(cloud);
  expect(fix.code).toBe(0);
  expect(fix.output).toMatch(/1 of 1 steps done/);
  expect(hosting.objects()).toHaveProperty(['console/assets/stale-abc123.js']);
  const prune = await runDeploy(cloud, ['--prune']);
  expect(prune.code).toBe(0);
  expect(prune.output).toContain('delete hosting file console/assets/stale-abc123.js');
  expect(Object.keys(hosting.objects())).not.toContain('console/assets/stale-abc123.js');
  // Outside the console's prefix nothing is the deploy's: left alone even with --prune.
  expect(Object.keys(hosting.objects())).toContain('MP_verify_x.txt');
  const again = await runDeploy(cloud);
  expect(again.output).toContain('Nothing to do');
}, 120_000);
