/**
 * Starts a local cloud in this test process on a free port with a temporary data folder, and points the
 * real wx-server-sdk at it through environment variables only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../emulator/server';
import { sdkEnv } from '../../emulator/sdk-env';
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

export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? makeTempDir();
  const cloud = await startLocalCloud({ ...options, dataDir, port: 0 });
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
