/**
 * Starts a local cloud in this test process on a free port with a temporary data folder, and points the
 * real wx-server-sdk at it through environment variables only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../emulator/server';
import { loadCollectionDeclarations, openDatabase } from '../../emulator/db';
import { LOCAL_ENV_ID, sdkEnv } from '../../emulator/sdk-env';
import { KEY_FILE } from '../../emulator/gateway/web-auth';
import { registerTestCloud } from './test-clouds';

export interface TestCloud extends LocalCloud {
  dataDir: string;
  env: Record<string, string>;
  /** Closes the server and deletes the data folder. */
  dispose(): Promise<void>;
}

export function makeTempDir(prefix = 'weike-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A fresh data folder makes the local cloud generate a 2048-bit RSA custom-login key pair (about 0.3 s of CPU,
 * emulator/gateway/web-auth.ts). Test clouds without a key of their own share one, kept in the system's
 * temporary folder: the cloud reads an existing key file as it would after a restart, and each cloud's
 * sign-ins stay its own (tokens live in the server). Without the file the first cloud makes it.
 */
const SHARED_KEY = path.join(os.tmpdir(), `weike-test-${KEY_FILE}`);

function provideSharedKey(dataDir: string, envId: string): void {
  const own = path.join(dataDir, KEY_FILE);
  if (envId !== LOCAL_ENV_ID || fs.existsSync(own) || !fs.existsSync(SHARED_KEY)) return;
  fs.copyFileSync(SHARED_KEY, own);
}

function shareKey(dataDir: string, envId: string): void {
  if (envId !== LOCAL_ENV_ID || fs.existsSync(SHARED_KEY)) return;
  // Written whole under a private name, then renamed: parallel jest workers never read half a file.
  const partial = `${SHARED_KEY}.${process.pid}`;
  fs.copyFileSync(path.join(dataDir, KEY_FILE), partial);
  fs.renameSync(partial, SHARED_KEY);
}

/**
 * A fresh data folder also makes the local cloud create every declared collection's table and indexes
 * (emulator/db/store.ts), schema change after schema change. A test cloud in a folder of its own starts
 * instead from a copy of an empty database that the same code made once for the same declarations, as it
 * would reopen its own folder after a restart (every table and index then exists). The copy is kept in the
 * system's temporary folder under a hash of the declarations and of the database code's sources
 * (emulator/db), so a change to either makes a new one; parallel workers write it whole under a private
 * name, then rename it. What it saves: BENCHMARKS.md, npm test wall time.
 */
const DB_FILE = 'db.sqlite';
const DB_SOURCES = path.resolve(__dirname, '../../emulator/db');
const DB_TEMPLATE_PREFIX = 'weike-test-db-';
const DAY_MS = 86_400_000;

/** Templates of earlier declarations or database code, unused for a day, go when a new one is made. */
function forgetUnusedTemplates(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(DB_TEMPLATE_PREFIX) || !name.endsWith('.sqlite')) continue;
    const file = path.join(os.tmpdir(), name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > DAY_MS) fs.rmSync(file, { force: true });
    } catch {
      // Another worker removed it first.
    }
  }
}

function emptyDatabase(options: Partial<LocalCloudOptions>): string {
  const declarations = options.collections ?? loadCollectionDeclarations();
  const hash = createHash('sha256').update(JSON.stringify(declarations));
  for (const file of fs.readdirSync(DB_SOURCES).sort()) hash.update(file).update(fs.readFileSync(path.join(DB_SOURCES, file)));
  const template = path.join(os.tmpdir(), `${DB_TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}.sqlite`);
  if (fs.existsSync(template)) {
    // Marks it in use, for the clean-up below in other checkouts.
    const now = new Date();
    fs.utimesSync(template, now, now);
    return template;
  }
  forgetUnusedTemplates();
  const dir = makeTempDir(DB_TEMPLATE_PREFIX);
  try {
    openDatabase({ dataDir: dir, collections: declarations }).close();
    const partial = `${template}.${process.pid}`;
    fs.copyFileSync(path.join(dir, DB_FILE), partial);
    fs.renameSync(partial, template);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return template;
}

export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? makeTempDir();
  const envId = options.envId ?? LOCAL_ENV_ID;
  provideSharedKey(dataDir, envId);
  // Only a folder made here: a test that names its own folder may mean to reopen what is in it.
  if (!options.dataDir && !options.empty) fs.copyFileSync(emptyDatabase(options), path.join(dataDir, DB_FILE));
  const cloud = await startLocalCloud({ ...options, dataDir, port: 0 });
  shareKey(dataDir, envId);
  registerTestCloud(cloud);
  // The custom-login key too, so functions run in this process can sign the web console in.
  const env = { ...sdkEnv(cloud.url), ...cloud.webAuth.functionEnv() };
  Object.assign(process.env, env);
  return {
    ...cloud,
    dataDir,
    env,
    async dispose() {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a test cloud before the file's tests and disposes of it after them. The handle it returns reaches
 * the running cloud inside hooks and tests (registered after this call, so they run once it has started).
 */
export function useTestCloud(options: Partial<LocalCloudOptions> = {}): TestCloud {
  let cloud: TestCloud | undefined;
  beforeAll(async () => {
    cloud = await startTestCloud(options);
  });
  afterAll(async () => {
    await cloud?.dispose();
  });
  return new Proxy({} as TestCloud, {
    get(_target, key) {
      if (!cloud) throw new Error('the test cloud starts in beforeAll: use it inside hooks and tests');
      return Reflect.get(cloud, key);
    },
  });
}
