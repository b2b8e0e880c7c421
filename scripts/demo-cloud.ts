/**
 * A throwaway local cloud with the demo company loaded, on the built functions and console, for the commands
 * that show the product with data in it (`npm run screenshots`, `npm run gallery`). Its data folder is
 * temporary and deleted on close.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../emulator/server';
import { sdkEnv } from '../emulator/sdk-env';
import { FUNCTIONS_DIR } from './build';
import { CONSOLE_DIST } from './build-console';
import { seedDemoData } from './demo';

export interface DemoCloud {
  cloud: LocalCloud;
  close(): Promise<void>;
}

export async function startDemoCloud(prefix: string): Promise<DemoCloud> {
  if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('nothing is built: run npm run build first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cloud = await startLocalCloud({ dataDir, port: 0, functionsDir: FUNCTIONS_DIR, consoleDir: CONSOLE_DIST });
  try {
    console.log('loading the demo company (a few minutes on a busy machine)…');
    Object.assign(process.env, sdkEnv(cloud.url, cloud.envId));
    await seedDemoData(sdkEnv(cloud.url, cloud.envId));
  } catch (err) {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    cloud,
    async close() {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
